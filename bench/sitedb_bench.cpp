// The site database (reports/sitedb, docs/site-database.md) on the 255-device reference site
// (scenarios/reference-255.yaml, with two electricity tariffs added: sitedb_reference_site.cpp).
//
// SiteDbWriteSample/{empty,tenYears}: one sample instant written by sitedb::HistoryWriter, as
// `ews live --data` writes it - onSamples + onAggregates of the rows the real stack recorded
// (captured from a short virtual-time run: 245 rows - the devices with an energy history, the
// loads, groups and totals - each electricity row with 2 costs), in one transaction with the
// resume state (every device's counter), each row upserted at the five resolutions, and once
// per hour the retention's compaction. One sample per iteration, so the statistics over the
// repetitions are per sample (median, p99, max); `pages_written` counts the database pages the
// sample wrote to the WAL. `empty`: a new database; `tenYears`: a copy of the ten-year one
// below, written on from its last sample. Target: <= 20 ms per sample on one core.
//
// SiteDbQuery/{DayByHour,MonthByDay,DecadeByYear}/{device,total}: one page query per iteration
// through sitedb::HistoryReader::queries(zone) (day: 24 hour bars of the day before the last
// sample; month: the days of the month before; decade: 2020-2029) on a database holding ten
// years of the site's history (sitedb_history_generator.hpp: what the retention keeps, 0.65 M
// buckets, 31 MB), generated once per process into /tmp (the `generation_s` counter says how long
// that took; `bars` the bars a query returns). Target: <= 5 ms at p99.
//
//   ews_bench --benchmark_filter=SiteDb
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "ews/history/history_queries.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/history_reader.hpp"
#include "ews/sitedb/history_writer.hpp"
#include "sitedb_history_generator.hpp"
#include "sitedb_reference_site.hpp"

namespace {

using namespace ews;
namespace fs = std::filesystem;

constexpr int kCapturedSamples = 12;      // two hours of the reference site
constexpr int kWriteRepetitions = 600;    // samples written: 100 h at 10 min, 100 compactions
constexpr int kQueryRepetitions = 2000;   // queries timed per benchmark
/// The ten years end on Monday 2026-06-15 12:00 UTC.
const Time kTenYearsEnd = std::chrono::time_point_cast<Duration>(
    std::chrono::sys_days{std::chrono::year{2026} / 6 / 15} + std::chrono::hours{12});

/// A folder under /tmp, removed with the object.
class ScratchFolder {
 public:
  explicit ScratchFolder(const char* what) {
    std::string pattern = std::string("/tmp/ews-sitedb-bench-") + what + "-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::system_error(errno, std::generic_category(), pattern);
    path_ = pattern;
  }
  ~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

const bench::ReferenceRows& referenceRows() {
  static const bench::ReferenceRows rows = bench::captureReferenceRows(kCapturedSamples);
  return rows;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(rank, values.size() - 1)];
}
double p99(const std::vector<double>& values) { return percentile(values, 0.99); }
double maximum(const std::vector<double>& values) { return percentile(values, 1.0); }

// ---- the ten-year database ----

struct TenYearDb {
  ScratchFolder folder{"ten-years"};
  fs::path file = folder.path() / "ews.db";
  TimeZone zone{referenceRows().timeZone};
  bench::GeneratedHistory generated;
  std::uint64_t fileBytes = 0;
  std::unique_ptr<sitedb::Database> readOnly;
  std::unique_ptr<sitedb::HistoryReader> reader;
};

const TenYearDb& tenYearDb() {
  static const std::unique_ptr<TenYearDb> db = [] {
    auto made = std::make_unique<TenYearDb>();
    {
      const sitedb::Database writable(made->file, sitedb::Database::Mode::ReadWrite);
      made->generated = bench::generateTenYearHistory(writable, bench::historySubjectsOf(referenceRows()), made->zone,
                                                      kTenYearsEnd, referenceRows().sampleRate);
    }
    made->fileBytes = fs::file_size(made->file);
    std::fprintf(stderr, "sitedb bench: ten years of history generated in %.2f s: %llu buckets, %.1f MB in %s\n",
                 made->generated.seconds, static_cast<unsigned long long>(made->generated.rows),
                 static_cast<double>(made->fileBytes) / 1e6, made->file.c_str());
    made->readOnly = std::make_unique<sitedb::Database>(made->file, sitedb::Database::Mode::ReadOnly);
    made->reader = std::make_unique<sitedb::HistoryReader>(*made->readOnly);
    return made;
  }();
  return *db;
}

// ---- writing one sample ----

struct WriteTarget {
  ScratchFolder folder{"write"};
  TimeZone zone{referenceRows().timeZone};
  std::unique_ptr<sitedb::Database> db;
  std::unique_ptr<sitedb::HistoryWriter> writer;
  Time next{};
  std::size_t instant = 1;  // the captured instant written next (0, before any reading, is all gaps)
};

std::unique_ptr<WriteTarget> makeWriteTarget(bool tenYears) {
  const bench::ReferenceRows& rows = referenceRows();
  auto target = std::make_unique<WriteTarget>();
  const fs::path file = target->folder.path() / "ews.db";
  if (tenYears) {
    fs::copy_file(tenYearDb().file, file);
    target->next = tenYearDb().generated.end + rows.sampleRate;
  } else {
    target->next = rows.instants.back().at + rows.sampleRate;
  }
  target->db = std::make_unique<sitedb::Database>(file, sitedb::Database::Mode::ReadWrite);
  target->writer = std::make_unique<sitedb::HistoryWriter>(*target->db, target->zone);
  target->writer->setResumeSource([&rows] { return rows.resume; });
  return target;
}

void BM_SiteDbWriteSample(benchmark::State& state, bool tenYears) {
  static std::unique_ptr<WriteTarget> targets[2];
  std::unique_ptr<WriteTarget>& target = targets[tenYears ? 1 : 0];
  if (!target) target = makeWriteTarget(tenYears);
  const bench::ReferenceRows& rows = referenceRows();
  std::size_t written = 0;
  int pages = 0;
  int highWater = 0;
  sqlite3_db_status(target->db->handle(), SQLITE_DBSTATUS_CACHE_WRITE, &pages, &highWater, 1);
  for (auto _ : state) {
    const bench::CapturedInstant& instant = rows.instants[target->instant];
    target->writer->onSamples(target->next, instant.samples);
    target->writer->onAggregates(target->next, instant.aggregates);
    written = instant.samples.size() + instant.aggregates.size();
    target->next += rows.sampleRate;
    target->instant = target->instant + 1 < rows.instants.size() ? target->instant + 1 : 1;
  }
  if (target->writer->rejectedInstants() != 0) state.SkipWithError("an instant was refused");
  sqlite3_db_status(target->db->handle(), SQLITE_DBSTATUS_CACHE_WRITE, &pages, &highWater, 0);
  state.counters["rows"] = static_cast<double>(written);
  // Database pages the sample wrote to the WAL (4 KiB each; a checkpoint copies them again).
  state.counters["pages_written"] = pages;
}

// ---- page queries ----

enum class Page { DayByHour, MonthByDay, DecadeByYear };

void BM_SiteDbQuery(benchmark::State& state, Page page, bool total) {
  const TenYearDb& db = tenYearDb();
  const history::HistoryQueries queries = db.reader->queries(db.zone);
  const history::SeriesKey series = total ? history::SeriesKey::total(history::SeriesKind::ElectricityTotal)
                                          : history::SeriesKey::device(1);  // the site main meter
  std::size_t bars = 0;
  std::size_t withData = 0;
  for (auto _ : state) {
    std::vector<history::BucketValue> values;
    switch (page) {
      case Page::DayByHour: values = queries.day(series, {2026, 6, 14}); break;
      case Page::MonthByDay: values = queries.month(series, 2026, 5); break;
      case Page::DecadeByYear: values = queries.decade(series, 2026); break;
    }
    benchmark::DoNotOptimize(values.data());
    bars = values.size();
    withData = static_cast<std::size_t>(std::count_if(values.begin(), values.end(), [](const auto& v) { return v.hasData(); }));
  }
  state.counters["bars"] = static_cast<double>(bars);
  state.counters["bars_with_data"] = static_cast<double>(withData);
  state.counters["generation_s"] = db.generated.seconds;
}

/// One measurement per repetition (Iterations(1)): the statistics are over single samples or
/// single queries.
void perCall(benchmark::internal::Benchmark* b, int repetitions) {
  b->Iterations(1)
      ->Repetitions(repetitions)
      ->ReportAggregatesOnly(true)
      ->ComputeStatistics("p99", p99)
      ->ComputeStatistics("max", maximum)
      ->UseRealTime();
}

const bool registered = [] {
  for (const bool tenYears : {false, true}) {
    auto* b = benchmark::RegisterBenchmark(tenYears ? "SiteDbWriteSample/tenYears" : "SiteDbWriteSample/empty",
                                           [tenYears](benchmark::State& state) { BM_SiteDbWriteSample(state, tenYears); });
    perCall(b, kWriteRepetitions);
    b->Unit(benchmark::kMillisecond);
  }
  const std::pair<Page, const char*> pages[] = {
      {Page::DayByHour, "DayByHour"}, {Page::MonthByDay, "MonthByDay"}, {Page::DecadeByYear, "DecadeByYear"}};
  for (const auto& [page, name] : pages) {
    for (const bool total : {false, true}) {
      const std::string full = std::string("SiteDbQuery/") + name + (total ? "/total" : "/device");
      auto* b = benchmark::RegisterBenchmark(full.c_str(), [page = page, total](benchmark::State& state) {
        BM_SiteDbQuery(state, page, total);
      });
      perCall(b, kQueryRepetitions);
      b->Unit(benchmark::kMicrosecond);
    }
  }
  return true;
}();

}  // namespace
