#pragma once
// datalogger.csv (manual 8.2.2.6, "direct download of data"): the bars of the period a page
// shows, one row per bar, with the site's CSV separators (manual 8.4.1) and the CSV tree's
// date-time form (docs/csv-tree.md), so a spreadsheet reads both alike.
#include <string>

#include "consumption_period.hpp"
#include "consumption_site.hpp"

namespace ews::web::detail {

/// Columns: date_time (the bar's local start with its UTC offset), the subject's consumption in
/// its stored unit, its cost under each tariff of its energy, then gap (1 when a sample of the
/// bar was a gap). An unknown value is an empty field, never a zero.
std::string dataloggerCsv(const ConsumptionSite& site, const ConsumptionSubject& subject, const PeriodView& period,
                          const history::HistoryQueries& queries);

}  // namespace ews::web::detail
