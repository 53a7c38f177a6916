// Buckets follow the site's local calendar: DST days of 23 and 25 hours, months of 28 to 31
// days, 29 February, samples that close an hour or a day.
#include <gtest/gtest.h>

#include "history_test_support.hpp"

namespace ews::history::testing {
namespace {

const SeriesKey kSeries = SeriesKey::device(kMain);

double one(Time) { return 1.0; }

TEST(HistoryCalendar, SpringForwardDayHas23Hours) {
  History history(parisZone(), keepEverything());
  feedRange(history, paris("2026-03-28 00:00"), paris("2026-03-30 00:00"), minutes(10), one);
  const auto bars = history.day(kSeries, LocalDate{2026, 3, 29});
  ASSERT_EQ(bars.size(), 23u);
  EXPECT_EQ(bars[1].localStart.hour, 1);
  EXPECT_EQ(bars[2].localStart.hour, 3);  // 02:00 does not exist
  EXPECT_EQ(bars[22].localStart.hour, 23);
  for (const auto& hour : bars) {
    EXPECT_EQ(hour.samples, 6u);
    EXPECT_DOUBLE_EQ(hour.value, 6.0);
  }
  EXPECT_DOUBLE_EQ(history.total(kSeries, Period::Day, paris("2026-03-29 12:00")).value, 23 * 6.0);
  EXPECT_EQ(history.day(kSeries, LocalDate{2026, 3, 28}).size(), 24u);
}

TEST(HistoryCalendar, FallBackDayHas25HoursWithTwoTwoOClocks) {
  History history(parisZone(), keepEverything());
  feedRange(history, paris("2026-10-24 00:00"), paris("2026-10-26 00:00"), minutes(10), one);
  const auto bars = history.day(kSeries, LocalDate{2026, 10, 25});
  ASSERT_EQ(bars.size(), 25u);
  EXPECT_EQ(bars[2].localStart.hour, 2);
  EXPECT_EQ(bars[3].localStart.hour, 2);  // the second 02:00, an hour later in UTC
  EXPECT_EQ(bars[3].start - bars[2].start, hours(1));
  EXPECT_EQ(bars[24].localStart.hour, 23);
  for (const auto& hour : bars) EXPECT_EQ(hour.samples, 6u);
  EXPECT_DOUBLE_EQ(history.total(kSeries, Period::Day, paris("2026-10-25 12:00")).value, 25 * 6.0);
  // The month adds up the long day like any other.
  const auto days = history.month(kSeries, 2026, 10);
  ASSERT_EQ(days.size(), 31u);
  EXPECT_DOUBLE_EQ(days[24].value, 150.0);
  EXPECT_DOUBLE_EQ(days[23].value, 144.0);
}

TEST(HistoryCalendar, LeapDayOf2028) {
  History history(parisZone(), keepEverything());
  feedRange(history, paris("2028-02-27 00:00"), paris("2028-03-02 00:00"), hours(1), one);
  const auto days = history.month(kSeries, 2028, 2);
  ASSERT_EQ(days.size(), 29u);
  EXPECT_EQ(days[28].localStart.day, 29u);
  EXPECT_DOUBLE_EQ(days[28].value, 24.0);
  EXPECT_EQ(history.day(kSeries, LocalDate{2028, 2, 29}).size(), 24u);
  EXPECT_EQ(history.month(kSeries, 2026, 2).size(), 28u);
  EXPECT_EQ(history.month(kSeries, 2026, 4).size(), 30u);
  const auto months = history.year(kSeries, 2028);
  ASSERT_EQ(months.size(), 12u);
  EXPECT_DOUBLE_EQ(months[1].value, 3 * 24.0);  // 27, 28 and 29 February
  EXPECT_DOUBLE_EQ(months[2].value, 24.0);      // 1 March
}

TEST(HistoryCalendar, ASampleBelongsToTheIntervalItCloses) {
  History history(parisZone(), keepEverything());
  feed(history, paris("2026-01-02 00:00"), 5.0);  // closes 23:50-00:00 of 1 January
  feed(history, paris("2026-01-02 00:10"), 7.0);
  const auto first = history.day(kSeries, LocalDate{2026, 1, 1});
  EXPECT_DOUBLE_EQ(first[23].value, 5.0);
  const auto second = history.day(kSeries, LocalDate{2026, 1, 2});
  EXPECT_DOUBLE_EQ(second[0].value, 7.0);
  EXPECT_EQ(second[1].samples, 0u);  // nothing recorded: no data, not a zero reading
  EXPECT_FALSE(second[1].hasData());
  // The sample at midnight of New Year closes the old year.
  feed(history, paris("2027-01-01 00:00"), 3.0);
  EXPECT_DOUBLE_EQ(history.year(kSeries, 2026)[11].value, 3.0);
  EXPECT_EQ(history.year(kSeries, 2027)[0].samples, 0u);
}

TEST(HistoryCalendar, DecadeListsItsTenYears) {
  History history(parisZone(), keepEverything());
  feed(history, paris("2026-06-01 12:00"), 2.0);
  feed(history, paris("2029-06-01 12:00"), 3.0);
  feed(history, paris("2030-06-01 12:00"), 4.0);
  const auto years = history.decade(kSeries, 2026);
  ASSERT_EQ(years.size(), 10u);
  EXPECT_EQ(years[0].localStart.year, 2020);
  EXPECT_DOUBLE_EQ(years[6].value, 2.0);
  EXPECT_DOUBLE_EQ(years[9].value, 3.0);
  EXPECT_DOUBLE_EQ(history.decade(kSeries, 2030)[0].value, 4.0);
}

}  // namespace
}  // namespace ews::history::testing
