// The date-time column of the CSV tree: local time with UTC offset, parsed back exactly.
#include <gtest/gtest.h>

#include "ews/stores/local_time_text.hpp"

namespace {

using ews::timeFromMicros;
using ews::stores::csv::localMonth;
using ews::stores::csv::localTimeWithOffset;
using ews::stores::csv::parseLocalTimeWithOffset;

ews::Time utc(const char* text) {
  // "YYYY-MM-DDTHH:MM:SSZ" through the parser with a +00:00 offset.
  std::string local = text;
  local[10] = ' ';
  local.pop_back();
  return *parseLocalTimeWithOffset(local + "+00:00");
}

TEST(LocalTimeText, WinterAndSummerOffsets) {
  const ews::TimeZone paris("Europe/Paris");
  EXPECT_EQ(localTimeWithOffset(paris, utc("2026-01-05T06:30:00Z")), "2026-01-05 07:30:00+01:00");
  EXPECT_EQ(localTimeWithOffset(paris, utc("2026-07-05T06:30:00Z")), "2026-07-05 08:30:00+02:00");
  const ews::TimeZone newYork("America/New_York");
  EXPECT_EQ(localTimeWithOffset(newYork, utc("2026-01-05T06:30:00Z")), "2026-01-05 01:30:00-05:00");
}

TEST(LocalTimeText, TheRepeatedAutumnHourStaysUnambiguous) {
  const ews::TimeZone paris("Europe/Paris");
  const ews::Time first = utc("2026-10-25T00:30:00Z");   // 02:30 summer time
  const ews::Time second = utc("2026-10-25T01:30:00Z");  // 02:30 again, winter time
  EXPECT_EQ(localTimeWithOffset(paris, first), "2026-10-25 02:30:00+02:00");
  EXPECT_EQ(localTimeWithOffset(paris, second), "2026-10-25 02:30:00+01:00");
  EXPECT_EQ(parseLocalTimeWithOffset(localTimeWithOffset(paris, first)), first);
  EXPECT_EQ(parseLocalTimeWithOffset(localTimeWithOffset(paris, second)), second);
}

TEST(LocalTimeText, SubSecondsAreDroppedAndMonthsAreLocal) {
  const ews::TimeZone paris("Europe/Paris");
  const ews::Time t = utc("2026-03-31T22:00:00Z") + ews::milliseconds(250);
  EXPECT_EQ(localTimeWithOffset(paris, t), "2026-04-01 00:00:00+02:00");
  EXPECT_EQ(localMonth(paris, t), "2026-04");
  EXPECT_EQ(localMonth(paris, utc("2026-03-31T21:59:59Z")), "2026-03");
}

TEST(LocalTimeText, NonDatesAreNotParsed) {
  EXPECT_FALSE(parseLocalTimeWithOffset("date_time"));
  EXPECT_FALSE(parseLocalTimeWithOffset("2026-01-05 07:30:00"));
  EXPECT_FALSE(parseLocalTimeWithOffset("2026-02-30 07:30:00+01:00"));
  EXPECT_FALSE(parseLocalTimeWithOffset("2026-01-05 07:3x:00+01:00"));
  EXPECT_EQ(parseLocalTimeWithOffset("1970-01-01 01:00:00+01:00"), timeFromMicros(0));
}

}  // namespace
