#include "ews/sitedb/history_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

#include "bucket_columns.hpp"
#include "ews/history/local_calendar.hpp"
#include "ews/history/row_series.hpp"

namespace ews::sitedb {

namespace {
using history::Resolution;
using history::SeriesKey;

constexpr std::size_t kResolutions = history::kResolutionCount;
constexpr const char* kLastSampleKey = "last_sample_us";

constexpr const char* kUpsertBucket = R"sql(
INSERT INTO buckets(kind, subject, resolution, key, value, unpriced, cost0, cost1, cost2, cost3, cost4, samples, gaps)
VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12)
ON CONFLICT(kind, subject, resolution, key) DO UPDATE SET
  value = value + excluded.value, unpriced = unpriced + excluded.unpriced,
  cost0 = cost0 + excluded.cost0, cost1 = cost1 + excluded.cost1, cost2 = cost2 + excluded.cost2,
  cost3 = cost3 + excluded.cost3, cost4 = cost4 + excluded.cost4,
  samples = samples + 1, gaps = gaps + excluded.gaps)sql";

constexpr const char* kUpsertCounter = R"sql(
INSERT INTO counters(device, last_raw, total, corrections, baseline) VALUES(?1, ?2, ?3, ?4, ?5)
ON CONFLICT(device) DO UPDATE SET last_raw = excluded.last_raw, total = excluded.total,
  corrections = excluded.corrections, baseline = excluded.baseline)sql";


std::string droppedKeyName(std::size_t resolution) { return fmt::format("dropped_below_{}", resolution); }
}  // namespace

history::Retention siteRetention() {
  history::Retention retention;
  retention.sampleHorizon = days(400);  // 13 months (at most 397 days) and a margin
  return retention;
}

struct HistoryWriter::Impl {
  Impl(const Database& database, const TimeZone& zone, history::Retention keep)
      : db(database),
        calendar(zone),
        retention(keep),
        upsertBucket(db.prepare(kUpsertBucket)),
        upsertCounter(db.prepare(kUpsertCounter)),
        insertEvent(db.prepare("INSERT INTO events(at_us, device, kind, detail, author) VALUES(?, ?, ?, ?, '')")),
        removeOlder(db.prepare("DELETE FROM buckets WHERE resolution = ? AND key < ?")) {
    lastStored = db.metaTime(kLastSampleKey);
  }

  void begin(Time t) {
    if (transaction) return;
    transaction = std::make_unique<Transaction>(db);
    instant = t;
    keys = calendar.keysOfSampleAt(t);
  }

  void addRow(SeriesKey subject, double delta, std::span<const double> costs, double unpriced, bool gap) {
    for (std::size_t r = 0; r < kResolutions; ++r) {
      upsertBucket.bind(1, static_cast<int>(subject.kind)).bind(2, subject.id).bind(3, static_cast<int>(r));
      upsertBucket.bind(4, keys[r]).bind(5, delta).bind(6, unpriced);
      for (std::size_t k = 0; k < detail::kCostColumns; ++k) upsertBucket.bind(7 + static_cast<int>(k), k < costs.size() ? costs[k] : 0.0);
      upsertBucket.bind(12, gap ? 1 : 0);
      upsertBucket.run();
    }
  }

  void storeResume() {
    if (!resumeSource) return;
    const ResumeState state = resumeSource();
    const std::vector<history::RecorderState::Track>& tracks = state.recorder.tracks;  // by device id
    for (const acquisition::CounterState& counter : state.counters) {
      upsertCounter.bind(1, counter.deviceId);
      if (counter.lastRaw) upsertCounter.bind(2, *counter.lastRaw); else upsertCounter.bindNull(2);
      upsertCounter.bind(3, counter.consumption.total).bind(4, static_cast<std::int64_t>(counter.consumption.corrections));
      const auto track = std::lower_bound(tracks.begin(), tracks.end(), counter.deviceId,
                                          [](const history::RecorderState::Track& t, int id) { return t.deviceId < id; });
      if (track != tracks.end() && track->deviceId == counter.deviceId) {
        upsertCounter.bind(5, track->baselineTotal);
      } else {
        upsertCounter.bindNull(5);
      }
      upsertCounter.run();
    }
  }

  /// Deletes what Retention no longer keeps, once per local hour of samples: one range delete
  /// per resolution on the time-first key.
  void compact(Time now) {
    const std::int64_t hour = keys[static_cast<std::size_t>(Resolution::Hour)];
    if (lastCompactedHour == hour) return;
    lastCompactedHour = hour;
    for (std::size_t r = 0; r < kResolutions; ++r) {
      const Duration horizon = history::horizonOf(retention, static_cast<Resolution>(r));
      if (horizon == Duration::max()) continue;
      // The bucket holding the horizon's instant is kept whole.
      const std::int64_t cut = calendar.keysOf(now - horizon)[r];
      removeOlder.bind(1, static_cast<int>(r)).bind(2, cut).run();
      db.setMeta(droppedKeyName(r), std::to_string(cut));
    }
  }

  void commit() {
    if (!transaction) return;
    storeResume();
    db.setMeta(kLastSampleKey, std::to_string(toMicros(instant)));
    compact(instant);
    transaction->commit();
    transaction.reset();
    lastStored = instant;
  }

  const Database& db;
  history::LocalCalendar calendar;
  history::Retention retention;
  Statement upsertBucket;
  Statement upsertCounter;
  Statement insertEvent;
  Statement removeOlder;
  std::function<ResumeState()> resumeSource;
  std::unique_ptr<Transaction> transaction;
  Time instant{};
  std::array<std::int64_t, kResolutions> keys{};
  std::optional<Time> lastStored;
  std::optional<std::int64_t> lastCompactedHour;
  std::uint64_t rejected = 0;
};

HistoryWriter::HistoryWriter(const Database& db, const TimeZone& zone, history::Retention retention)
    : impl_(std::make_unique<Impl>(db, zone, retention)) {}

HistoryWriter::~HistoryWriter() {
  try {
    flush();
  } catch (const DbError&) {
    // Destruction must not throw; the instant is simply not stored (as after a crash).
  }
}

void HistoryWriter::setResumeSource(std::function<ResumeState()> source) { impl_->resumeSource = std::move(source); }

void HistoryWriter::onSamples(Time t, std::span<const recording::DeviceSample> samples) {
  flush();  // an earlier instant without aggregates
  if (impl_->lastStored && t <= *impl_->lastStored) {
    ++impl_->rejected;
    return;
  }
  impl_->begin(t);
  for (const auto& row : samples) {
    impl_->addRow(SeriesKey::device(row.deviceId), row.delta, row.costByTariff, row.unpricedDelta, row.gap);
  }
}

void HistoryWriter::onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) {
  if (!impl_->transaction || impl_->instant != t) return;  // rejected instant
  for (const auto& row : aggregates) {
    impl_->addRow(history::seriesOf(row), row.delta, row.costByTariff, row.unpricedDelta, row.partial);
    if (row.kind == recording::AggregateSample::Kind::GasTotal) {
      impl_->addRow(SeriesKey::total(history::SeriesKind::GasWhEquivalent), history::gasWhEquivalentOf(row), {}, 0.0,
                    row.partial);
    }
  }
  impl_->commit();
}

void HistoryWriter::onEvent(const recording::Event& event) {
  // Inside the open instant's transaction when there is one, else on its own (autocommit).
  impl_->insertEvent.bind(1, toMicros(event.at)).bind(2, event.deviceId).bind(3, event.kind).bind(4, event.detail);
  impl_->insertEvent.run();
}

void HistoryWriter::flush() { impl_->commit(); }

std::optional<Time> HistoryWriter::lastStoredSample() const { return impl_->lastStored; }

std::uint64_t HistoryWriter::rejectedInstants() const { return impl_->rejected; }

std::optional<StoredResume> loadResume(const Database& db) {
  const auto last = db.metaTime(kLastSampleKey);
  if (!last) return std::nullopt;
  StoredResume resume;
  resume.lastSample = *last;
  resume.recorder.lastSample = resume.lastSample;
  Statement rows = db.prepare("SELECT device, last_raw, total, corrections, baseline FROM counters ORDER BY device");
  while (rows.step()) {
    acquisition::CounterState& counter = resume.counters.emplace_back();
    counter.deviceId = static_cast<int>(rows.int64(0));
    if (!rows.isNull(1)) counter.lastRaw = rows.real(1);
    counter.consumption.total = rows.real(2);
    counter.consumption.corrections = static_cast<std::uint64_t>(rows.int64(3));
    counter.consumption.at = resume.lastSample;
    // The process was not watching from the last stored sample until now: the first interval
    // after a restart is a gap, and what flowed meanwhile lands in the next one.
    if (!rows.isNull(4)) resume.recorder.tracks.push_back({counter.deviceId, rows.real(4), true});
  }
  return resume;
}

void appendEvent(const Database& db, const recording::Event& event, std::string_view author) {
  Statement insert = db.prepare("INSERT INTO events(at_us, device, kind, detail, author) VALUES(?, ?, ?, ?, ?)");
  insert.bind(1, toMicros(event.at)).bind(2, event.deviceId).bind(3, event.kind).bind(4, event.detail).bind(5, author);
  insert.run();
}

}  // namespace ews::sitedb
