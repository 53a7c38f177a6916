// The text notations of scenario scalars, without YAML.
#include "value_parsers.hpp"

#include <gtest/gtest.h>

#include <array>

#include "zoned_time.hpp"

namespace ews::scenario::detail {
namespace {

TEST(ValueParsers, IntegersRejectFractionsTrailingTextAndOverflow) {
  EXPECT_EQ(*parseInteger("42").value, 42);
  EXPECT_EQ(*parseInteger("-7").value, -7);
  EXPECT_EQ(*parseInteger("+7").value, 7);
  EXPECT_FALSE(parseInteger("4.5"));
  EXPECT_FALSE(parseInteger("12abc"));
  EXPECT_FALSE(parseInteger(""));
  EXPECT_NE(parseInteger("99999999999999999999999").error.find("too large"), std::string::npos);
}

TEST(ValueParsers, UnsignedCoversTheWholeSeedRange) {
  EXPECT_EQ(*parseUnsigned("18446744073709551615").value, 18446744073709551615ULL);
  EXPECT_FALSE(parseUnsigned("18446744073709551616"));
  EXPECT_FALSE(parseUnsigned("-1"));
}

TEST(ValueParsers, HexNeedsItsPrefix) {
  EXPECT_EQ(*parseHex("0x0100").value, 256);
  EXPECT_EQ(*parseHex("0XfFfF").value, 65535);
  EXPECT_NE(parseHex("0100").error.find("0x prefix"), std::string::npos);
  EXPECT_FALSE(parseHex("0xZZ"));
  EXPECT_FALSE(parseHex("0x-1"));
}

TEST(ValueParsers, RealsAreFinite) {
  EXPECT_DOUBLE_EQ(*parseReal("1e3").value, 1000.0);
  EXPECT_DOUBLE_EQ(*parseReal("-2.5").value, -2.5);
  EXPECT_FALSE(parseReal("inf"));
  EXPECT_FALSE(parseReal("nan"));
  EXPECT_FALSE(parseReal("1e999"));
  EXPECT_FALSE(parseReal("1,5"));
}

TEST(ValueParsers, BooleansAcceptYaml11Words) {
  EXPECT_TRUE(*parseBool("true").value);
  EXPECT_TRUE(*parseBool("On").value);
  EXPECT_FALSE(*parseBool("no").value);
  EXPECT_FALSE(parseBool("maybe"));
}

TEST(ValueParsers, QuantitiesConvertTheirUnitToTheBaseUnit) {
  constexpr std::array<UnitFactor, 2> units{{{"kWh", 1.0}, {"Wh", 1e-3}}};
  EXPECT_DOUBLE_EQ(*parseQuantity("20", units).value, 20.0);
  EXPECT_DOUBLE_EQ(*parseQuantity("20kWh", units).value, 20.0);
  EXPECT_DOUBLE_EQ(*parseQuantity("1500 Wh", units).value, 1.5);
  EXPECT_DOUBLE_EQ(*parseQuantity("1e3Wh", units).value, 1.0);
  EXPECT_NE(parseQuantity("20kW", units).error.find("unknown unit 'kW' (expected kWh, Wh)"), std::string::npos);
  EXPECT_FALSE(parseQuantity("kWh", units));
}

TEST(ValueParsers, DurationsAreGuardedAgainstOverflow) {
  EXPECT_EQ(*parseDurationChecked("15min").value, minutes(15));
  EXPECT_EQ(*parseDurationChecked("1h30min").value, minutes(90));
  EXPECT_EQ(*parseDurationChecked("36500d").value, days(36500));
  EXPECT_NE(parseDurationChecked("999999999999d").error.find("too large"), std::string::npos);
  EXPECT_NE(parseDurationChecked("9999999d9999999d9999999d9999999d9999999d9999999d9999999d9999999d9999999d"
                                 "9999999d9999999d")
                .error.find("too large"),
            std::string::npos);
  EXPECT_FALSE(parseDurationChecked("15 minutes"));
  EXPECT_FALSE(parseDurationChecked("15"));
  EXPECT_FALSE(parseDurationChecked(""));
}

TEST(ValueParsers, TimesOfDayRunFromMidnightToMidnight) {
  EXPECT_EQ(*parseTimeOfDay("00:00").value, Duration::zero());
  EXPECT_EQ(*parseTimeOfDay("08:30").value, hours(8) + minutes(30));
  EXPECT_EQ(*parseTimeOfDay("12:00:30").value, hours(12) + seconds(30));
  EXPECT_EQ(*parseTimeOfDay("24:00").value, hours(24));
  EXPECT_FALSE(parseTimeOfDay("24:01"));
  EXPECT_FALSE(parseTimeOfDay("25:00"));
  EXPECT_FALSE(parseTimeOfDay("8:00"));
  EXPECT_FALSE(parseTimeOfDay("08:60"));
}

TEST(ValueParsers, LocalDateTimesAcceptTOrSpaceAndOptionalSeconds) {
  const auto expected = date::local_days{date::year{2026} / 1 / 5} + hours(8) + minutes(10);
  EXPECT_EQ(*parseLocalDateTime("2026-01-05T08:10").value, expected);
  EXPECT_EQ(*parseLocalDateTime("2026-01-05 08:10").value, expected);
  EXPECT_EQ(*parseLocalDateTime("2026-01-05T08:10:00").value, expected);
  EXPECT_NE(parseLocalDateTime("2026-02-30T00:00").error.find("not a valid calendar date"), std::string::npos);
  EXPECT_FALSE(parseLocalDateTime("2026-13-01T00:00"));
  EXPECT_FALSE(parseLocalDateTime("2026-01-05T24:00"));
  EXPECT_FALSE(parseLocalDateTime("05/01/2026 08:10"));
  EXPECT_FALSE(parseLocalDateTime("2026-01-05"));
}

TEST(ZonedTime, LocalTimesConvertThroughTheZoneAndGapsAreRefused) {
  const auto paris = findZone("Europe/Paris");
  ASSERT_TRUE(paris);
  const auto winter = localToUtc(**paris.value, *parseLocalDateTime("2026-01-05T00:00").value);
  EXPECT_EQ(formatUtc(*winter.value), "2026-01-04T23:00:00.000000Z");
  const auto summer = localToUtc(**paris.value, *parseLocalDateTime("2026-07-01T12:00").value);
  EXPECT_EQ(formatUtc(*summer.value), "2026-07-01T10:00:00.000000Z");
  const auto gap = localToUtc(**paris.value, *parseLocalDateTime("2026-03-29T02:30").value);
  EXPECT_FALSE(gap);
  EXPECT_NE(gap.error.find("does not exist in Europe/Paris"), std::string::npos);
  // 02:30 happens twice on 2026-10-25: the earlier one, still in summer time (UTC+2).
  const auto repeated = localToUtc(**paris.value, *parseLocalDateTime("2026-10-25T02:30").value);
  EXPECT_EQ(formatUtc(*repeated.value), "2026-10-25T00:30:00.000000Z");
  EXPECT_FALSE(findZone("Mars/Olympus"));
  EXPECT_FALSE(findZone(""));
}

}  // namespace
}  // namespace ews::scenario::detail
