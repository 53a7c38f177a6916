// The Summary and Detailed PDF reports (manual 8.5.2): the numbers from report_figures, laid out
// on PdfCanvas, labelled from the catalogue of the EWS's language.
#include "ews/export/report_pdf.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "ews/installation/catalogue.hpp"
#include "ews/reports/atomic_file.hpp"
#include "ews/export/report_site.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/history_reader.hpp"
#include "pdf_canvas.hpp"
#include "report_figures.hpp"
#include "report_labels.hpp"

namespace ews::exporting {

namespace {
using detail::PdfCanvas;
using detail::ReportLabels;
using detail::SubjectFigures;
using installation::Medium;

/// What a report shows a medium in: kWh for Wh, m3 for dm3 (the stored units are a thousand
/// times smaller than a reader wants).
struct DisplayUnit {
  std::string name;
  double divisor;
};
DisplayUnit displayOf(Medium medium) { return medium == Medium::Electricity ? DisplayUnit{"kWh", 1000.0} : DisplayUnit{"m3", 1000.0}; }

/// Everything a report's pages share.
struct ReportContext {
  const ReportSite& site;
  const history::HistoryQueries& queries;
  const ReportLabels& labels;
  const ReportPeriod& period;

  std::string number(const std::optional<double>& value, int decimals) const {
    return value ? site.csv.number(*value, decimals) : std::string("-");
  }
  std::string change(const std::optional<double>& current, const std::optional<double>& previous) const {
    if (!current || !previous || *previous == 0.0) return "-";
    return fmt::format("{}{} %", *current >= *previous ? "+" : "", site.csv.number((*current / *previous - 1.0) * 100.0, 1));
  }
  /// A row of the totals table: label, unit, total, previous, change, cost, previous cost.
  std::vector<std::string> row(const std::string& label, Medium medium, const SubjectFigures& figures) const {
    const DisplayUnit unit = displayOf(medium);
    const auto scaled = [&](const std::optional<double>& value) {
      return value ? std::optional<double>(*value / unit.divisor) : std::nullopt;
    };
    return {label,
            unit.name,
            number(scaled(figures.total), 3),
            number(scaled(figures.previousTotal), 3),
            change(figures.total, figures.previousTotal),
            figures.tariffs.empty() ? "-" : number(figures.cost(), 2),
            figures.tariffs.empty() ? "-" : number(figures.previousCost(), 2)};
  }
  std::vector<std::string> header(const std::string& first) const {
    return {first,
            labels("unit"),
            period.text(),
            period.previous().text(),
            labels("change"),
            fmt::format("{} ({})", labels("cost"), site.currency),
            fmt::format("{} {}", labels("cost"), period.previous().text())};
  }
  /// The histogram of a subject's days or months, then the pie of its cost per tariff.
  void charts(PdfCanvas& canvas, const std::string& title, Medium medium, const SubjectFigures& figures) const {
    const DisplayUnit unit = displayOf(medium);
    std::vector<std::optional<double>> bars;
    std::vector<std::string> barLabels;
    for (std::size_t index = 0; index < figures.bars.size(); ++index) {
      bars.push_back(figures.bars[index] ? std::optional<double>(*figures.bars[index] / unit.divisor) : std::nullopt);
      barLabels.push_back(std::to_string(index + 1));
    }
    const bool monthly = period.kind == ReportPeriod::Kind::Monthly;
    canvas.histogram(fmt::format("{} - {}", title, labels(monthly ? "perDay" : "perMonth")), bars, barLabels, unit.name,
                     monthly ? 90.0 : 80.0);
    std::vector<detail::PieSlice> slices;
    for (const auto& tariff : figures.tariffs) {
      slices.push_back({tariff.name, tariff.cost.value_or(0.0), detail::Colour::parse(tariff.colour)});
    }
    canvas.pie(fmt::format("{} - {}", title, labels("costPerTariff")), slices, site.currency, 70.0);
  }
};

std::string mediumLabel(const ReportLabels& labels, Medium medium) {
  return labels(std::string(installation::mediumName(medium)));
}

/// Title, period and the line saying when and where the report was made.
void heading(PdfCanvas& canvas, const ReportContext& report, ReportKind kind) {
  canvas.line(report.labels(kind == ReportKind::Summary ? "summaryTitle" : "detailedTitle"), 20, true);
  canvas.line(fmt::format("{} {}", report.labels(report.period.kind == ReportPeriod::Kind::Monthly ? "monthly" : "yearly"),
                          report.period.text()),
              13, true);
  canvas.line(fmt::format("{}: {}", report.labels("previous"), report.period.previous().text()), 9);
  const Time now = std::chrono::floor<Duration>(std::chrono::system_clock::now());
  canvas.line(fmt::format("{} {} ({})", report.labels("generated"), report.site.zone.format(now, "%F %H:%M"),
                          report.site.zone.name()),
              8);
  canvas.skip(8);
}

void summary(PdfCanvas& canvas, const ReportContext& report) {
  heading(canvas, report, ReportKind::Summary);
  struct Energy {
    history::SeriesKind kind;
    Medium medium;
  };
  const std::vector<Energy> energies = {{history::SeriesKind::ElectricityTotal, Medium::Electricity},
                                        {history::SeriesKind::GasTotal, Medium::Gas},
                                        {history::SeriesKind::WaterTotal, Medium::Water}};
  std::vector<std::vector<std::string>> rows;
  std::vector<SubjectFigures> figures;
  for (const auto& energy : energies) {
    figures.push_back(detail::figuresOf(report.queries, report.site, history::SeriesKey::total(energy.kind),
                                        energy.medium, report.period));
    rows.push_back(report.row(mediumLabel(report.labels, energy.medium), energy.medium, figures.back()));
  }
  canvas.line(report.labels("overall"), 12, true);
  canvas.table(report.header(report.labels("energy")), rows, {110, 40, 70, 70, 55, 77, 77});
  for (std::size_t index = 0; index < energies.size(); ++index) {
    if (!figures[index].total && !figures[index].previousTotal) continue;
    const std::string title = mediumLabel(report.labels, energies[index].medium);
    if (!figures[index].tariffs.empty()) {
      std::vector<std::vector<std::string>> tariffRows;
      for (const auto& tariff : figures[index].tariffs) {
        tariffRows.push_back({tariff.name, report.number(tariff.cost, 2), report.number(tariff.previousCost, 2)});
      }
      canvas.need(80);
      canvas.line(fmt::format("{} - {} ({})", title, report.labels("costPerTariff"), report.site.currency), 10, true);
      canvas.table({report.labels("tariff"), report.period.text(), report.period.previous().text()}, tariffRows,
                   {150, 90, 90});
    }
    report.charts(canvas, title, energies[index].medium, figures[index]);
  }
}

std::vector<SiteSubject> devicesOf(const ReportSite& site, const DeviceSelection& selection) {
  using Filter = DeviceSelection::Filter;
  if (selection.filter != Filter::All) {
    const bool group = selection.filter == Filter::Group;
    const auto& list = group ? site.groups : site.loads;
    if (std::none_of(list.begin(), list.end(), [&](const SiteSubject& s) { return s.key.id == selection.filterId; })) {
      throw sitedb::FieldError(group ? "group" : "load", fmt::format("no {} {} records a consumption on this site",
                                                                     group ? "group" : "load", selection.filterId));
    }
  }
  std::vector<SiteSubject> filtered;
  for (const auto& device : site.devices) {
    if (device.station && !selection.withStations) continue;
    const bool inFilter =
        selection.filter == Filter::All ||
        (selection.filter == Filter::Load && device.loadId == selection.filterId) ||
        (selection.filter == Filter::Group &&
         std::find(device.groupIds.begin(), device.groupIds.end(), selection.filterId) != device.groupIds.end());
    if (inFilter) filtered.push_back(device);
  }
  if (selection.deviceIds.empty()) {
    if (filtered.empty()) throw sitedb::FieldError("devices", "no device of the selection records a consumption");
    return filtered;
  }
  std::vector<SiteSubject> chosen;
  for (const auto& device : filtered) {
    if (std::find(selection.deviceIds.begin(), selection.deviceIds.end(), device.key.id) != selection.deviceIds.end()) {
      chosen.push_back(device);
    }
  }
  for (const int id : selection.deviceIds) {
    if (std::none_of(chosen.begin(), chosen.end(), [id](const SiteSubject& s) { return s.key.id == id; })) {
      throw sitedb::FieldError("devices", fmt::format("device {} is not a device of the selection recording a consumption", id));
    }
  }
  return chosen;
}

void detailed(PdfCanvas& canvas, const ReportContext& report, const std::vector<SiteSubject>& devices) {
  heading(canvas, report, ReportKind::Detailed);
  std::vector<std::vector<std::string>> rows;
  std::vector<SubjectFigures> figures;
  for (const auto& device : devices) {
    figures.push_back(detail::figuresOf(report.queries, report.site, device.key, device.medium, report.period));
    rows.push_back(report.row(fmt::format("{} {}", device.key.id, device.name), device.medium, figures.back()));
  }
  canvas.table(report.header(report.labels("device")), rows, {130, 30, 68, 68, 52, 73, 73});
  for (std::size_t index = 0; index < devices.size(); ++index) {
    canvas.need(200);
    const std::string title = fmt::format("{} {}", devices[index].key.id, devices[index].name);
    canvas.line(fmt::format("{} ({})", title, mediumLabel(report.labels, devices[index].medium)), 11, true);
    report.charts(canvas, title, devices[index].medium, figures[index]);
  }
}

/// Opens what every report reads; `draw(report)` checks the request and returns what draws it.
template <typename Draw>
void writePdf(const sitedb::Database& db, const ReportPeriod& period, std::ostream& out, const PdfOptions& options,
              Draw draw) {
  const ReportSite site = requireReportSite(db);
  const ReportLabels labels(options.language.empty() ? site.language : options.language);
  const sitedb::HistoryReader reader(db);
  const history::HistoryQueries queries = reader.queries(site.zone);
  const ReportContext report{site, queries, labels, period};
  // The selection is checked before the first byte of the document.
  const auto drawPages = draw(report);
  PdfCanvas canvas(out, site.csv.decimalSeparator);
  drawPages(canvas);
  canvas.finish();
  out.flush();
  if (!out) throw std::runtime_error("the PDF could not be written");
}

template <typename Write>
void writeFile(const std::filesystem::path& file, Write write) {
  reports::AtomicFile pdf(file.string());
  write(pdf.stream());
  pdf.commit();
}
}  // namespace

ReportPeriod ReportPeriod::parse(std::string_view text, const std::string& field) {
  int year = 0;
  unsigned month = 0;
  const std::string copy(text);
  char tail = 0;
  if (copy.size() == 4 && std::sscanf(copy.c_str(), "%4d%c", &year, &tail) == 1 && year >= 1970) {
    return {Kind::Yearly, year, 1};
  }
  if (copy.size() == 7 && copy[4] == '-' && std::sscanf(copy.c_str(), "%4d-%2u%c", &year, &month, &tail) == 2 &&
      year >= 1970 && month >= 1 && month <= 12) {
    return {Kind::Monthly, year, month};
  }
  throw sitedb::FieldError(field, fmt::format("'{}' is neither a month YYYY-MM nor a year YYYY", text));
}

ReportPeriod ReportPeriod::previous() const {
  if (kind == Kind::Yearly) return {kind, year - 1, 1};
  return month == 1 ? ReportPeriod{kind, year - 1, 12} : ReportPeriod{kind, year, month - 1};
}

std::string ReportPeriod::text() const {
  return kind == Kind::Yearly ? fmt::format("{:04}", year) : fmt::format("{:04}-{:02}", year, month);
}

std::string reportFileName(ReportKind kind, const ReportPeriod& period) {
  return fmt::format("{}_{}report_{}.pdf", period.kind == ReportPeriod::Kind::Monthly ? "monthly" : "yearly",
                     kind == ReportKind::Detailed ? "detailed_" : "", period.text());
}

void writeSummaryPdf(const sitedb::Database& db, const ReportPeriod& period, std::ostream& out,
                     const PdfOptions& options) {
  writePdf(db, period, out, options, [](const ReportContext& report) {
    return [&report](PdfCanvas& canvas) { summary(canvas, report); };
  });
}

void writeSummaryPdf(const sitedb::Database& db, const ReportPeriod& period, const std::filesystem::path& file,
                     const PdfOptions& options) {
  writeFile(file, [&](std::ostream& out) { writeSummaryPdf(db, period, out, options); });
}

void writeDetailedPdf(const sitedb::Database& db, const ReportPeriod& period, const DeviceSelection& selection,
                      std::ostream& out, const PdfOptions& options) {
  writePdf(db, period, out, options, [&selection](const ReportContext& report) {
    return [&report, devices = devicesOf(report.site, selection)](PdfCanvas& canvas) { detailed(canvas, report, devices); };
  });
}

void writeDetailedPdf(const sitedb::Database& db, const ReportPeriod& period, const DeviceSelection& selection,
                      const std::filesystem::path& file, const PdfOptions& options) {
  // Checked before the file is created, so a refused selection leaves nothing behind.
  devicesOf(requireReportSite(db), selection);
  writeFile(file, [&](std::ostream& out) { writeDetailedPdf(db, period, selection, out, options); });
}

}  // namespace ews::exporting
