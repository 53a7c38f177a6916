#pragma once
// The histograms and comparisons of the consumption pages (manual 8.2.2) over any bucket store
// (bucket_source.hpp): History's queries in memory, the site database's on disk. Semantics in
// docs/history.md ("Queries").
#include <vector>

#include "ews/history/bucket_source.hpp"
#include "ews/history/local_calendar.hpp"
#include "ews/history/series.hpp"

namespace ews::history {

class HistoryQueries {
 public:
  /// `source` must outlive the object; `zone` is the site's.
  HistoryQueries(const BucketSource& source, const TimeZone& zone) : source_(source), calendar_(zone) {}

  /// The hours of a local day: 24 values, 23 on the spring-forward day, 25 on the fall-back day.
  std::vector<BucketValue> day(SeriesKey series, LocalDate date) const;
  /// The days of a month (28 to 31 values).
  std::vector<BucketValue> month(SeriesKey series, int year, unsigned month) const;
  /// The 12 months of a year.
  std::vector<BucketValue> year(SeriesKey series, int year) const;
  /// The 10 years of the decade holding `anyYear` (2020-2029 for 2026).
  std::vector<BucketValue> decade(SeriesKey series, int anyYear) const;
  /// The sample-rate rows with from < instant <= to.
  std::vector<BucketValue> samples(SeriesKey series, Time from, Time to) const;
  /// The day, month or year containing `within` (local time).
  PeriodTotal total(SeriesKey series, Period period, Time within) const;
  /// Current period (containing `now`) against the previous one.
  Comparison compare(SeriesKey series, Period period, Time now) const;

 private:
  struct Bar {
    std::int64_t key;
    Time start;
  };
  /// One value per bar, from one range read of the store.
  std::vector<BucketValue> bars(SeriesKey series, Resolution resolution, const std::vector<Bar>& wanted) const;
  PeriodTotal sum(SeriesKey series, Resolution resolution, std::int64_t fromKey, std::int64_t toKey) const;
  bool dropped(Resolution resolution, std::int64_t key) const;

  const BucketSource& source_;
  LocalCalendar calendar_;
};

}  // namespace ews::history
