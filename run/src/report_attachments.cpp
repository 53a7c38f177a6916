#include "ews/run/report_attachments.hpp"

#include <fmt/format.h>

#include <sstream>
#include <stdexcept>

#include "ews/export/report_data.hpp"
#include "ews/export/report_pdf.hpp"
#include "ews/export/report_site.hpp"

namespace ews::run {

namespace {
using sitedb::AutomaticReport;

history::LocalDate localDate(const std::chrono::year_month_day& day) {
  return {int(day.year()), unsigned(day.month()), unsigned(day.day())};
}

/// The device ids of a Detailed report's names (names are what the settings keep).
std::vector<int> deviceIds(const sitedb::Database& db, const AutomaticReport& report) {
  const auto site = exporting::readReportSite(db);
  if (!site) throw std::runtime_error("the site database holds no configuration");
  std::vector<int> ids;
  for (const auto& name : report.devices) {
    const auto found = std::find_if(site->devices.begin(), site->devices.end(),
                                    [&](const exporting::SiteSubject& s) { return s.name == name; });
    if (found == site->devices.end()) throw std::runtime_error(fmt::format("the configuration has no device '{}'", name));
    ids.push_back(found->key.id);
  }
  return ids;
}
}  // namespace

delivery::MailAttachment makeReportAttachment(const sitedb::Database& db, const AutomaticReport& report,
                                              const delivery::ReportWindow& window) {
  const bool detailed = report.kind == AutomaticReport::Kind::Detailed;
  std::vector<int> ids = detailed ? deviceIds(db, report) : std::vector<int>{};
  std::ostringstream out;
  delivery::MailAttachment file;
  if (report.format == AutomaticReport::Format::Pdf) {
    exporting::ReportPeriod period;
    period.kind = report.period == AutomaticReport::Period::Yearly ? exporting::ReportPeriod::Kind::Yearly
                                                                   : exporting::ReportPeriod::Kind::Monthly;
    period.year = int(window.first.year());
    period.month = unsigned(window.first.month());
    const auto kind = detailed ? exporting::ReportKind::Detailed : exporting::ReportKind::Summary;
    if (detailed) {
      exporting::DeviceSelection selection;
      selection.deviceIds = ids;
      exporting::writeDetailedPdf(db, period, selection, out);
    } else {
      exporting::writeSummaryPdf(db, period, out);
    }
    file.fileName = exporting::reportFileName(kind, period);
    file.mimeType = "application/pdf";
  } else {
    exporting::DataDownloadRequest request;
    request.ids = ids;  // a Summary: every device
    request.first = localDate(window.first);
    request.last = localDate(window.last);
    request.step = exporting::DataStep::Hour;
    request.costs = true;
    exporting::writeReportDataZip(db, request, out);
    file.fileName = std::string(exporting::kReportDataZipName);
    file.mimeType = "application/zip";
  }
  file.content = std::move(out).str();
  return file;
}

}  // namespace ews::run
