#include "report_figures.hpp"

#include "ews/tariff/plan.hpp"

namespace ews::exporting::detail {

namespace {
std::vector<history::BucketValue> barsOf(const history::HistoryQueries& queries, history::SeriesKey series,
                                         const ReportPeriod& period) {
  return period.kind == ReportPeriod::Kind::Monthly ? queries.month(series, period.year, period.month)
                                                    : queries.year(series, period.year);
}

std::optional<double> sumOf(const std::vector<TariffFigures>& tariffs, std::optional<double> TariffFigures::*member) {
  std::optional<double> sum;
  for (const auto& tariff : tariffs) {
    if (tariff.*member) sum = sum.value_or(0.0) + *(tariff.*member);
  }
  return sum;
}
}  // namespace

std::optional<double> SubjectFigures::cost() const { return sumOf(tariffs, &TariffFigures::cost); }
std::optional<double> SubjectFigures::previousCost() const { return sumOf(tariffs, &TariffFigures::previousCost); }

SubjectFigures figuresOf(const history::HistoryQueries& queries, const ReportSite& site, history::SeriesKey series,
                         installation::Medium medium, const ReportPeriod& period) {
  const GapRule rule = gapRuleOf(series);
  SubjectFigures figures;
  const auto bars = barsOf(queries, series, period);
  figures.total = totalOf(bars, rule);
  figures.previousTotal = totalOf(barsOf(queries, series, period.previous()), rule);
  for (const auto& bar : bars) figures.bars.push_back(barValue(bar, rule));
  const auto& tariffs = site.tariffsOf(medium);
  for (std::size_t position = 0; position < tariffs.size(); ++position) {
    const auto key = history::SeriesKey::cost(series, position);
    figures.tariffs.push_back({tariffs[position].name,
                               tariffs[position].colour.empty() ? std::string(tariff::defaultColour(position))
                                                                : tariffs[position].colour,
                               totalOf(barsOf(queries, key, period), rule),
                               totalOf(barsOf(queries, key, period.previous()), rule)});
  }
  return figures;
}

}  // namespace ews::exporting::detail
