// The site database's history (HistoryWriter, HistoryReader) against the in-memory History fed
// the same rows: every page query answers the same, across DST days and months, with gaps and
// costs; instants are atomic, replays are refused, and the resume state comes back.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "ews/history/history.hpp"
#include "ews/sitedb/history_reader.hpp"
#include "ews/sitedb/history_writer.hpp"

namespace ews::sitedb {
namespace {

namespace fs = std::filesystem;
using history::Period;
using history::SeriesKey;
using history::SeriesKind;
using recording::AggregateSample;
using recording::DeviceSample;

class TempDb {
 public:
  TempDb() : dir_(fs::temp_directory_path() / fs::path("ews-sitedb-" + std::to_string(::getpid()) + "-" +
                                                        ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TempDb() { fs::remove_all(dir_); }
  fs::path file() const { return dir_ / "ews.db"; }

 private:
  fs::path dir_;
};

/// Feeds one instant of synthetic rows to a sink: three devices (one with a gap every 17th
/// sample), a load, the electricity and gas totals, two tariffs.
class RowSource {
 public:
  void feed(recording::SampleSink& sink, Time t, int index) {
    costs_[0] = {0.1 * index, 0.2};
    costs_[1] = {0.05, 0.01 * (index % 7)};
    const bool gap = index % 17 == 0;
    devices_ = {
        DeviceSample{.deviceId = 1, .delta = 100.0 + index % 13, .costByTariff = costs_[0]},
        DeviceSample{.deviceId = 2, .delta = gap ? 0.0 : 40.0 + index % 5, .gap = gap, .costByTariff = costs_[1],
                     .unpricedDelta = 1.5},
        DeviceSample{.deviceId = 3, .medium = installation::Medium::Gas, .delta = 3.0},
    };
    aggregates_ = {
        AggregateSample{.kind = AggregateSample::Kind::Load, .id = 4, .delta = 140.0, .partial = gap, .costByTariff = costs_[0]},
        AggregateSample{.kind = AggregateSample::Kind::ElectricityTotal, .delta = 140.0 + index % 13, .partial = gap,
                        .costByTariff = costs_[1], .unpricedDelta = 2.0},
        AggregateSample{.kind = AggregateSample::Kind::GasTotal, .delta = 3.0, .gasKWhEquivalent = 0.0336,
                        .medium = installation::Medium::Gas},
    };
    sink.onSamples(t, devices_);
    sink.onAggregates(t, aggregates_);
  }

 private:
  std::array<std::array<double, 2>, 2> costs_{};
  std::vector<DeviceSample> devices_;
  std::vector<AggregateSample> aggregates_;
};

void expectSameBars(const std::vector<history::BucketValue>& a, const std::vector<history::BucketValue>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].start, b[i].start) << i;
    EXPECT_NEAR(a[i].value, b[i].value, 1e-9) << i;
    EXPECT_EQ(a[i].samples, b[i].samples) << i;
    EXPECT_EQ(a[i].gapSamples, b[i].gapSamples) << i;
    EXPECT_EQ(a[i].available, b[i].available) << i;
  }
}

void expectSameTotal(const history::PeriodTotal& a, const history::PeriodTotal& b) {
  EXPECT_NEAR(a.value, b.value, 1e-9);
  EXPECT_EQ(a.samples, b.samples);
  EXPECT_EQ(a.gapSamples, b.gapSamples);
  EXPECT_EQ(a.available, b.available);
}

TEST(SiteDbHistory, EveryPageQueryEqualsTheInMemoryHistoryAcrossDstAndMonths) {
  TempDb temp;
  const TimeZone paris("Europe/Paris");
  const Database db(temp.file(), Database::Mode::ReadWrite);
  HistoryWriter writer(db, paris);
  history::History memory(paris);
  RowSource rows;
  // 2026-03-25 .. 2026-04-03 local: the spring-forward day (23 h) and a month change.
  const Time first = paris.toUtc(LocalDateTime{2026, 3, 25, 0, 10, 0});
  int index = 0;
  Time last = first;
  for (Time t = first; t < first + days(9); t += minutes(10), ++index) {
    rows.feed(writer, t, index);
    rows.feed(memory, t, index);
    last = t;
  }
  const Database reading(temp.file(), Database::Mode::ReadOnly);
  const HistoryReader reader(reading);
  const history::HistoryQueries stored = reader.queries(paris);
  const std::vector<SeriesKey> series = memory.series();
  // Devices 1 and 2, the load and the electricity total are billed: their consumption, two
  // tariffs and the unpriced part (4 each); device 3, the gas total and its Wh equivalent: 1 each.
  ASSERT_EQ(series.size(), 19u);
  for (const SeriesKey& key : series) {
    SCOPED_TRACE(::testing::Message() << "series kind " << int(key.kind) << " id " << key.id << " value "
                                      << int(key.value) << " tariff " << int(key.tariff));
    for (unsigned day = 25; day <= 31; ++day) expectSameBars(stored.day(key, {2026, 3, day}), memory.day(key, {2026, 3, day}));
    expectSameBars(stored.day(key, {2026, 4, 2}), memory.day(key, {2026, 4, 2}));
    expectSameBars(stored.month(key, 2026, 3), memory.month(key, 2026, 3));
    expectSameBars(stored.month(key, 2026, 4), memory.month(key, 2026, 4));
    expectSameBars(stored.year(key, 2026), memory.year(key, 2026));
    expectSameBars(stored.decade(key, 2026), memory.decade(key, 2026));
    expectSameBars(stored.samples(key, last - hours(3), last), memory.samples(key, last - hours(3), last));
    for (const Period period : {Period::Day, Period::Month, Period::Year}) {
      const auto a = stored.compare(key, period, last);
      const auto b = memory.compare(key, period, last);
      expectSameTotal(a.current, b.current);
      expectSameTotal(a.previous, b.previous);
      expectSameTotal(a.previousSameElapsed, b.previousSameElapsed);
    }
  }
  EXPECT_EQ(stored.day(SeriesKey::device(1), {2026, 3, 29}).size(), 23u);
  // Retention: sample rows older than two days are gone from the database, as from memory.
  EXPECT_FALSE(stored.samples(SeriesKey::device(1), first, first + hours(1)).size() > 0);
  EXPECT_EQ(reader.subjects().size(), 7u);
}

TEST(SiteDbHistory, AnInstantIsInvisibleUntilItsAggregatesCommitIt) {
  TempDb temp;
  const TimeZone paris("Europe/Paris");
  const Database db(temp.file(), Database::Mode::ReadWrite);
  HistoryWriter writer(db, paris);
  const Time t = paris.toUtc(LocalDateTime{2026, 1, 5, 0, 10, 0});
  const std::vector<DeviceSample> devices{DeviceSample{.deviceId = 1, .delta = 10.0}};
  writer.onSamples(t, devices);
  const Database other(temp.file(), Database::Mode::ReadOnly);
  const HistoryReader reader(other);
  EXPECT_TRUE(reader.range(SeriesKey::device(1), history::Resolution::Sample, 0, toMicros(t)).empty());
  writer.onAggregates(t, {});
  ASSERT_EQ(reader.range(SeriesKey::device(1), history::Resolution::Sample, 0, toMicros(t)).size(), 1u);
  EXPECT_EQ(writer.lastStoredSample(), t);
}

TEST(SiteDbHistory, AReplayedInstantIsRefusedAndCountsNothingTwice) {
  TempDb temp;
  const TimeZone paris("Europe/Paris");
  const Time t = paris.toUtc(LocalDateTime{2026, 1, 5, 0, 10, 0});
  RowSource rows;
  {
    const Database db(temp.file(), Database::Mode::ReadWrite);
    HistoryWriter writer(db, paris);
    rows.feed(writer, t, 1);
    rows.feed(writer, t + minutes(10), 2);
  }
  const Database db(temp.file(), Database::Mode::ReadWrite);
  HistoryWriter restarted(db, paris);  // a restarted process replaying its last instants
  rows.feed(restarted, t, 1);
  rows.feed(restarted, t + minutes(10), 2);
  rows.feed(restarted, t + minutes(20), 3);
  EXPECT_EQ(restarted.rejectedInstants(), 2u);
  const HistoryReader reader(db);
  const auto total = reader.queries(paris).total(SeriesKey::device(1), Period::Day, t);
  EXPECT_DOUBLE_EQ(total.value, 101.0 + 102.0 + 103.0);
  EXPECT_EQ(total.samples, 3u);
}

TEST(SiteDbHistory, TheResumeStateOfTheLastInstantComesBackAsAGapInterval) {
  TempDb temp;
  const TimeZone paris("Europe/Paris");
  const Time t = paris.toUtc(LocalDateTime{2026, 1, 5, 0, 10, 0});
  const Database db(temp.file(), Database::Mode::ReadWrite);
  EXPECT_FALSE(loadResume(db).has_value());
  {
    HistoryWriter writer(db, paris);
    writer.setResumeSource([] {
      ResumeState state;
      acquisition::CounterState counter{.deviceId = 7, .lastRaw = 12345.0};
      counter.consumption.total = 345.0;
      counter.consumption.corrections = 1;
      state.counters = {counter, acquisition::CounterState{.deviceId = 9}};
      state.recorder.tracks = {{7, 300.0, false}};
      return state;
    });
    RowSource rows;
    rows.feed(writer, t, 1);
  }
  const auto resume = loadResume(db);
  ASSERT_TRUE(resume.has_value());
  EXPECT_EQ(resume->lastSample, t);
  EXPECT_EQ(resume->recorder.lastSample, t);
  ASSERT_EQ(resume->counters.size(), 2u);
  EXPECT_EQ(resume->counters[0].deviceId, 7);
  EXPECT_EQ(resume->counters[0].lastRaw, 12345.0);
  EXPECT_DOUBLE_EQ(resume->counters[0].consumption.total, 345.0);
  EXPECT_EQ(resume->counters[0].consumption.corrections, 1u);
  EXPECT_FALSE(resume->counters[1].lastRaw.has_value());
  ASSERT_EQ(resume->recorder.tracks.size(), 1u);  // device 9 had no recorder baseline
  EXPECT_DOUBLE_EQ(resume->recorder.tracks[0].baselineTotal, 300.0);
  EXPECT_TRUE(resume->recorder.tracks[0].gapInInterval);
}

TEST(SiteDbHistory, EventsAreStoredWithTheirAuthor) {
  TempDb temp;
  const Database db(temp.file(), Database::Mode::ReadWrite);
  const TimeZone paris("Europe/Paris");
  HistoryWriter writer(db, paris);
  const Time t = paris.toUtc(LocalDateTime{2026, 1, 5, 0, 10, 0});
  writer.onEvent(recording::Event{t, 3, "status", "communication error"});
  appendEvent(db, recording::Event{t + seconds(1), 0, "config", "configuration version 2"}, "installer");
  const auto events = readEvents(db, t, t + minutes(1), 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event.kind, "status");
  EXPECT_EQ(events[0].event.deviceId, 3);
  EXPECT_EQ(events[1].author, "installer");
}

TEST(SiteDbDatabase, ANewerSchemaAndAFileThatIsNoDatabaseAreRefusedNamingTheFile) {
  TempDb temp;
  {
    const Database db(temp.file(), Database::Mode::ReadWrite);
    db.exec("PRAGMA user_version = 99");
  }
  try {
    const Database db(temp.file(), Database::Mode::ReadWrite);
    FAIL() << "a newer schema was opened";
  } catch (const DbError& error) {
    EXPECT_NE(std::string(error.what()).find(temp.file().string()), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("newer"), std::string::npos) << error.what();
  }
  fs::remove(temp.file());
  { std::ofstream(temp.file()) << std::string(4096, 'x'); }
  EXPECT_THROW(Database(temp.file(), Database::Mode::ReadWrite), DbError);
}

}  // namespace
}  // namespace ews::sitedb
