// The compiled schedule: rule stretches of each local day in UTC, on the days the clocks
// change (Europe/Paris, 23 hours on 2020-03-29 and 25 hours on 2020-10-25), prices changing
// at local midnight, and the stretches no rule covers, reported whole.
#include "ews/tariff/schedule.hpp"

#include <gtest/gtest.h>

#include "tariff_test_support.hpp"

namespace ews::tariff::testing {
namespace {

using installation::Medium;

/// Example 1 and 2 together: Tariff 1 00:00-18:59 and Tariff 2 19:00-23:59, every day (the
/// DST days of 2020 are Sundays).
EnergyTariffs dayAndEvening() {
  EnergyTariffs t = threeTariffs();
  t.rules = {rule("Tariff 1", "00:00", "18:59"), rule("Tariff 2", "19:00", "23:59")};
  return t;
}

Time utc(const std::string& text) { return TimeZone("UTC").toUtc(parseLocalDateTime(text)); }

TEST(TariffSchedule, AnOrdinaryDayInWinterAndInSummer) {
  TariffSchedule schedule(dayAndEvening(), paris(), Medium::Electricity);
  const auto winter = schedule.dayOf(paris("2020-01-15 12:00"));
  ASSERT_EQ(winter.size(), 2u);
  EXPECT_EQ(winter[0].start, utc("2020-01-14 23:00"));
  EXPECT_EQ(winter[0].end, utc("2020-01-15 18:00"));
  EXPECT_EQ(winter[1].end, utc("2020-01-15 23:00"));
  const auto summer = schedule.dayOf(paris("2020-07-15 12:00"));
  EXPECT_EQ(summer[0].start, utc("2020-07-14 22:00"));
  EXPECT_EQ(summer[1].start, utc("2020-07-15 17:00"));
}

TEST(TariffSchedule, SpringForwardDayOf23Hours) {
  TariffSchedule schedule(dayAndEvening(), paris(), Medium::Electricity);
  const auto day = schedule.dayOf(paris("2020-03-29 12:00"));
  ASSERT_EQ(day.size(), 2u);
  EXPECT_EQ(day[0].start, utc("2020-03-28 23:00"));  // local midnight, UTC+1
  EXPECT_EQ(day[0].end, utc("2020-03-29 17:00"));    // 19:00 local is UTC+2 by then
  EXPECT_EQ(day[1].end, utc("2020-03-29 22:00"));
  EXPECT_EQ(day[0].end - day[0].start, hours(18));  // 00:00-18:59 lasts 18 hours that day
  EXPECT_EQ(day[1].end - day[1].start, hours(5));
  EXPECT_EQ(day[0].tariff, 0u);
  EXPECT_EQ(day[1].tariff, 1u);
  // The instant after 01:59:59 is 03:00: both sides of the jump are in the first segment.
  EXPECT_EQ(&schedule.at(utc("2020-03-29 00:59")), &schedule.at(utc("2020-03-29 01:00")));
}

TEST(TariffSchedule, FallBackDayOf25Hours) {
  TariffSchedule schedule(dayAndEvening(), paris(), Medium::Electricity);
  const auto day = schedule.dayOf(paris("2020-10-25 12:00"));
  ASSERT_EQ(day.size(), 2u);
  EXPECT_EQ(day[0].start, utc("2020-10-24 22:00"));  // UTC+2
  EXPECT_EQ(day[0].end, utc("2020-10-25 18:00"));    // UTC+1
  EXPECT_EQ(day[1].end, utc("2020-10-25 23:00"));
  EXPECT_EQ(day[0].end - day[0].start, hours(20));  // both 02:00 hours are in it
  EXPECT_EQ(day[1].end - day[1].start, hours(5));
}

TEST(TariffSchedule, FrameBoundariesInsideTheChangedHour) {
  EnergyTariffs t = threeTariffs();
  t.rules = {rule("Tariff 1", "00:00", "02:29"), rule("Tariff 3", "02:30", "23:59")};
  TariffSchedule schedule(t, paris(), Medium::Electricity);
  // 02:30 does not exist on 2020-03-29: Tariff 3 starts when the clocks jump, at 03:00 CEST.
  const auto spring = schedule.dayOf(paris("2020-03-29 12:00"));
  ASSERT_EQ(spring.size(), 2u);
  EXPECT_EQ(spring[1].start, utc("2020-03-29 01:00"));
  // 02:30 occurs twice on 2020-10-25: the boundary is its first occurrence (CEST).
  const auto autumn = schedule.dayOf(paris("2020-10-25 12:00"));
  ASSERT_EQ(autumn.size(), 2u);
  EXPECT_EQ(autumn[1].start, utc("2020-10-25 00:30"));
  EXPECT_EQ(schedule.at(utc("2020-10-25 01:15")).tariff, 2u);  // 02:15 CET, the repeated hour
}

TEST(TariffSchedule, PricesChangeAtLocalMidnightOfTheirDate) {
  EnergyTariffs t = threeTariffs();
  t.tariffs[0].prices = {Price{0.1500, CivilDate{2020, 1, 1}}, Price{0.1700, CivilDate{2021, 2, 1}}};
  t.rules = {rule("Tariff 1")};
  TariffSchedule schedule(t, paris(), Medium::Electricity);
  EXPECT_DOUBLE_EQ(schedule.at(paris("2021-01-31 23:59")).pricePerUnit, 0.1500);
  EXPECT_DOUBLE_EQ(schedule.at(paris("2021-02-01 00:00")).pricePerUnit, 0.1700);
  EXPECT_EQ(schedule.at(utc("2021-01-31 23:30")).pricePerUnit, 0.1700);  // 00:30 local on 1 February
  const Segment& early = schedule.at(paris("2019-12-31 12:00"));
  EXPECT_EQ(early.coverage, Coverage::NoPrice);
  EXPECT_EQ(early.tariff, 0u);
}

TEST(TariffSchedule, UncoveredStretchesAreFoundWhole) {
  TariffSchedule schedule(example4(), paris(), Medium::Electricity);
  // Example 4 prices no weekend outside March and Christmas: Saturday 5 and Sunday 6
  // December 2020 are one stretch.
  const auto weekend = schedule.unpricedStretchAt(paris("2020-12-05 15:00"));
  ASSERT_TRUE(weekend.has_value());
  EXPECT_EQ(weekend->coverage, Coverage::NoRule);
  EXPECT_EQ(weekend->start, paris("2020-12-05 00:00"));
  EXPECT_EQ(weekend->end, paris("2020-12-07 00:00"));
  EXPECT_FALSE(schedule.unpricedStretchAt(paris("2020-12-07 00:00")).has_value());
  // Nothing at all: the search stops at its horizon.
  EnergyTariffs noRules = threeTariffs();
  TariffSchedule empty(noRules, paris(), Medium::Electricity);
  const auto forever = empty.unpricedStretchAt(paris("2020-01-01 00:00"), 10);
  ASSERT_TRUE(forever.has_value());
  EXPECT_EQ(forever->end, paris("2020-01-11 00:00"));
}

TEST(TariffSchedule, SegmentsNameTheRuleInForce) {
  TariffSchedule schedule(example4(), paris(), Medium::Electricity);
  // The manual highlights the active rule: Christmas is the 2nd rule, its tariff the 2nd.
  const Segment& christmas = schedule.at(paris("2020-12-25 10:00"));
  EXPECT_EQ(christmas.rule, 1u);
  EXPECT_EQ(christmas.tariff, 1u);
  EXPECT_EQ(christmas.start, paris("2020-12-25 00:00"));
  EXPECT_EQ(christmas.end, paris("2020-12-26 00:00"));
  const Segment& evening = schedule.at(paris("2020-12-24 20:00"));
  EXPECT_EQ(evening.rule, 3u);
  EXPECT_EQ(evening.tariff, 1u);  // Tariff 2 again, through the 4th rule
  EXPECT_DOUBLE_EQ(evening.pricePerUnit, kTariff2PerKWh);
}

TEST(TariffSchedule, ADayIsCompiledOnceAndKept) {
  TariffSchedule schedule(example4(), paris(), Medium::Electricity);
  const Segment* first = schedule.dayOf(paris("2020-12-24 10:00")).data();
  schedule.dayOf(paris("2020-03-10 10:00"));
  EXPECT_EQ(schedule.dayOf(paris("2020-12-24 20:00")).data(), first);
}

}  // namespace
}  // namespace ews::tariff::testing
