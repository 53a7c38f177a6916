#include "ews/kernel/time.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

#include "ews/kernel/rng.hpp"
#include "kernel_test_support.hpp"

namespace ews {
namespace {

using test::expectThrowsWith;
using test::kT0;

TEST(TimeUnits, HelpersAreExactMicroseconds) {
  EXPECT_EQ(toMicros(microseconds(7)), 7);
  EXPECT_EQ(toMicros(milliseconds(250)), 250'000);
  EXPECT_EQ(toMicros(seconds(3)), 3'000'000);
  EXPECT_EQ(toMicros(minutes(2)), 120'000'000);
  EXPECT_EQ(toMicros(hours(1)), 3'600'000'000);
  EXPECT_EQ(toMicros(days(1)), 86'400'000'000);
  EXPECT_EQ(toMicros(timeFromMicros(123)), 123);
  EXPECT_DOUBLE_EQ(toSeconds(milliseconds(1500)), 1.5);
}

TEST(TimeUnits, T0IsTheExpectedCalendarInstant) {
  using namespace std::chrono;
  EXPECT_EQ(kT0, time_point_cast<Duration>(sys_days{year{2026} / January / 5}));
}

struct DurationCase {
  const char* text;
  Duration expected;
};

class ParseDurationValid : public ::testing::TestWithParam<DurationCase> {};

TEST_P(ParseDurationValid, ParsesToMicroseconds) {
  EXPECT_EQ(parseDuration(GetParam().text), GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Units, ParseDurationValid,
    ::testing::Values(DurationCase{"250ms", milliseconds(250)}, DurationCase{"7us", microseconds(7)},
                      DurationCase{"90s", seconds(90)}, DurationCase{"15min", minutes(15)},
                      DurationCase{"1h30min", hours(1) + minutes(30)}, DurationCase{"2d", days(2)},
                      DurationCase{"0s", Duration::zero()},
                      DurationCase{"1d2h3min4s5ms6us",
                                   days(1) + hours(2) + minutes(3) + seconds(4) + milliseconds(5) + microseconds(6)},
                      DurationCase{"1s1s", seconds(2)}));

class ParseDurationInvalid : public ::testing::TestWithParam<const char*> {};

TEST_P(ParseDurationInvalid, ThrowsNamingTheText) {
  const std::string text = GetParam();
  if (text.empty()) {
    expectThrowsWith<std::invalid_argument>([&] { parseDuration(text); }, "empty");
  } else {
    expectThrowsWith<std::invalid_argument>([&] { parseDuration(text); }, "'" + text + "'");
  }
}

INSTANTIATE_TEST_SUITE_P(Errors, ParseDurationInvalid,
                         ::testing::Values("", "5", "5x", "h", "1h30", "-5s", "1.5h", " 5s", "5 s", "5m",
                                           "9999999999999s"));

TEST(ParseDuration, RejectsValuesBeyondTheInt64Range) {
  // INT64_MAX microseconds is 106751991 days and a bit over 4 hours.
  EXPECT_EQ(parseDuration("106751991d4h"), days(106'751'991) + hours(4));
  expectThrowsWith<std::invalid_argument>([] { parseDuration("106751992d"); }, "106751992d");    // one term
  expectThrowsWith<std::invalid_argument>([] { parseDuration("106751991d5h"); }, "106751991d5h");  // the sum
  expectThrowsWith<std::invalid_argument>([] { parseDuration("999999999999d"); }, "999999999999d");
}

TEST(FormatDuration, RendersUnitsInFixedOrder) {
  EXPECT_EQ(formatDuration(Duration::zero()), "0s");
  EXPECT_EQ(formatDuration(hours(1) + minutes(30)), "1h30min");
  EXPECT_EQ(formatDuration(days(2)), "2d");
  EXPECT_EQ(formatDuration(milliseconds(1500)), "1s500ms");
  EXPECT_EQ(formatDuration(days(1) + microseconds(1)), "1d1us");
  EXPECT_EQ(formatDuration(-seconds(5)), "-5s");
}

TEST(FormatDuration, RoundTripsThroughParseDuration) {
  RngStream rng(7, "format-duration");
  for (int i = 0; i < 10'000; ++i) {
    // Spread magnitudes from microseconds to years.
    const auto magnitude = rng.uniformInt(0, 15);
    std::int64_t limit = 1;
    for (std::int64_t k = 0; k < magnitude; ++k) limit *= 10;
    const Duration d{rng.uniformInt(0, limit)};
    ASSERT_EQ(parseDuration(formatDuration(d)), d) << formatDuration(d);
  }
}

TEST(FormatUtc, IsoWithMicroseconds) {
  EXPECT_EQ(formatUtc(timeFromMicros(0)), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(formatUtc(kT0 + hours(7) + minutes(30)), "2026-01-05T07:30:00.000000Z");
  EXPECT_EQ(formatUtc(kT0 + microseconds(123'456)), "2026-01-05T00:00:00.123456Z");
  EXPECT_EQ(formatUtc(kT0 - microseconds(1)), "2026-01-04T23:59:59.999999Z");
}

}  // namespace
}  // namespace ews
