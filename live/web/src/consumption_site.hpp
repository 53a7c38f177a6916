#pragma once
// The site as the consumption pages see it (docs/api.md, "Consumptions"): from the configuration
// in force in the site database, the time zone the bars are cut in, the currency and tariffs the
// costs are split by, the CSV separators of datalogger.csv, and the subjects a page may show
// (devices measuring a consumption, loads, groups) with the medium each one counts.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ews/export/report_site.hpp"
#include "ews/history/series.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::web::detail {

/// The site and its subjects are the reports' (ews/export/report_site.hpp): the pages and the
/// downloads read one description of the site.
using ConsumptionSubject = exporting::SiteSubject;

struct ConsumptionSite : exporting::ReportSite {
  explicit ConsumptionSite(exporting::ReportSite site) : exporting::ReportSite(std::move(site)) {}

  /// A subject by its path name: "total", "water", "gas", "gas-wh", "device-12", "load-3",
  /// "group-2". ApiError 422 (field `field`) for a malformed name, 404 for an unknown one.
  ConsumptionSubject subject(const std::string& name, const std::string& field) const;
};

/// The configuration in force, parsed once per stored version: `current` is returned as is when
/// its version is still the latest. ApiError 503 when the database holds no configuration yet.
std::shared_ptr<const ConsumptionSite> consumptionSiteOf(const sitedb::Database& db,
                                                         std::shared_ptr<const ConsumptionSite> current);

/// "total", "device-12", ...: the path name of a series (the inverse of ConsumptionSite::subject).
std::string subjectName(history::SeriesKey key);

}  // namespace ews::web::detail
