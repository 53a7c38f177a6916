#include "ews/kernel/calendar.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "kernel_test_support.hpp"

namespace ews {
namespace {

using test::expectThrowsWith;
using test::kT0;

class ParisTime : public ::testing::Test {
 protected:
  TimeZone paris{"Europe/Paris"};
};

TEST_F(ParisTime, KnowsItsName) { EXPECT_EQ(paris.name(), "Europe/Paris"); }

TEST_F(ParisTime, WinterIsUtcPlusOneSummerUtcPlusTwo) {
  EXPECT_EQ(paris.toUtc({2026, 1, 5, 1, 0, 0}), kT0);
  EXPECT_EQ(paris.toUtc({2026, 7, 15, 12, 0, 0}), kT0 + days(191) + hours(10));
}

TEST_F(ParisTime, ToUtcAndToLocalRoundTrip) {
  const LocalDateTime samples[] = {{2026, 1, 5, 0, 0, 0},    {2026, 3, 29, 1, 59, 59}, {2026, 3, 29, 3, 0, 0},
                                   {2026, 7, 14, 23, 59, 59}, {2026, 10, 25, 3, 0, 0}, {2026, 12, 31, 23, 59, 59},
                                   {2028, 2, 29, 12, 30, 15},  {1969, 12, 31, 23, 0, 0}};
  for (const auto& local : samples) {
    EXPECT_EQ(paris.toLocal(paris.toUtc(local)), local) << local.year << '-' << local.month << '-' << local.day;
  }
  // And from UTC, every 7 minutes over the spring-forward day (no gap on the UTC side).
  const Time from = paris.toUtc({2026, 3, 28, 12, 0, 0});
  for (Time t = from; t < from + days(1); t += minutes(7)) {
    ASSERT_EQ(paris.toUtc(paris.toLocal(t)), t) << formatUtc(t);
  }
}

TEST_F(ParisTime, LocalTimeInTheSpringGapThrowsNamingIt) {
  expectThrowsWith<std::invalid_argument>([&] { paris.toUtc({2026, 3, 29, 2, 30, 0}); }, "2026-03-29 02:30:00");
  expectThrowsWith<std::invalid_argument>([&] { paris.toUtc({2026, 3, 29, 2, 0, 0}); }, "Europe/Paris");
  // The local instants on either side of the gap exist and are one UTC second apart.
  EXPECT_EQ(paris.toUtc({2026, 3, 29, 3, 0, 0}) - paris.toUtc({2026, 3, 29, 1, 59, 59}), seconds(1));
}

TEST_F(ParisTime, AmbiguousAutumnTimeTakesTheEarlierInstant) {
  const Time utc0030 = paris.toUtc({2026, 10, 25, 0, 0, 0}) + hours(2) + minutes(30);  // local 00:00 is UTC 22:00
  EXPECT_EQ(formatUtc(utc0030), "2026-10-25T00:30:00.000000Z");
  EXPECT_EQ(paris.toUtc({2026, 10, 25, 2, 30, 0}), utc0030);
  // Both UTC 00:30 and 01:30 read 02:30 locally.
  EXPECT_EQ(paris.toLocal(utc0030), (LocalDateTime{2026, 10, 25, 2, 30, 0}));
  EXPECT_EQ(paris.toLocal(utc0030 + hours(1)), (LocalDateTime{2026, 10, 25, 2, 30, 0}));
}

TEST_F(ParisTime, WeekdayIsLocal) {
  EXPECT_EQ(paris.weekday(kT0), 1u);  // Monday 01:00 in Paris
  // Sunday 23:30 UTC is already Monday 00:30 in Paris.
  EXPECT_EQ(paris.weekday(kT0 - minutes(30)), 1u);
  EXPECT_EQ(paris.weekday(kT0 - hours(1) - minutes(1)), 0u);  // Sunday 23:59 local
  EXPECT_EQ(paris.weekday(kT0 + days(5)), 6u);                // Saturday
}

TEST_F(ParisTime, TimeOfDayIsLocal) {
  EXPECT_EQ(paris.timeOfDay(kT0), hours(1));
  EXPECT_EQ(paris.timeOfDay(kT0 - minutes(30)), minutes(30));
  EXPECT_EQ(paris.timeOfDay(kT0 + hours(22) + microseconds(5)), hours(23) + microseconds(5));
  EXPECT_EQ(paris.timeOfDay(paris.toUtc({2026, 7, 15, 12, 0, 0})), hours(12));
}

TEST_F(ParisTime, FormatsLocalTime) {
  EXPECT_EQ(paris.format(paris.toUtc({2026, 7, 15, 12, 0, 0}), "%F %H:%M %Z"), "2026-07-15 12:00 CEST");
  EXPECT_EQ(paris.format(kT0, "%F %H:%M %Z"), "2026-01-05 01:00 CET");
}

TEST_F(ParisTime, InvalidCalendarFieldsThrow) {
  expectThrowsWith<std::invalid_argument>([&] { paris.toUtc({2026, 2, 29, 0, 0, 0}); }, "2026-02-29");
  expectThrowsWith<std::invalid_argument>([&] { paris.toUtc({2026, 13, 1, 0, 0, 0}); }, "calendar date");
  expectThrowsWith<std::invalid_argument>([&] { paris.toUtc({2026, 1, 1, 24, 0, 0}); }, "24:00:00");
  expectThrowsWith<std::invalid_argument>([&] { paris.toUtc({2026, 1, 1, 0, 60, 0}); }, "time of day");
}

TEST(TimeZone, UnknownZoneThrowsNamingIt) {
  expectThrowsWith<std::invalid_argument>([] { TimeZone zone("Mars/Olympus_Mons"); }, "Mars/Olympus_Mons");
}

TEST(TimeZone, UtcZoneIsIdentity) {
  const TimeZone utc("UTC");
  EXPECT_EQ(utc.toUtc({2026, 1, 5, 0, 0, 0}), kT0);
  EXPECT_EQ(utc.toLocal(kT0 + seconds(59)), (LocalDateTime{2026, 1, 5, 0, 0, 59}));
}

TEST(ParseLocalDateTime, AcceptsTAndSpaceWithOptionalSeconds) {
  EXPECT_EQ(parseLocalDateTime("2026-03-29T02:30"), (LocalDateTime{2026, 3, 29, 2, 30, 0}));
  EXPECT_EQ(parseLocalDateTime("2026-03-29 02:30"), (LocalDateTime{2026, 3, 29, 2, 30, 0}));
  EXPECT_EQ(parseLocalDateTime("2026-03-29T02:30:15"), (LocalDateTime{2026, 3, 29, 2, 30, 15}));
  EXPECT_EQ(parseLocalDateTime("1999-12-31 23:59:59"), (LocalDateTime{1999, 12, 31, 23, 59, 59}));
}

class ParseLocalDateTimeInvalid : public ::testing::TestWithParam<const char*> {};

TEST_P(ParseLocalDateTimeInvalid, Throws) {
  EXPECT_THROW(parseLocalDateTime(GetParam()), std::invalid_argument) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Errors, ParseLocalDateTimeInvalid,
                         ::testing::Values("", "2026-03-29", "2026-03-29X02:30", "2026-03-29T02", "2026-02-30T00:00",
                                           "2026-13-01T00:00", "2026-03-29T24:00", "2026-03-29T02:60",
                                           "2026-03-29T02:30:60", "2026-03-29T02:30:", "2026-03-29T02:30Z",
                                           "2026-03-29T02:30:00 extra", "tomorrow"));

TEST(TimeZone, TimeOfDayAndWeekdayFollowEveryOffsetChangeInAnyOrder) {
  // timeOfDay and weekday keep the offset period last looked up: they must agree with the
  // database (toLocal) across DST changes, when time goes backwards and when two zones
  // alternate on one thread.
  const TimeZone paris("Europe/Paris");
  const TimeZone sydney("Australia/Sydney");
  const auto check = [](const TimeZone& zone, Time t) {
    const LocalDateTime local = zone.toLocal(t);
    EXPECT_EQ(zone.timeOfDay(t), hours(local.hour) + minutes(local.minute) + seconds(local.second))
        << zone.name() << " " << toMicros(t);
    const date::year_month_day ymd{date::year{local.year}, date::month{local.month}, date::day{local.day}};
    EXPECT_EQ(zone.weekday(t), date::weekday{date::sys_days{ymd}}.c_encoding()) << zone.name() << " " << toMicros(t);
  };
  for (Time t = kT0; t < kT0 + days(366); t += minutes(47)) {
    check(paris, t);
    check(sydney, t);
  }
  for (Time t = kT0 + days(366); t > kT0; t -= hours(5) + minutes(3)) check(paris, t);
  EXPECT_EQ(paris.utcOffset(paris.toUtc({2026, 3, 29, 1, 59, 59})), hours(1));
  EXPECT_EQ(paris.utcOffset(paris.toUtc({2026, 3, 29, 3, 0, 0})), hours(2));
  EXPECT_EQ(paris.utcOffset(timeFromMicros(0)), hours(1));
}

TEST(ParseLocalDateTime, ErrorNamesTheText) {
  expectThrowsWith<std::invalid_argument>([] { parseLocalDateTime("2026-03-29X02:30"); }, "'2026-03-29X02:30'");
}

}  // namespace
}  // namespace ews
