#pragma once
// The numbers of a PDF report, read from the site database with the consumption pages' queries
// (history::HistoryQueries): for one subject, its total over the period and the previous one,
// its bars (days of a month, months of a year), and its cost per tariff. Values in the stored
// units (Wh, dm3, currency); a bar or total with nothing stored is nullopt, never a zero.
#include <optional>
#include <string>
#include <vector>

#include "ews/export/report_pdf.hpp"
#include "ews/export/report_site.hpp"
#include "ews/history/history_queries.hpp"

namespace ews::exporting::detail {

struct TariffFigures {
  std::string name;
  std::string colour;  ///< "#RRGGBB"
  std::optional<double> cost;
  std::optional<double> previousCost;
};

struct SubjectFigures {
  std::optional<double> total;
  std::optional<double> previousTotal;
  std::vector<std::optional<double>> bars;  ///< days of the month or months of the year
  std::vector<TariffFigures> tariffs;       ///< empty when the energy is not billed
  std::optional<double> cost() const;
  std::optional<double> previousCost() const;
};

SubjectFigures figuresOf(const history::HistoryQueries& queries, const ReportSite& site, history::SeriesKey series,
                         installation::Medium medium, const ReportPeriod& period);

}  // namespace ews::exporting::detail
