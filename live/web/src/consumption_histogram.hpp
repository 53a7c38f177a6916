#pragma once
// One answer of the consumption pages (docs/api.md, "Consumptions"): the bars of a few subjects
// over the period shown and the previous one, each bar a number or null (a gap, a period not
// recorded, a dropped resolution: never a zero), the totals, and the display unit the page
// scales them to (Wh, kWh, MWh; dm3, m3). Values stay in the stored unit so a client compares
// them with the database exactly.
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

#include "consumption_period.hpp"

namespace ews::web::detail {

/// How gap samples read. A device's gap row holds nothing (its consumption lands where reading
/// resumes), so a bar of gap rows only is unknown. A load's, group's or total's row is flagged
/// partial when one member had a gap but still holds the others' consumption: a value, marked
/// (unknown only when every row of the bar is partial and they add up to nothing: no member
/// was read).
enum class GapRule { DeviceRows, AggregateRows };
GapRule gapRuleOf(history::SeriesKey key);

/// A bar's value, or nullopt when nothing counted was recorded in it: no sample, only gap
/// rows of a device (communication error), or its resolution dropped.
std::optional<double> barValue(const history::BucketValue& bar, GapRule rule);
/// The sum of the bars with a value; nullopt when none has one.
std::optional<double> totalOf(const std::vector<history::BucketValue>& bars, GapRule rule);
/// Bar by bar sum of parallel bar lists (a subject's cost over its tariffs): a bar with a value
/// in none of them stays without one.
std::vector<history::BucketValue> sumOfBars(const std::vector<std::vector<history::BucketValue>>& lists);

/// {"unit": "kWh", "divisor": 1000} for Wh bars up to a few MWh, and so on; currencies stay.
Poco::JSON::Object::Ptr displayUnit(const std::string& unit, double largestMagnitude);

class HistogramAnswer {
 public:
  HistogramAnswer(PeriodView period, std::string unit) : period_(period), unit_(std::move(unit)) {}

  void add(const std::string& key, const std::string& name, GapRule rule, std::vector<history::BucketValue> current,
           std::vector<history::BucketValue> previous);
  Poco::JSON::Object::Ptr json() const;

 private:
  struct Series {
    std::string key;
    std::string name;
    GapRule rule;
    std::vector<history::BucketValue> current;
    std::vector<history::BucketValue> previous;
  };
  PeriodView period_;
  std::string unit_;
  std::vector<Series> series_;
};

}  // namespace ews::web::detail
