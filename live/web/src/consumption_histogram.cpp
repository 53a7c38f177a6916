#include "consumption_histogram.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cmath>

namespace ews::web::detail {

namespace {
Poco::Dynamic::Var valueOrNull(const std::optional<double>& value) {
  if (!value) return Poco::Dynamic::Var();
  return *value;
}

/// Values (null for none) and the indexes of the bars with a gap sample.
void addBars(Poco::JSON::Object& series, const std::string& prefix, const std::vector<history::BucketValue>& bars,
             GapRule rule) {
  Poco::JSON::Array::Ptr values = new Poco::JSON::Array;
  Poco::JSON::Array::Ptr gaps = new Poco::JSON::Array;
  for (std::size_t index = 0; index < bars.size(); ++index) {
    values->add(valueOrNull(barValue(bars[index], rule)));
    if (bars[index].hasGap()) gaps->add(static_cast<int>(index));
  }
  series.set(prefix.empty() ? "values" : prefix + "Values", values);
  series.set(prefix.empty() ? "gaps" : prefix + "Gaps", gaps);
  series.set(prefix.empty() ? "total" : prefix + "Total", valueOrNull(totalOf(bars, rule)));
}

double largestOf(const std::vector<history::BucketValue>& bars, GapRule rule, double largest) {
  for (const auto& bar : bars) {
    if (const auto value = barValue(bar, rule)) largest = std::max(largest, std::fabs(*value));
  }
  return largest;
}
}  // namespace

std::vector<history::BucketValue> sumOfBars(const std::vector<std::vector<history::BucketValue>>& lists) {
  if (lists.empty()) return {};
  std::vector<history::BucketValue> sum = lists.front();
  for (std::size_t list = 1; list < lists.size(); ++list) {
    for (std::size_t index = 0; index < sum.size() && index < lists[list].size(); ++index) {
      const auto& bar = lists[list][index];
      sum[index].value += bar.value;
      sum[index].samples = std::max(sum[index].samples, bar.samples);
      sum[index].gapSamples = std::max(sum[index].gapSamples, bar.gapSamples);
      sum[index].available = sum[index].available && bar.available;
    }
  }
  return sum;
}

Poco::JSON::Object::Ptr displayUnit(const std::string& unit, double largestMagnitude) {
  Poco::JSON::Object::Ptr display = new Poco::JSON::Object;
  std::string shown = unit;
  double divisor = 1.0;
  if (unit == "Wh" && largestMagnitude >= 1e6) {
    shown = "MWh";
    divisor = 1e6;
  } else if (unit == "Wh" && largestMagnitude >= 1e3) {
    shown = "kWh";
    divisor = 1e3;
  } else if (unit == "dm3" && largestMagnitude >= 1e3) {
    shown = "m3";
    divisor = 1e3;
  }
  display->set("unit", shown);
  display->set("divisor", divisor);
  return display;
}

void HistogramAnswer::add(const std::string& key, const std::string& name, GapRule rule,
                          std::vector<history::BucketValue> current, std::vector<history::BucketValue> previous) {
  series_.push_back({key, name, rule, std::move(current), std::move(previous)});
}

Poco::JSON::Object::Ptr HistogramAnswer::json() const {
  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
  answer->set("period", period_.kindText());
  answer->set("date", period_.text());
  answer->set("previousDate", period_.previous().text());
  answer->set("unit", unit_);
  Poco::JSON::Array::Ptr labels = new Poco::JSON::Array;
  Poco::JSON::Array::Ptr starts = new Poco::JSON::Array;
  Poco::JSON::Array::Ptr previousLabels = new Poco::JSON::Array;
  if (!series_.empty()) {
    for (const auto& bar : series_.front().current) {
      labels->add(period_.label(bar));
      starts->add(formatUtc(bar.start));
    }
    const PeriodView previous = period_.previous();
    for (const auto& bar : series_.front().previous) previousLabels->add(previous.label(bar));
  }
  answer->set("labels", labels);
  answer->set("starts", starts);
  answer->set("previousLabels", previousLabels);
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  double largest = 0.0;
  for (const auto& series : series_) {
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
    item->set("key", series.key);
    item->set("name", series.name);
    addBars(*item, "", series.current, series.rule);
    addBars(*item, "previous", series.previous, series.rule);
    largest = largestOf(series.previous, series.rule, largestOf(series.current, series.rule, largest));
    list->add(item);
  }
  answer->set("series", list);
  answer->set("display", displayUnit(unit_, largest));
  return answer;
}

}  // namespace ews::web::detail
