#pragma once
// The site as the downloads, the PDF reports and the consumption pages see it (docs/reports.md):
// from the configuration in force in the site database, the zone the periods are cut in, the
// currency and tariffs the costs are split by, the CSV separators (manual 8.4.1), the language
// of the reports, and the subjects that record a consumption (devices, loads, groups) with the
// medium each one counts.
#include <optional>
#include <string>
#include <vector>

#include "ews/history/series.hpp"
#include "ews/installation/spec.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/reports/csv_format.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/tariff/plan.hpp"

namespace ews::exporting {

struct SiteSubject {
  history::SeriesKey key;
  std::string name;  ///< empty for the site's totals (the pages name them)
  installation::Medium medium = installation::Medium::Electricity;
  int address = 0;             ///< devices: the Modbus address (247 for a virtual device)
  bool virtualDevice = false;  ///< a Master/Slave virtual device (manual 8.2.2 notes)
  bool station = false;        ///< a Green'Up charging station (only Green'Up users list them)
  /// Devices: the load and groups the device belongs to (0 / empty: none), for the filters.
  int loadId = 0;
  std::vector<int> groupIds;
};

struct ReportSite {
  ReportSite(int configVersion, const std::string& timeZone) : version(configVersion), zone(timeZone) {}

  int version;
  TimeZone zone;
  std::string currency;
  double gasKWhPerM3 = 11.2;
  reports::CsvFormat csv;
  tariff::TariffPlan tariffs;
  std::string language = "en";         ///< the EWS's language (manual 7.11.1): the reports'
  std::vector<SiteSubject> devices;    ///< in id order, those recording a consumption
  std::vector<SiteSubject> loads;      ///< in id order, enabled and with a counted device
  std::vector<SiteSubject> groups;     ///< in id order, enabled and with a counted device

  const std::vector<tariff::Tariff>& tariffsOf(installation::Medium medium) const { return tariffs.of(medium).tariffs; }
  /// The subject of `key` among devices, loads and groups; nullptr when the site has none.
  const SiteSubject* find(history::SeriesKey key) const;
};

/// The configuration in force (the latest stored version); nullopt when the database holds
/// none yet. Parsing errors of a stored version (it was accepted when stored) propagate.
std::optional<ReportSite> readReportSite(const sitedb::Database& db);
/// The same for a report: std::runtime_error naming the database when it holds none.
ReportSite requireReportSite(const sitedb::Database& db);

/// "Wh" for electricity, "dm3" for water and gas (manual 8.5.1 note).
std::string unitOf(installation::Medium medium);

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

}  // namespace ews::exporting
