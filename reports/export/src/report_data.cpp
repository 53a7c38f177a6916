// reportdata.zip (manual 8.5.1): the request checked against the site, the files planned, then
// each file made block by block while Poco::Zip deflates it into the output.
#include "ews/export/report_data.hpp"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ostream>
#include <set>
#include <stdexcept>

#include "csv_line.hpp"
#include "data_files.hpp"
#include "ews/history/local_calendar.hpp"
#include "ews/reports/atomic_file.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/history_reader.hpp"
#include "pulled_stream.hpp"
#include "step_rows.hpp"

namespace ews::exporting {

namespace {
using detail::DataFile;
using detail::DayBlock;

/// Beyond this many bytes (estimated) the archive is written as Zip64: a 4 GB entry or archive
/// does not fit the classic format. Estimated from rows x columns x the widest field.
constexpr std::uint64_t kZip64Bytes = 0xE000'0000ull;
constexpr std::uint64_t kBytesPerField = 16;

const std::vector<SiteSubject>& listOf(const ReportSite& site, DataList list) {
  switch (list) {
    case DataList::Devices: return site.devices;
    case DataList::Groups: return site.groups;
    case DataList::Loads: break;
  }
  return site.loads;
}

const char* singular(DataList list) {
  switch (list) {
    case DataList::Devices: return "device";
    case DataList::Groups: return "group";
    case DataList::Loads: break;
  }
  return "load";
}

std::string dateText(history::LocalDate date) { return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day); }

/// The text of one file, a block of days at a time (the header first).
class FileRows {
 public:
  FileRows(const ReportSite& site, const DataFile& file, const detail::StepRows& steps, std::vector<DayBlock> blocks,
           std::function<void(std::size_t)> stepsDone)
      : site_(site), file_(file), steps_(steps), blocks_(std::move(blocks)), stepsDone_(std::move(stepsDone)) {}

  bool next(std::string& text) {
    detail::CsvLine line(site_.csv);
    if (!headerDone_) {
      line.text("date_time");
      for (const auto& column : file_.columns) line.text(column.header);
      line.endInto(text);
      headerDone_ = true;
      return true;
    }
    if (index_ == blocks_.size()) return false;
    const DayBlock& block = blocks_[index_++];
    const std::vector<Time> starts = steps_.starts(block);
    std::vector<std::vector<history::BucketValue>> values;
    values.reserve(file_.columns.size());
    for (const auto& column : file_.columns) {
      values.push_back(steps_.values(column.series, block));
      if (values.back().size() != starts.size()) throw std::logic_error("a series' steps differ from the block's");
    }
    for (std::size_t row = 0; row < starts.size(); ++row) {
      line.dateTime(site_.zone, starts[row]);
      for (std::size_t column = 0; column < values.size(); ++column) {
        line.number(barValue(values[column][row], file_.columns[column].rule), file_.columns[column].decimals);
      }
      line.endInto(text);
    }
    if (stepsDone_) stepsDone_(starts.size());
    return true;
  }

 private:
  const ReportSite& site_;
  const DataFile& file_;
  const detail::StepRows& steps_;
  std::vector<DayBlock> blocks_;
  std::function<void(std::size_t)> stepsDone_;
  bool headerDone_ = false;
  std::size_t index_ = 0;
};

void writeZip(const sitedb::Database& db, const DataDownloadRequest& request, std::ostream& out, bool seekable,
              const DataProgress& progress) {
  const ReportSite site = requireReportSite(db);
  const std::vector<SiteSubject> subjects = selectedSubjects(site, request);
  const std::vector<DataFile> files = detail::planDataFiles(site, request.list, subjects, request.costs);
  const sitedb::HistoryReader reader(db);
  const history::HistoryQueries queries = reader.queries(site.zone);
  const detail::StepRows steps(queries, site.zone, request.step);
  const std::uint64_t stepsPerFile = steps.countSteps(request.first, request.last);
  const std::uint64_t rowsTotal = stepsPerFile * files.size();
  std::uint64_t columns = 0;
  for (const auto& file : files) columns += file.columns.size() + 1;
  const bool zip64 = stepsPerFile * columns * kBytesPerField >= kZip64Bytes;

  const LocalDateTime now = site.zone.toLocal(std::chrono::floor<Duration>(std::chrono::system_clock::now()));
  const Poco::DateTime stamp(now.year, static_cast<int>(now.month), static_cast<int>(now.day),
                             static_cast<int>(now.hour), static_cast<int>(now.minute), static_cast<int>(now.second));
  Poco::Zip::Compress zip(out, seekable, zip64);
  std::uint64_t rowsDone = 0;
  if (progress) progress(0, rowsTotal);
  for (const DataFile& file : files) {
    FileRows rows(site, file, steps, steps.blocks(request.first, request.last), [&](std::size_t count) {
      rowsDone += count;
      if (progress) progress(rowsDone, rowsTotal);
    });
    detail::PulledStream text([&rows](std::string& block) { return rows.next(block); });
    zip.addFile(text, stamp, Poco::Path(file.name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                Poco::Zip::ZipCommon::CL_NORMAL);
  }
  zip.close();
  out.flush();
  if (!out) throw std::runtime_error("reportdata.zip: the output could not be written");
}
}  // namespace

DataStep parseDataStep(std::string_view text, const std::string& field) {
  if (text == "15min") return DataStep::Minutes15;
  if (text == "1h") return DataStep::Hour;
  if (text == "1d") return DataStep::Day;
  throw sitedb::FieldError(field, fmt::format("'{}' is none of 15min, 1h, 1d", text));
}

DataList parseDataList(std::string_view text, const std::string& field) {
  if (text == "devices") return DataList::Devices;
  if (text == "groups") return DataList::Groups;
  if (text == "loads") return DataList::Loads;
  throw sitedb::FieldError(field, fmt::format("'{}' is none of devices, groups, loads", text));
}

history::LocalDate parseLocalDate(std::string_view text, const std::string& field) {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  char tail = 0;
  const std::string copy(text);
  if (copy.size() != 10 || std::sscanf(copy.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
      copy[4] != '-' || copy[7] != '-') {
    throw sitedb::FieldError(field, fmt::format("'{}' is not a date YYYY-MM-DD", text));
  }
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  if (!date.ok()) throw sitedb::FieldError(field, fmt::format("{} does not exist", copy));
  return {year, month, day};
}

std::vector<SiteSubject> selectedSubjects(const ReportSite& site, const DataDownloadRequest& request) {
  const auto firstKey = history::LocalCalendar::dayKey(request.first);
  const auto lastKey = history::LocalCalendar::dayKey(request.last);
  if (lastKey < firstKey) {
    throw sitedb::FieldError("last", fmt::format("{} is before the first day {}", dateText(request.last),
                                                 dateText(request.first)));
  }
  if (lastKey - firstKey + 1 > kMaxDownloadDays) {
    throw sitedb::FieldError("last", fmt::format("{} to {} is {} days: a download covers at most {}",
                                                 dateText(request.first), dateText(request.last),
                                                 lastKey - firstKey + 1, kMaxDownloadDays));
  }
  const auto& list = listOf(site, request.list);
  std::vector<SiteSubject> chosen;
  if (request.ids.empty()) {
    for (const auto& subject : list) {
      if (!subject.station || request.withStations) chosen.push_back(subject);
    }
    if (chosen.empty()) {
      throw sitedb::FieldError("ids", fmt::format("no {} records a consumption on this site", singular(request.list)));
    }
    return chosen;
  }
  const std::set<int> ids(request.ids.begin(), request.ids.end());
  for (const int id : ids) {
    const auto found = std::find_if(list.begin(), list.end(), [id](const SiteSubject& s) { return s.key.id == id; });
    if (found == list.end()) {
      throw sitedb::FieldError("ids", fmt::format("no {} {} records a consumption on this site", singular(request.list), id));
    }
    if (found->station && !request.withStations) {
      throw sitedb::FieldError("ids", fmt::format("device {} is a charging station: only Green'Up users download stations", id));
    }
    chosen.push_back(*found);
  }
  return chosen;
}

void writeReportDataZip(const sitedb::Database& db, const DataDownloadRequest& request, std::ostream& out,
                        const DataProgress& progress) {
  writeZip(db, request, out, false, progress);
}

void writeReportDataZip(const sitedb::Database& db, const DataDownloadRequest& request,
                        const std::filesystem::path& file, const DataProgress& progress) {
  // Checked before the file is created, so a refused request leaves nothing behind.
  selectedSubjects(requireReportSite(db), request);
  reports::AtomicFile zip(file.string());
  writeZip(db, request, zip.stream(), true, progress);
  zip.commit();
}

}  // namespace ews::exporting
