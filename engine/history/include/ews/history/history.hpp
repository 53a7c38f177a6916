#pragma once
// The consumption history behind the pages of manual 8.2.2 (Grand Total, Partials, Compare,
// Details): a SampleSink that adds every device row and every aggregate row into buckets by
// sample, hour, day, month and year of the site's LOCAL time, so a day has 23 or 25 hours at
// DST changes and months have their 28-31 days. Old data is kept at a coarser resolution
// only (technical sheet 5), see Retention. Gaps stay visible as per-bucket counts: a bucket
// is never silently zero-filled.
#include <memory>
#include <span>
#include <vector>

#include "ews/history/history_queries.hpp"
#include "ews/history/series.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/recording/sample.hpp"

namespace ews::history {

class History final : public recording::SampleSink {
 public:
  explicit History(const TimeZone& zone, Retention retention = {});
  ~History() override;
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  // ---- SampleSink: rows at or before the last recorded instant are ignored ----
  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override;
  void onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) override;

  /// Drops what Retention no longer keeps, counting back from `now`. Called at each device
  /// sample; public for tests and for a restored history.
  void compact(Time now);

  // ---- queries: histograms of the consumption pages ----
  /// The hours of a local day: 24 values, 23 on the spring-forward day, 25 on the fall-back day.
  std::vector<BucketValue> day(SeriesKey series, LocalDate date) const;
  /// The days of a month (28 to 31 values).
  std::vector<BucketValue> month(SeriesKey series, int year, unsigned month) const;
  /// The 12 months of a year.
  std::vector<BucketValue> year(SeriesKey series, int year) const;
  /// The 10 years of the decade holding `anyYear` (2020-2029 for 2026).
  std::vector<BucketValue> decade(SeriesKey series, int anyYear) const;
  /// The sample-rate rows with from < instant <= to (kept for Retention::sampleHorizon).
  std::vector<BucketValue> samples(SeriesKey series, Time from, Time to) const;

  /// The day, month or year containing `within` (local time).
  PeriodTotal total(SeriesKey series, Period period, Time within) const;
  /// Current period (containing `now`) against the previous one.
  Comparison compare(SeriesKey series, Period period, Time now) const;

  /// Every series seen so far, keys ascending.
  std::vector<SeriesKey> series() const;
  /// Buckets held, all series and resolutions: x sizeof(Bucket) is the payload in memory.
  std::size_t bucketCount() const;

  /// The query object the methods above use, for callers that take any store.
  HistoryQueries queries() const;

  // ---- persistence hooks (the files are written elsewhere) ----
  HistorySnapshot snapshot() const;
  /// Replaces the whole state. The zone and Retention stay those of this History.
  void restore(const HistorySnapshot& snapshot);

 private:
  struct Impl;  // buckets and calendar, in src/ (history_state.hpp)
  std::unique_ptr<Impl> impl_;
};

}  // namespace ews::history
