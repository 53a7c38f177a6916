#include "civil_day.hpp"

#include <date/date.h>

namespace ews::tariff::detail {

namespace {
date::year_month_day ymdOf(CivilDate d) { return date::year{d.year} / date::month{d.month} / date::day{d.day}; }
/// 2000 is a leap year: every month-day that exists at all exists in it.
constexpr int kLeapYear = 2000;
}  // namespace

std::int64_t dayNumberOf(CivilDate date) { return date::sys_days{ymdOf(date)}.time_since_epoch().count(); }

CivilDate dateOfDayNumber(std::int64_t dayNumber) {
  const date::year_month_day ymd{date::sys_days{date::days{static_cast<date::days::rep>(dayNumber)}}};
  return {int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day())};
}

unsigned weekdayOf(CivilDate date) { return date::weekday{date::sys_days{ymdOf(date)}}.c_encoding(); }

bool isCalendarDate(CivilDate date) { return ymdOf(date).ok(); }

bool isMonthDay(unsigned month, unsigned day) { return isCalendarDate(CivilDate{kLeapYear, month, day}); }

}  // namespace ews::tariff::detail
