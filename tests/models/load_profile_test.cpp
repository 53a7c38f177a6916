#include "ews/models/load_profile.hpp"

#include <gtest/gtest.h>

#include "ews/kernel/calendar.hpp"

namespace {
using ews::scenario::LoadProfileSpec;

const ews::TimeZone& paris() {
  static const ews::TimeZone zone("Europe/Paris");
  return zone;
}

ews::Time parisTime(int year, unsigned month, unsigned day, int hour, int minute = 0) {
  return paris().toUtc(ews::LocalDateTime{year, month, day, hour, minute, 0});
}

LoadProfileSpec daily(std::vector<std::pair<ews::Duration, double>> points, double weekendFactor = 1.0) {
  LoadProfileSpec spec;
  spec.name = "test";
  spec.kind = LoadProfileSpec::Kind::Daily;
  spec.dailyPointsW = std::move(points);
  spec.weekendFactor = weekendFactor;
  return spec;
}

TEST(LoadProfile, ConstantIsConstant) {
  LoadProfileSpec spec;
  spec.kind = LoadProfileSpec::Kind::Constant;
  spec.powerW = 1234.5;
  const ews::models::LoadProfile profile(spec, paris());
  EXPECT_DOUBLE_EQ(profile.rateAt(parisTime(2026, 1, 5, 3)), 1234.5);
  EXPECT_DOUBLE_EQ(profile.rateAt(parisTime(2026, 7, 11, 15)), 1234.5);
}

TEST(LoadProfile, DailyInterpolatesLinearlyInLocalTime) {
  const ews::models::LoadProfile profile(daily({{ews::hours(8), 1000.0}, {ews::hours(10), 3000.0}}), paris());
  // Monday 2026-01-05: 09:00 local is halfway between the 08:00 and 10:00 breakpoints.
  EXPECT_DOUBLE_EQ(profile.rateAt(parisTime(2026, 1, 5, 8)), 1000.0);
  EXPECT_DOUBLE_EQ(profile.rateAt(parisTime(2026, 1, 5, 9)), 2000.0);
  EXPECT_DOUBLE_EQ(profile.rateAt(parisTime(2026, 1, 5, 10)), 3000.0);
}

TEST(LoadProfile, AskedAgainAndOutOfOrderItAnswersForTheInstantAsked) {
  // The profile keeps its last instant for the loads sharing it: another instant, earlier or
  // later, must not get the kept rate.
  const ews::models::LoadProfile profile(daily({{ews::hours(8), 1000.0}, {ews::hours(10), 3000.0}}), paris());
  const ews::Time nine = parisTime(2026, 1, 5, 9);
  const ews::Time eight = parisTime(2026, 1, 5, 8);
  for (int round = 0; round < 3; ++round) {
    EXPECT_DOUBLE_EQ(profile.rateAt(nine), 2000.0);
    EXPECT_DOUBLE_EQ(profile.rateAt(nine), 2000.0);
    EXPECT_DOUBLE_EQ(profile.rateAt(eight), 1000.0);
    EXPECT_DOUBLE_EQ(profile.rateAt(nine + ews::minutes(30)), 2500.0);
  }
}

TEST(LoadProfile, NextChangeIsNeverForAConstantAndUnboundedForADailyProfile) {
  LoadProfileSpec spec;
  spec.kind = LoadProfileSpec::Kind::Constant;
  spec.powerW = 500.0;
  EXPECT_EQ(ews::models::LoadProfile(spec, paris()).nextChangeAfter(parisTime(2026, 1, 5, 3), 0.01), ews::Time::max());
  // Daily ramps (and the weekend factor) are not bounded: a runner looks at every step.
  const ews::models::LoadProfile ramps(daily({{ews::hours(8), 1000.0}, {ews::hours(10), 3000.0}}), paris());
  EXPECT_EQ(ramps.nextChangeAfter(parisTime(2026, 1, 5, 9), 0.01), std::nullopt);
}

TEST(LoadProfile, DailyWrapsAroundMidnight) {
  // From 3000 W at 10:00 back to 1000 W at 08:00 the next day: 22 hours of linear decrease.
  const ews::models::LoadProfile profile(daily({{ews::hours(8), 1000.0}, {ews::hours(10), 3000.0}}), paris());
  const double perHour = 2000.0 / 22.0;
  EXPECT_NEAR(profile.rateAt(parisTime(2026, 1, 5, 21)), 3000.0 - 11 * perHour, 1e-9);
  EXPECT_NEAR(profile.rateAt(parisTime(2026, 1, 6, 2)), 3000.0 - 16 * perHour, 1e-9);
}

TEST(LoadProfile, WeekendFactorAppliesOnSaturdayAndSunday) {
  const ews::models::LoadProfile profile(daily({{ews::hours(0), 1000.0}}, 0.25), paris());
  EXPECT_DOUBLE_EQ(profile.rateAt(parisTime(2026, 1, 9, 12)), 1000.0);   // Friday
  EXPECT_DOUBLE_EQ(profile.rateAt(parisTime(2026, 1, 10, 12)), 250.0);   // Saturday
  EXPECT_DOUBLE_EQ(profile.rateAt(parisTime(2026, 1, 11, 12)), 250.0);   // Sunday
  EXPECT_DOUBLE_EQ(profile.rateAt(parisTime(2026, 1, 12, 0)), 1000.0);   // Monday midnight
}

TEST(LoadProfile, FollowsLocalClockAcrossDaylightSavingTime) {
  // A step at 08:00 local happens at 07:00 UTC in winter and 06:00 UTC in summer.
  const ews::models::LoadProfile profile(
      daily({{ews::hours(0), 0.0}, {ews::hours(8) - ews::Duration{1}, 0.0}, {ews::hours(8), 500.0}, {ews::hours(20), 500.0}}),
      paris());
  const ews::Time winter = ews::timeFromMicros(0) + ews::days(20458) + ews::hours(7);  // 2026-01-05T07:00Z
  const ews::Time summer = ews::timeFromMicros(0) + ews::days(20639) + ews::hours(6);  // 2026-07-05T06:00Z
  EXPECT_EQ(paris().timeOfDay(winter), ews::hours(8));
  EXPECT_EQ(paris().timeOfDay(summer), ews::hours(8));
  EXPECT_DOUBLE_EQ(profile.rateAt(winter), 500.0);
  EXPECT_DOUBLE_EQ(profile.rateAt(summer), 500.0);
  EXPECT_DOUBLE_EQ(profile.rateAt(summer - ews::minutes(1)), 0.0);
}

TEST(LoadProfile, DailyWithoutPointsIsRejected) {
  EXPECT_THROW(ews::models::LoadProfile(daily({}), paris()), std::invalid_argument);
}

}  // namespace
