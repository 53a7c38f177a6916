#pragma once
// Calendar arithmetic on CivilDate through date/date.h (docs/design.md decision 1: calendar work
// through Howard Hinnant's date): day numbers, weekdays, calendar checks.
#include <cstdint>

#include "ews/tariff/plan.hpp"

namespace ews::tariff::detail {

/// Days since 1970-01-01 (negative before).
std::int64_t dayNumberOf(CivilDate date);
CivilDate dateOfDayNumber(std::int64_t dayNumber);
/// 0 = Sunday ... 6 = Saturday.
unsigned weekdayOf(CivilDate date);
/// A real day of the proleptic Gregorian calendar (2021-02-29 is not).
bool isCalendarDate(CivilDate date);
/// A month and day that exists in some year (02-29 does, 04-31 does not).
bool isMonthDay(unsigned month, unsigned day);

}  // namespace ews::tariff::detail
