// A year of 10-minute samples: hours add up to their day, days to their month, months to
// their year, and the year to everything recorded.
#include <gtest/gtest.h>

#include "history_test_support.hpp"

namespace ews::history::testing {
namespace {

const SeriesKey kSeries = SeriesKey::device(kMain);

TEST(HistoryBuckets, ResolutionsAddUpOverAYear) {
  History history(parisZone(), keepEverything());
  // Whole numbers of Wh, varying with the sample index, so every sum is exact.
  std::int64_t index = 0;
  const double fed = feedRange(history, paris("2026-01-01 00:00"), paris("2027-01-01 00:00"), minutes(10),
                               [&index](Time) { return static_cast<double>(1 + index++ % 7); });

  double yearFromMonths = 0.0;
  const auto months = history.year(kSeries, 2026);
  ASSERT_EQ(months.size(), 12u);
  for (unsigned m = 1; m <= 12; ++m) {
    double monthFromDays = 0.0;
    const auto days = history.month(kSeries, 2026, m);
    for (unsigned d = 1; d <= days.size(); ++d) {
      double dayFromHours = 0.0;
      for (const auto& hour : history.day(kSeries, LocalDate{2026, m, d})) {
        ASSERT_TRUE(hour.available);
        dayFromHours += hour.value;
      }
      ASSERT_DOUBLE_EQ(dayFromHours, days[d - 1].value) << "2026-" << m << "-" << d;
      monthFromDays += days[d - 1].value;
    }
    EXPECT_DOUBLE_EQ(monthFromDays, months[m - 1].value) << "month " << m;
    yearFromMonths += months[m - 1].value;
  }
  EXPECT_DOUBLE_EQ(yearFromMonths, fed);
  const auto years = history.decade(kSeries, 2026);
  EXPECT_DOUBLE_EQ(years[6].value, fed);
  EXPECT_EQ(years[6].samples, 365u * 144u);
  EXPECT_EQ(history.total(kSeries, Period::Year, paris("2026-07-14 12:00")).samples, 365u * 144u);
}

TEST(HistoryBuckets, AggregateRowsBecomeTheirSeries) {
  History history(parisZone(), keepEverything());
  const std::string name = "x";
  using Kind = recording::AggregateSample::Kind;
  const std::vector<recording::AggregateSample> rows = {
      {Kind::Load, 6, &name, 50.0, 0.0, false},
      {Kind::Group, 1, &name, 250.0, 0.0, true},
      {Kind::ElectricityTotal, 0, &name, 400.0, 0.0, false},
      {Kind::WaterTotal, 0, &name, 10.0, 0.0, false},
      {Kind::GasTotal, 0, &name, 20.0, 0.224, false},
  };
  const Time t = paris("2026-01-05 00:10");
  history.onAggregates(t, rows);
  history.onAggregates(t, rows);  // a repeated instant is ignored
  const auto value = [&](SeriesKey key) { return history.total(key, Period::Day, t); };
  EXPECT_DOUBLE_EQ(value(SeriesKey::load(6)).value, 50.0);
  EXPECT_EQ(value(SeriesKey::group(1)).gapSamples, 1u);  // partial propagates as a gap count
  EXPECT_DOUBLE_EQ(value(SeriesKey::total(SeriesKind::ElectricityTotal)).value, 400.0);
  EXPECT_DOUBLE_EQ(value(SeriesKey::total(SeriesKind::WaterTotal)).value, 10.0);
  EXPECT_DOUBLE_EQ(value(SeriesKey::total(SeriesKind::GasTotal)).value, 20.0);
  EXPECT_DOUBLE_EQ(value(SeriesKey::total(SeriesKind::GasWhEquivalent)).value, 224.0);
  EXPECT_EQ(history.series().size(), 6u);
}

TEST(HistoryBuckets, GapRowsCountButAddNothing) {
  History history(parisZone(), keepEverything());
  feed(history, paris("2026-01-05 10:10"), 4.0);
  feed(history, paris("2026-01-05 10:20"), 0.0, /*gap=*/true);
  feed(history, paris("2026-01-05 10:30"), 9.0);
  const auto hour = history.day(kSeries, LocalDate{2026, 1, 5})[10];
  EXPECT_DOUBLE_EQ(hour.value, 13.0);
  EXPECT_EQ(hour.samples, 3u);
  EXPECT_EQ(hour.gapSamples, 1u);
  const auto rows = history.samples(kSeries, paris("2026-01-05 10:00"), paris("2026-01-05 10:30"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[1].hasGap());
  EXPECT_EQ(rows[2].start, paris("2026-01-05 10:30"));
}

}  // namespace
}  // namespace ews::history::testing
