#pragma once
// Data download (manual 8.5.1, docs/reports.md): the consumption (and optionally the costs) of
// the selected devices, groups or loads between two local dates, per 15 minutes, hour or day,
// as the CSV files of reportdata.zip. Written while it is read: the archive streams to `out`
// file by file, row block by row block, so a year of 255 devices at 15 minutes is never held
// in memory (docs/reports.md, "Memory").
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "ews/export/report_site.hpp"
#include "ews/history/series.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::exporting {

/// The sample rate of the download's rows (manual 8.5.1: 15 minutes by default, 1 hour, 1 day).
enum class DataStep : std::uint8_t { Minutes15, Hour, Day };
/// The list the subjects are taken from (manual 8.5.1: Meter devices (default), Groups, Loads).
enum class DataList : std::uint8_t { Devices, Groups, Loads };

struct DataDownloadRequest {
  DataList list = DataList::Devices;
  std::vector<int> ids;  ///< device, group or load ids; empty: every one of the list
  history::LocalDate first;  ///< first local day, included
  history::LocalDate last;   ///< last local day, included
  DataStep step = DataStep::Minutes15;
  bool costs = false;          ///< also the _cost files (per tariff of each energy)
  bool withStations = false;   ///< "all" devices include the charging stations (Green'Up users)
};

/// The longest range a download may cover (days, first to last included): ten years.
inline constexpr int kMaxDownloadDays = 3660;

/// "15min", "1h", "1d" <-> DataStep; "devices", "groups", "loads" <-> DataList. Parsing throws
/// sitedb::FieldError naming `field` for another text.
DataStep parseDataStep(std::string_view text, const std::string& field);
DataList parseDataList(std::string_view text, const std::string& field);
/// "2026-03-05" (a day that exists); sitedb::FieldError naming `field` otherwise.
history::LocalDate parseLocalDate(std::string_view text, const std::string& field);

/// The subjects `request` selects on `site`, in id order. sitedb::FieldError ("ids",
/// "first", "last") for an unknown id (or a station without withStations), reversed dates or
/// a range longer than kMaxDownloadDays.
std::vector<SiteSubject> selectedSubjects(const ReportSite& site, const DataDownloadRequest& request);

/// Progress of a download: rows (time steps x files) written so far and in all.
using DataProgress = std::function<void(std::uint64_t rowsDone, std::uint64_t rowsTotal)>;

/// Writes reportdata.zip for `request` from the site database `db` (read-only is enough) to
/// `out`, which need not be seekable (an HTTP response). Validates first (sitedb::FieldError
/// before anything is written); std::runtime_error when the database holds no configuration.
void writeReportDataZip(const sitedb::Database& db, const DataDownloadRequest& request, std::ostream& out,
                        const DataProgress& progress = {});
/// The same into a file, written beside it then renamed (never a half-written file at `file`).
void writeReportDataZip(const sitedb::Database& db, const DataDownloadRequest& request,
                        const std::filesystem::path& file, const DataProgress& progress = {});

/// The archive's name (manual 8.5.1).
inline constexpr std::string_view kReportDataZipName = "reportdata.zip";

}  // namespace ews::exporting
