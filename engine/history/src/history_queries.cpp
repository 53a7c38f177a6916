// The histograms and comparisons of the consumption pages (manual 8.2.2), over a BucketSource.
#include "ews/history/history_queries.hpp"

#include <algorithm>

namespace ews::history {

namespace {
constexpr int kYearsPerDecade = 10;
constexpr unsigned kMonthsPerYear = 12;

constexpr std::size_t index(Resolution resolution) { return static_cast<std::size_t>(resolution); }

Resolution resolutionOf(Period period) {
  switch (period) {
    case Period::Day: return Resolution::Day;
    case Period::Month: return Resolution::Month;
    case Period::Year: return Resolution::Year;
  }
  return Resolution::Day;
}
}  // namespace

bool HistoryQueries::dropped(Resolution resolution, std::int64_t key) const {
  const auto below = source_.droppedBelow(resolution);
  return below && key < *below;
}

std::vector<BucketValue> HistoryQueries::bars(SeriesKey series, Resolution resolution,
                                              const std::vector<Bar>& wanted) const {
  std::vector<BucketValue> values;
  if (wanted.empty()) return values;
  const std::vector<Bucket> stored = source_.range(series, resolution, wanted.front().key, wanted.back().key);
  const auto below = source_.droppedBelow(resolution);
  values.reserve(wanted.size());
  for (const Bar& bar : wanted) {
    BucketValue& value = values.emplace_back();
    value.start = bar.start;
    value.localStart = calendar_.zone().toLocal(bar.start);
    value.available = !(below && bar.key < *below);
    const auto it = std::lower_bound(stored.begin(), stored.end(), bar.key,
                                     [](const Bucket& bucket, std::int64_t key) { return bucket.key < key; });
    if (it != stored.end() && it->key == bar.key) {
      value.value = it->value;
      value.samples = it->samples;
      value.gapSamples = it->gapSamples;
    }
  }
  return values;
}

PeriodTotal HistoryQueries::sum(SeriesKey series, Resolution resolution, std::int64_t fromKey,
                                std::int64_t toKey) const {
  PeriodTotal total;
  total.available = !dropped(resolution, fromKey);
  for (const Bucket& bucket : source_.range(series, resolution, fromKey, toKey)) {
    total.value += bucket.value;
    total.samples += bucket.samples;
    total.gapSamples += bucket.gapSamples;
  }
  return total;
}

std::vector<BucketValue> HistoryQueries::day(SeriesKey series, LocalDate date) const {
  const Time start = calendar_.dayStart(date);
  const Time end = calendar_.dayStart(LocalCalendar::dateOfDayKey(LocalCalendar::dayKey(date) + 1));
  // Whole-hour steps from the day's start: 23 or 25 of them on DST days.
  std::vector<Bar> wanted;
  for (Time hour = start; hour < end; hour += hours(1)) wanted.push_back({toMicros(hour), hour});
  return bars(series, Resolution::Hour, wanted);
}

std::vector<BucketValue> HistoryQueries::month(SeriesKey series, int year, unsigned month) const {
  std::vector<Bar> wanted;
  const unsigned dayCount = LocalCalendar::daysInMonth(year, month);
  for (unsigned day = 1; day <= dayCount; ++day) {
    const LocalDate date{year, month, day};
    wanted.push_back({LocalCalendar::dayKey(date), calendar_.dayStart(date)});
  }
  return bars(series, Resolution::Day, wanted);
}

std::vector<BucketValue> HistoryQueries::year(SeriesKey series, int year) const {
  std::vector<Bar> wanted;
  for (unsigned month = 1; month <= kMonthsPerYear; ++month) {
    wanted.push_back({LocalCalendar::monthKey(year, month), calendar_.dayStart(LocalDate{year, month, 1})});
  }
  return bars(series, Resolution::Month, wanted);
}

std::vector<BucketValue> HistoryQueries::decade(SeriesKey series, int anyYear) const {
  // Floor to the decade, also for (theoretical) negative years.
  const int first = anyYear - ((anyYear % kYearsPerDecade) + kYearsPerDecade) % kYearsPerDecade;
  std::vector<Bar> wanted;
  for (int year = first; year < first + kYearsPerDecade; ++year) {
    wanted.push_back({year, calendar_.dayStart(LocalDate{year, 1, 1})});
  }
  return bars(series, Resolution::Year, wanted);
}

std::vector<BucketValue> HistoryQueries::samples(SeriesKey series, Time from, Time to) const {
  std::vector<BucketValue> values;
  if (to <= from) return values;
  for (const Bucket& bucket : source_.range(series, Resolution::Sample, toMicros(from) + 1, toMicros(to))) {
    // A sample's bucket is named by its instant, the end of its interval.
    BucketValue& value = values.emplace_back();
    value.start = timeFromMicros(bucket.key);
    value.localStart = calendar_.zone().toLocal(value.start);
    value.available = !dropped(Resolution::Sample, bucket.key);
    value.value = bucket.value;
    value.samples = bucket.samples;
    value.gapSamples = bucket.gapSamples;
  }
  return values;
}

PeriodTotal HistoryQueries::total(SeriesKey series, Period period, Time within) const {
  const Resolution resolution = resolutionOf(period);
  const std::int64_t key = calendar_.keysOf(within)[index(resolution)];
  return sum(series, resolution, key, key);
}

Comparison HistoryQueries::compare(SeriesKey series, Period period, Time now) const {
  const LocalDate today = calendar_.dateOf(now);
  Comparison comparison;
  comparison.current = total(series, period, now);
  switch (period) {
    case Period::Day: {
      const std::int64_t todayKey = LocalCalendar::dayKey(today);
      comparison.previous = sum(series, Resolution::Day, todayKey - 1, todayKey - 1);
      const Time yesterdayStart = calendar_.dayStart(LocalCalendar::dateOfDayKey(todayKey - 1));
      const Time todayStart = calendar_.dayStart(today);
      // Hours of yesterday up to the hour of day `now` is in; never past yesterday's end
      // (today may have one hour more than yesterday).
      const Time lastHour = std::min(yesterdayStart + (calendar_.hourStart(now) - todayStart), todayStart - hours(1));
      comparison.previousSameElapsed = sum(series, Resolution::Hour, toMicros(yesterdayStart), toMicros(lastHour));
      break;
    }
    case Period::Month: {
      const std::int64_t previousKey = LocalCalendar::monthKey(today.year, today.month) - 1;
      comparison.previous = sum(series, Resolution::Month, previousKey, previousKey);
      const int year = LocalCalendar::yearOfMonthKey(previousKey);
      const unsigned month = LocalCalendar::monthOfMonthKey(previousKey);
      const unsigned lastDay = std::min(today.day, LocalCalendar::daysInMonth(year, month));
      comparison.previousSameElapsed =
          sum(series, Resolution::Day, LocalCalendar::dayKey({year, month, 1}), LocalCalendar::dayKey({year, month, lastDay}));
      break;
    }
    case Period::Year: {
      comparison.previous = sum(series, Resolution::Year, today.year - 1, today.year - 1);
      comparison.previousSameElapsed =
          sum(series, Resolution::Month, LocalCalendar::monthKey(today.year - 1, 1), LocalCalendar::monthKey(today.year - 1, today.month));
      break;
    }
  }
  return comparison;
}

}  // namespace ews::history
