// `ews report download` and `ews report pdf` (docs/cli.md, docs/reports.md): reportdata.zip and
// the PDF reports of a data folder, made by the same functions as the Reports & data download
// pages (reports/export), from the site database opened read-only (an ews may run on it).
#include <fmt/format.h>

#include <charconv>

#include "commands.hpp"
#include "data_folder.hpp"
#include "exit_codes.hpp"
#include "ews/export/report_data.hpp"
#include "ews/export/report_pdf.hpp"
#include "ews/sitedb/field_error.hpp"
#include "progress_bar.hpp"

namespace ews::cli {

namespace {
/// "group:3" -> {Group, 3}; nullopt for another text.
std::optional<exporting::DeviceSelection> filterOf(const std::string& text) {
  exporting::DeviceSelection selection;
  if (text == "all") return selection;
  const auto colon = text.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const std::string kind = text.substr(0, colon);
  if (kind != "group" && kind != "load") return std::nullopt;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  if (const auto [end, error] = std::from_chars(first, last, selection.filterId); error != std::errc() || end != last) {
    return std::nullopt;
  }
  selection.filter = kind == "group" ? exporting::DeviceSelection::Filter::Group : exporting::DeviceSelection::Filter::Load;
  return selection;
}
}  // namespace

int runReportDownload(const ReportDownloadOptions& options) {
  exporting::DataDownloadRequest request;
  try {
    request.list = exporting::parseDataList(options.list, "--list");
    request.ids = options.ids;
    request.first = exporting::parseLocalDate(options.from, "--from");
    request.last = exporting::parseLocalDate(options.to, "--to");
    request.step = exporting::parseDataStep(options.step, "--step");
  } catch (const sitedb::FieldError& error) {
    fmt::print(stderr, "ews report download: {}\n", error.what());
    return kUsage;
  }
  request.costs = options.costs;
  request.withStations = options.stations;
  const auto stored = readStoredSite("ews report download", options.dataDir);
  if (!stored) return kInvalidInput;
  try {
    ProgressBar bar(true);
    exporting::writeReportDataZip(*stored->db, request, std::filesystem::path(options.outPath),
                                  [&bar](std::uint64_t done, std::uint64_t total) {
                                    if (total > 0) bar.show(static_cast<double>(done) / static_cast<double>(total), "rows");
                                  });
    bar.finish();
  } catch (const sitedb::FieldError& error) {
    // The API's field names: ids, last (--ids, --to).
    fmt::print(stderr, "ews report download: {}\n", error.what());
    return kInvalidInput;
  }
  fmt::print("{}\n", options.outPath);
  return kOk;
}

int runReportPdf(const ReportPdfOptions& options) {
  std::optional<exporting::ReportPeriod> period;
  auto selection = filterOf(options.filter);
  try {
    period = exporting::ReportPeriod::parse(options.period, "--period");
  } catch (const sitedb::FieldError& error) {
    fmt::print(stderr, "ews report pdf: {}\n", error.what());
    return kUsage;
  }
  if (!selection) {
    fmt::print(stderr, "ews report pdf: --filter: expected all, group:ID or load:ID, got '{}'\n", options.filter);
    return kUsage;
  }
  selection->deviceIds = options.devices;
  selection->withStations = options.stations;
  const bool detailed = options.type == "detailed";
  const std::string out = options.outPath.empty()
                              ? exporting::reportFileName(detailed ? exporting::ReportKind::Detailed
                                                                   : exporting::ReportKind::Summary,
                                                          *period)
                              : options.outPath;
  const auto stored = readStoredSite("ews report pdf", options.dataDir);
  if (!stored) return kInvalidInput;
  try {
    const exporting::PdfOptions pdf{options.language};
    if (detailed) {
      exporting::writeDetailedPdf(*stored->db, *period, *selection, std::filesystem::path(out), pdf);
    } else {
      exporting::writeSummaryPdf(*stored->db, *period, std::filesystem::path(out), pdf);
    }
  } catch (const sitedb::FieldError& error) {
    fmt::print(stderr, "ews report pdf: {}\n", error.what());
    return kInvalidInput;
  }
  fmt::print("{}\n", out);
  return kOk;
}

}  // namespace ews::cli
