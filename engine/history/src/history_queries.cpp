// History's queries: the histograms and comparisons of the consumption pages (manual 8.2.2).
#include <algorithm>

#include "ews/history/history.hpp"
#include "history_state.hpp"

namespace ews::history {

namespace {
using detail::LocalCalendar;

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

BucketValue History::Impl::valueAt(const Series* s, Resolution resolution, std::int64_t key, Time start) const {
  BucketValue value;
  value.start = start;
  value.localStart = calendar.zone().toLocal(start);
  value.available = !dropped(resolution, key);
  if (s == nullptr) return value;
  if (const Bucket* bucket = s->levels[index(resolution)].find(key)) {
    value.value = bucket->value;
    value.samples = bucket->samples;
    value.gapSamples = bucket->gapSamples;
  }
  return value;
}

PeriodTotal History::Impl::sum(const Series* s, Resolution resolution, std::int64_t fromKey, std::int64_t toKey) const {
  PeriodTotal total;
  total.available = !dropped(resolution, fromKey);
  if (s == nullptr) return total;
  s->levels[index(resolution)].forEachIn(fromKey, toKey, [&total](const Bucket& bucket) {
    total.value += bucket.value;
    total.samples += bucket.samples;
    total.gapSamples += bucket.gapSamples;
  });
  return total;
}

std::vector<BucketValue> History::day(SeriesKey series, LocalDate date) const {
  const Impl::Series* s = impl_->find(series);
  const LocalCalendar& calendar = impl_->calendar;
  const Time start = calendar.dayStart(date);
  const Time end = calendar.dayStart(LocalCalendar::dateOfDayKey(LocalCalendar::dayKey(date) + 1));
  // Whole-hour steps from the day's start: 23 or 25 of them on DST days.
  std::vector<BucketValue> values;
  for (Time hour = start; hour < end; hour += hours(1)) {
    values.push_back(impl_->valueAt(s, Resolution::Hour, toMicros(hour), hour));
  }
  return values;
}

std::vector<BucketValue> History::month(SeriesKey series, int year, unsigned month) const {
  const Impl::Series* s = impl_->find(series);
  std::vector<BucketValue> values;
  const unsigned dayCount = LocalCalendar::daysInMonth(year, month);
  for (unsigned day = 1; day <= dayCount; ++day) {
    const LocalDate date{year, month, day};
    values.push_back(impl_->valueAt(s, Resolution::Day, LocalCalendar::dayKey(date), impl_->calendar.dayStart(date)));
  }
  return values;
}

std::vector<BucketValue> History::year(SeriesKey series, int year) const {
  const Impl::Series* s = impl_->find(series);
  std::vector<BucketValue> values;
  for (unsigned month = 1; month <= kMonthsPerYear; ++month) {
    values.push_back(impl_->valueAt(s, Resolution::Month, LocalCalendar::monthKey(year, month),
                                    impl_->calendar.dayStart(LocalDate{year, month, 1})));
  }
  return values;
}

std::vector<BucketValue> History::decade(SeriesKey series, int anyYear) const {
  const Impl::Series* s = impl_->find(series);
  // Floor to the decade, also for (theoretical) negative years.
  const int first = anyYear - ((anyYear % kYearsPerDecade) + kYearsPerDecade) % kYearsPerDecade;
  std::vector<BucketValue> values;
  for (int year = first; year < first + kYearsPerDecade; ++year) {
    values.push_back(impl_->valueAt(s, Resolution::Year, year, impl_->calendar.dayStart(LocalDate{year, 1, 1})));
  }
  return values;
}

std::vector<BucketValue> History::samples(SeriesKey series, Time from, Time to) const {
  std::vector<BucketValue> values;
  const Impl::Series* s = impl_->find(series);
  if (s == nullptr || to <= from) return values;
  s->levels[index(Resolution::Sample)].forEachIn(toMicros(from) + 1, toMicros(to), [&](const Bucket& bucket) {
    // A sample's bucket is named by its instant, the end of its interval.
    values.push_back(impl_->valueAt(s, Resolution::Sample, bucket.key, timeFromMicros(bucket.key)));
  });
  return values;
}

PeriodTotal History::total(SeriesKey series, Period period, Time within) const {
  const Resolution resolution = resolutionOf(period);
  const std::int64_t key = impl_->calendar.keysOf(within)[index(resolution)];
  return impl_->sum(impl_->find(series), resolution, key, key);
}

Comparison History::compare(SeriesKey series, Period period, Time now) const {
  const Impl::Series* s = impl_->find(series);
  const LocalCalendar& calendar = impl_->calendar;
  const LocalDate today = calendar.dateOf(now);
  Comparison comparison;
  comparison.current = total(series, period, now);
  switch (period) {
    case Period::Day: {
      const std::int64_t todayKey = LocalCalendar::dayKey(today);
      comparison.previous = impl_->sum(s, Resolution::Day, todayKey - 1, todayKey - 1);
      const Time yesterdayStart = calendar.dayStart(LocalCalendar::dateOfDayKey(todayKey - 1));
      const Time todayStart = calendar.dayStart(today);
      // Hours of yesterday up to the hour of day `now` is in; never past yesterday's end
      // (today may have one hour more than yesterday).
      const Time lastHour = std::min(yesterdayStart + (calendar.hourStart(now) - todayStart), todayStart - hours(1));
      comparison.previousSameElapsed = impl_->sum(s, Resolution::Hour, toMicros(yesterdayStart), toMicros(lastHour));
      break;
    }
    case Period::Month: {
      const std::int64_t previousKey = LocalCalendar::monthKey(today.year, today.month) - 1;
      comparison.previous = impl_->sum(s, Resolution::Month, previousKey, previousKey);
      const int year = LocalCalendar::yearOfMonthKey(previousKey);
      const unsigned month = LocalCalendar::monthOfMonthKey(previousKey);
      const unsigned lastDay = std::min(today.day, LocalCalendar::daysInMonth(year, month));
      comparison.previousSameElapsed = impl_->sum(s, Resolution::Day, LocalCalendar::dayKey({year, month, 1}),
                                                  LocalCalendar::dayKey({year, month, lastDay}));
      break;
    }
    case Period::Year: {
      comparison.previous = impl_->sum(s, Resolution::Year, today.year - 1, today.year - 1);
      comparison.previousSameElapsed = impl_->sum(s, Resolution::Month, LocalCalendar::monthKey(today.year - 1, 1),
                                                  LocalCalendar::monthKey(today.year - 1, today.month));
      break;
    }
  }
  return comparison;
}

}  // namespace ews::history
