#pragma once
// The site as the consumption pages see it (docs/api.md, "Consumptions"): from the configuration
// in force in the site database, the time zone the bars are cut in, the currency and tariffs the
// costs are split by, the CSV separators of datalogger.csv, and the subjects a page may show
// (devices measuring a consumption, loads, groups) with the medium each one counts.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ews/history/series.hpp"
#include "ews/installation/spec.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/reports/csv_format.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/tariff/plan.hpp"

namespace ews::web::detail {

struct ConsumptionSubject {
  history::SeriesKey key;
  std::string name;  ///< empty for the site's totals (the pages name them)
  installation::Medium medium = installation::Medium::Electricity;
  int address = 0;             ///< devices: the Modbus address (247 for a virtual device)
  bool virtualDevice = false;  ///< a Master/Slave virtual device (manual 8.2.2 notes)
};

struct ConsumptionSite {
  ConsumptionSite(int configVersion, const std::string& timeZone) : version(configVersion), zone(timeZone) {}

  int version;
  TimeZone zone;
  std::string currency;
  double gasKWhPerM3 = 11.2;
  reports::CsvFormat csv;
  tariff::TariffPlan tariffs;
  std::vector<ConsumptionSubject> devices;  ///< in id order, those recording a consumption
  std::vector<ConsumptionSubject> loads;    ///< in id order, enabled and with a counted device
  std::vector<ConsumptionSubject> groups;   ///< in id order, enabled and with a counted device

  /// A subject by its path name: "total", "water", "gas", "gas-wh", "device-12", "load-3",
  /// "group-2". ApiError 422 (field `field`) for a malformed name, 404 for an unknown one.
  ConsumptionSubject subject(const std::string& name, const std::string& field) const;
  const std::vector<tariff::Tariff>& tariffsOf(installation::Medium medium) const {
    return tariffs.of(medium).tariffs;
  }
};

/// The configuration in force, parsed once per stored version: `current` is returned as is when
/// its version is still the latest. ApiError 503 when the database holds no configuration yet.
std::shared_ptr<const ConsumptionSite> consumptionSiteOf(const sitedb::Database& db,
                                                         std::shared_ptr<const ConsumptionSite> current);

/// "total", "device-12", ...: the path name of a series (the inverse of ConsumptionSite::subject).
std::string subjectName(history::SeriesKey key);

}  // namespace ews::web::detail
