// Down-sampling, comparisons and the persistence hooks.
#include <gtest/gtest.h>

#include "history_test_support.hpp"

namespace ews::history::testing {
namespace {

const SeriesKey kSeries = SeriesKey::device(kMain);

double one(Time) { return 1.0; }

TEST(HistoryRetention, DownSamplingDropsResolutionsButKeepsTotals) {
  History history(parisZone());  // the default horizons
  const double fed = feedRange(history, paris("2026-01-01 00:00"), paris("2027-03-01 00:00"), minutes(10), one);

  // Hours of last January are gone; its days, months and years are not.
  const auto oldDay = history.day(kSeries, LocalDate{2026, 1, 5});
  for (const auto& hour : oldDay) EXPECT_FALSE(hour.available);
  const auto oldMonth = history.month(kSeries, 2026, 1);
  for (const auto& day : oldMonth) {
    EXPECT_TRUE(day.available);
    EXPECT_DOUBLE_EQ(day.value, 144.0);
  }
  // Recent hours are still there.
  const auto recent = history.day(kSeries, LocalDate{2027, 2, 20});
  for (const auto& hour : recent) {
    EXPECT_TRUE(hour.available);
    EXPECT_DOUBLE_EQ(hour.value, 6.0);
  }
  double years = 0.0;
  for (const auto& year : history.decade(kSeries, 2026)) years += year.value;
  EXPECT_DOUBLE_EQ(years, fed);
  // Samples only for the last two days.
  EXPECT_TRUE(history.samples(kSeries, paris("2027-02-20 00:00"), paris("2027-02-21 00:00")).empty());
  EXPECT_EQ(history.samples(kSeries, paris("2027-02-28 00:00"), paris("2027-03-01 00:00")).size(), 144u);

  // Memory: one series holds about 2 days of samples, 62 days of hours, 14 months of days.
  const std::size_t expected = (2 * 144 + 1) + (62 * 24 + 1) + 425 + 14 + 2;
  EXPECT_LE(history.bucketCount(), expected);
  EXPECT_GE(history.bucketCount(), expected - 30);
}

TEST(HistoryRetention, OldMonthsFallBackToYears) {
  Retention retention;
  retention.dayHorizon = days(40);
  retention.monthHorizon = days(400);
  History history(parisZone(), retention);
  const double fed = feedRange(history, paris("2025-01-01 00:00"), paris("2027-01-01 00:00"), hours(1), one);
  // 400 days before 1 January 2027 is 27 November 2025: November is kept whole.
  const auto months2025 = history.year(kSeries, 2025);
  for (unsigned m = 1; m <= 10; ++m) EXPECT_FALSE(months2025[m - 1].available) << m;
  EXPECT_TRUE(months2025[10].available);
  EXPECT_DOUBLE_EQ(months2025[11].value, 31 * 24.0);
  EXPECT_TRUE(history.year(kSeries, 2026)[11].available);
  EXPECT_FALSE(history.month(kSeries, 2026, 6)[0].available);
  const auto years = history.decade(kSeries, 2025);
  EXPECT_DOUBLE_EQ(years[5].value + years[6].value, fed);
  EXPECT_DOUBLE_EQ(years[5].value, 365 * 24.0);
}

TEST(HistoryRetention, ComparisonsWithThePreviousPeriod) {
  History history(parisZone(), keepEverything());
  // Each sample is worth its local day of month: easy to tell the days apart.
  const auto dayOfMonth = [](Time t) {
    return static_cast<double>(parisZone().toLocal(t - microseconds(1)).day);
  };
  const Time now = paris("2026-03-10 14:25");
  feedRange(history, paris("2025-01-01 00:00"), paris("2026-03-10 14:20"), minutes(10), dayOfMonth);

  const Comparison day = history.compare(kSeries, Period::Day, now);
  EXPECT_DOUBLE_EQ(day.current.value, 10.0 * (14 * 6 + 2));  // 00:10 .. 14:20
  EXPECT_DOUBLE_EQ(day.previous.value, 9.0 * 144);             // the whole of yesterday
  EXPECT_DOUBLE_EQ(day.previousSameElapsed.value, 9.0 * 15 * 6);  // yesterday 00:00 - 15:00

  const Comparison month = history.compare(kSeries, Period::Month, now);
  double february = 0.0;
  for (int d = 1; d <= 28; ++d) february += d * 144.0;
  EXPECT_DOUBLE_EQ(month.previous.value, february);
  double firstTenDays = 0.0;
  for (int d = 1; d <= 10; ++d) firstTenDays += d * 144.0;
  EXPECT_DOUBLE_EQ(month.previousSameElapsed.value, firstTenDays);

  const Comparison year = history.compare(kSeries, Period::Year, now);
  EXPECT_DOUBLE_EQ(year.previous.value, history.total(kSeries, Period::Year, paris("2025-06-01 00:00")).value);
  double firstQuarter = 0.0;
  for (const auto& m : history.year(kSeries, 2025)) {
    if (m.localStart.month <= 3) firstQuarter += m.value;
  }
  EXPECT_DOUBLE_EQ(year.previousSameElapsed.value, firstQuarter);
  EXPECT_DOUBLE_EQ(year.current.value, history.total(kSeries, Period::Year, now).value);
}

TEST(HistoryRetention, YesterdayOfTheLongDayIsClipped) {
  History history(parisZone(), keepEverything());
  feedRange(history, paris("2026-10-24 00:00"), paris("2026-10-26 00:00"), minutes(10), one);
  // 23:30 on the 25-hour day: 24 hours elapsed; 24 October has only 24 hours.
  const Comparison day = history.compare(kSeries, Period::Day, paris("2026-10-25 23:30"));
  EXPECT_DOUBLE_EQ(day.previousSameElapsed.value, 144.0);
  EXPECT_DOUBLE_EQ(day.previous.value, 144.0);
}

TEST(HistoryRetention, SnapshotRestoreResumesWithoutDoubleCounting) {
  const Time start = paris("2026-01-01 00:00");
  const Time middle = paris("2026-04-15 12:00");
  const Time end = paris("2026-06-01 00:00");
  History reference(parisZone());
  feedRange(reference, start, end, minutes(10), one);

  History before(parisZone());
  feedRange(before, start, middle, minutes(10), one);
  const HistorySnapshot saved = before.snapshot();

  History after(parisZone());
  after.restore(saved);
  // A restart replays the last hour (already recorded) before new samples arrive.
  feedRange(after, middle - hours(1), end, minutes(10), one);
  const HistorySnapshot a = after.snapshot();
  const HistorySnapshot b = reference.snapshot();
  ASSERT_EQ(a.series.size(), b.series.size());
  for (std::size_t i = 0; i < a.series.size(); ++i) {
    EXPECT_EQ(a.series[i].key, b.series[i].key);
    for (std::size_t r = 0; r < kResolutionCount; ++r) EXPECT_EQ(a.series[i].buckets[r], b.series[i].buckets[r]) << r;
  }
  EXPECT_EQ(a.lastDeviceSample, b.lastDeviceSample);
  EXPECT_EQ(a.droppedBelow, b.droppedBelow);
}

TEST(HistoryRetention, AMalformedSnapshotChangesNothing) {
  History history(parisZone(), keepEverything());
  feed(history, paris("2026-01-05 00:10"), 3.0);
  HistorySnapshot bad = history.snapshot();
  bad.series[0].buckets[1].push_back(bad.series[0].buckets[1].front());  // key not ascending
  EXPECT_THROW(history.restore(bad), std::invalid_argument);
  EXPECT_DOUBLE_EQ(history.total(kSeries, Period::Day, paris("2026-01-05 00:10")).value, 3.0);
}

}  // namespace
}  // namespace ews::history::testing
