// History as a SampleSink: recording, down-sampling and the persistence hooks.
#include "ews/history/history.hpp"

#include <algorithm>
#include <stdexcept>

#include "ews/history/history_queries.hpp"
#include "ews/history/row_series.hpp"
#include "history_state.hpp"

namespace ews::history {

namespace {
using recording::AggregateSample;
}  // namespace

void History::Impl::beginInstant(Time t) {
  if (keysTime == t) return;
  keysTime = t;
  keys = calendar.keysOfSampleAt(t);
}

void History::Impl::add(SeriesKey key, double value, bool gap) {
  Series& s = series[key];
  for (std::size_t r = 0; r < kResolutionCount; ++r) s.levels[r].add(keys[r], value, gap);
}

void History::Impl::addRow(SeriesKey subject, double delta, std::span<const double> costByTariff, double unpricedDelta,
                           bool gap) {
  add(subject, delta, gap);
  // Stored as the recorder priced them: a later price or rule change never rewrites them.
  if (costByTariff.empty()) return;  // the energy is not billed
  for (std::size_t k = 0; k < costByTariff.size(); ++k) add(SeriesKey::cost(subject, k), costByTariff[k], gap);
  add(SeriesKey::unpriced(subject), unpricedDelta, gap);
}

std::vector<Bucket> History::Impl::range(SeriesKey key, Resolution resolution, std::int64_t fromKey,
                                         std::int64_t toKey) const {
  std::vector<Bucket> buckets;
  if (const Series* s = find(key)) {
    s->levels[static_cast<std::size_t>(resolution)].forEachIn(fromKey, toKey,
                                                              [&buckets](const Bucket& b) { buckets.push_back(b); });
  }
  return buckets;
}

// ---- queries: the pages' questions, answered by the shared query code over this store ----
std::vector<BucketValue> History::day(SeriesKey series, LocalDate date) const { return queries().day(series, date); }
std::vector<BucketValue> History::month(SeriesKey series, int year, unsigned month) const {
  return queries().month(series, year, month);
}
std::vector<BucketValue> History::year(SeriesKey series, int year) const { return queries().year(series, year); }
std::vector<BucketValue> History::decade(SeriesKey series, int anyYear) const { return queries().decade(series, anyYear); }
std::vector<BucketValue> History::samples(SeriesKey series, Time from, Time to) const {
  return queries().samples(series, from, to);
}
PeriodTotal History::total(SeriesKey series, Period period, Time within) const {
  return queries().total(series, period, within);
}
Comparison History::compare(SeriesKey series, Period period, Time now) const {
  return queries().compare(series, period, now);
}
HistoryQueries History::queries() const { return HistoryQueries(*impl_, impl_->calendar.zone()); }

History::History(const TimeZone& zone, Retention retention) : impl_(std::make_unique<Impl>(zone, retention)) {}

History::~History() = default;

void History::onSamples(Time t, std::span<const recording::DeviceSample> samples) {
  if (impl_->lastDeviceSample && t <= *impl_->lastDeviceSample) return;
  impl_->beginInstant(t);
  for (const auto& row : samples) {
    impl_->addRow(SeriesKey::device(row.deviceId), row.delta, row.costByTariff, row.unpricedDelta, row.gap);
  }
  impl_->lastDeviceSample = t;
  compact(t);
}

void History::onAggregates(Time t, std::span<const AggregateSample> aggregates) {
  if (impl_->lastAggregateSample && t <= *impl_->lastAggregateSample) return;
  impl_->beginInstant(t);
  for (const auto& row : aggregates) {
    impl_->addRow(seriesOf(row), row.delta, row.costByTariff, row.unpricedDelta, row.partial);
    if (row.kind == AggregateSample::Kind::GasTotal) {
      impl_->add(SeriesKey::total(SeriesKind::GasWhEquivalent), gasWhEquivalentOf(row), row.partial);
    }
  }
  impl_->lastAggregateSample = t;
}

void History::compact(Time now) {
  for (std::size_t r = 0; r < kResolutionCount; ++r) {
    const auto resolution = static_cast<Resolution>(r);
    const Duration horizon = horizonOf(impl_->retention, resolution);
    if (horizon == Duration::max()) continue;
    // The bucket holding the horizon's instant is kept whole.
    const std::int64_t cut = impl_->calendar.keysOf(now - horizon)[r];
    auto& below = impl_->droppedKeys[r];
    if (below && cut <= *below) continue;
    below = cut;
    for (auto& [key, s] : impl_->series) s.levels[r].dropBelow(cut);
  }
}

std::vector<SeriesKey> History::series() const {
  std::vector<SeriesKey> keys;
  keys.reserve(impl_->series.size());
  for (const auto& [key, s] : impl_->series) keys.push_back(key);
  return keys;
}

std::size_t History::bucketCount() const {
  std::size_t count = 0;
  for (const auto& [key, s] : impl_->series) {
    for (const auto& level : s.levels) count += level.size();
  }
  return count;
}

HistorySnapshot History::snapshot() const {
  HistorySnapshot snap;
  snap.series.reserve(impl_->series.size());
  for (const auto& [key, s] : impl_->series) {
    HistorySnapshot::Series& out = snap.series.emplace_back();
    out.key = key;
    for (std::size_t r = 0; r < kResolutionCount; ++r) out.buckets[r] = s.levels[r].copy();
  }
  snap.lastDeviceSample = impl_->lastDeviceSample;
  snap.lastAggregateSample = impl_->lastAggregateSample;
  snap.droppedBelow = impl_->droppedKeys;
  return snap;
}

void History::restore(const HistorySnapshot& snapshot) {
  auto fresh = std::make_unique<Impl>(impl_->calendar.zone(), impl_->retention);
  // Built aside and swapped in: a malformed snapshot leaves the current state untouched.
  for (const auto& in : snapshot.series) {
    for (const auto& buckets : in.buckets) {
      const auto unordered = std::adjacent_find(buckets.begin(), buckets.end(),
                                                [](const Bucket& a, const Bucket& b) { return a.key >= b.key; });
      if (unordered != buckets.end()) throw std::invalid_argument("history snapshot: bucket keys not ascending");
    }
    Impl::Series& s = fresh->series[in.key];
    for (std::size_t r = 0; r < kResolutionCount; ++r) s.levels[r].assign(in.buckets[r]);
  }
  fresh->lastDeviceSample = snapshot.lastDeviceSample;
  fresh->lastAggregateSample = snapshot.lastAggregateSample;
  fresh->droppedKeys = snapshot.droppedBelow;
  impl_ = std::move(fresh);
}

}  // namespace ews::history
