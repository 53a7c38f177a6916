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
#include "ews/export/report_site.hpp"

namespace ews::web::detail {

/// How gap samples read, a bar's value and a total: the reports' rules (ews/export/report_site.hpp),
/// so a page, a download and a PDF agree on every bar.
using exporting::barValue;
using exporting::GapRule;
using exporting::gapRuleOf;
using exporting::totalOf;
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
