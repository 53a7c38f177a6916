#include "datalogger_csv.hpp"

#include <fmt/format.h>

#include "consumption_histogram.hpp"
#include "ews/kernel/csv.hpp"
#include "ews/stores/local_time_text.hpp"

namespace ews::web::detail {

namespace {
std::string unitOf(installation::Medium medium) { return medium == installation::Medium::Electricity ? "Wh" : "dm3"; }
}  // namespace

std::string dataloggerCsv(const ConsumptionSite& site, const ConsumptionSubject& subject, const PeriodView& period,
                          const history::HistoryQueries& queries) {
  const char separator = site.csv.fieldSeparator;
  const std::string name = subject.name.empty() ? subjectName(subject.key) : subject.name;
  const GapRule rule = gapRuleOf(subject.key);
  // The Wh equivalent of gas is never priced (docs/tariffs.md).
  const bool priced = subject.key.kind != history::SeriesKind::GasWhEquivalent;
  const auto& tariffs = priced ? site.tariffsOf(subject.medium) : std::vector<tariff::Tariff>{};
  std::string text = "date_time";
  text += separator + csv::field(fmt::format("{} ({})", name, unitOf(subject.medium)), separator);
  std::vector<std::vector<history::BucketValue>> costs;
  for (std::size_t position = 0; position < tariffs.size(); ++position) {
    text += separator +
            csv::field(fmt::format("{} [{}] ({})", name, tariffs[position].name, site.currency), separator);
    costs.push_back(period.bars(queries, history::SeriesKey::cost(subject.key, position)));
  }
  text += separator;
  text += "gap\n";
  const auto bars = period.bars(queries, subject.key);
  for (std::size_t index = 0; index < bars.size(); ++index) {
    text += stores::csv::localTimeWithOffset(site.zone, bars[index].start);
    text += separator;
    if (const auto value = barValue(bars[index], rule)) text += csv::field(site.csv.number(*value, 3), separator);
    for (const auto& cost : costs) {
      text += separator;
      if (index < cost.size()) {
        if (const auto value = barValue(cost[index], rule)) text += csv::field(site.csv.number(*value, 6), separator);
      }
    }
    text += separator;
    text += bars[index].hasGap() ? "1\n" : "0\n";
  }
  return text;
}

}  // namespace ews::web::detail
