#pragma once
// PDF reports (manual 8.5.2, docs/reports.md): the Summary report (overall electricity, gas and
// water, their costs per tariff, the previous period beside) and the Detailed report (the
// selected devices), monthly or yearly, with tables and charts drawn by cairo's PDF surface
// (fonts embedded), labelled in the EWS's language from the web pages' catalogues.
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "ews/sitedb/database.hpp"

namespace ews::exporting {

enum class ReportKind { Summary, Detailed };

/// A report's period: a local month ("2026-03") or a local year ("2026").
struct ReportPeriod {
  enum class Kind { Monthly, Yearly };
  Kind kind = Kind::Monthly;
  int year = 1970;
  unsigned month = 1;  ///< 1..12, Monthly only

  /// "2026-03" -> Monthly, "2026" -> Yearly; sitedb::FieldError naming `field` otherwise.
  static ReportPeriod parse(std::string_view text, const std::string& field);
  /// The one before: last month, last year.
  ReportPeriod previous() const;
  /// "2026-03" or "2026".
  std::string text() const;
};

/// The file name of a report, "report type and period" (manual 8.5.2):
/// "monthly_report_2026-03.pdf", "yearly_report_2026.pdf"; a Detailed report
/// "monthly_detailed_report_2026-03.pdf".
std::string reportFileName(ReportKind kind, const ReportPeriod& period);

/// Which devices a Detailed report covers (manual 8.5.2: filter by Groups / Loads / All
/// devices, then some or all of them).
struct DeviceSelection {
  enum class Filter { All, Group, Load };
  Filter filter = Filter::All;
  int filterId = 0;            ///< the group or load of Filter::Group / Filter::Load
  std::vector<int> deviceIds;  ///< empty: every device of the filter
  bool withStations = false;   ///< "all" includes the charging stations (Green'Up users)
};

struct PdfOptions {
  std::string language;  ///< one of the 13 catalogues ("fr", "nl-BE"...); empty: the EWS's own
};

/// The Summary report of `period` from the site database `db` (read-only is enough).
/// sitedb::FieldError for a bad language; std::runtime_error when the database holds no
/// configuration.
void writeSummaryPdf(const sitedb::Database& db, const ReportPeriod& period, std::ostream& out,
                     const PdfOptions& options = {});
void writeSummaryPdf(const sitedb::Database& db, const ReportPeriod& period, const std::filesystem::path& file,
                     const PdfOptions& options = {});

/// The Detailed report of the selected devices. sitedb::FieldError ("devices", "group",
/// "load") for an unknown id or an empty selection.
void writeDetailedPdf(const sitedb::Database& db, const ReportPeriod& period, const DeviceSelection& selection,
                      std::ostream& out, const PdfOptions& options = {});
void writeDetailedPdf(const sitedb::Database& db, const ReportPeriod& period, const DeviceSelection& selection,
                      const std::filesystem::path& file, const PdfOptions& options = {});

}  // namespace ews::exporting
