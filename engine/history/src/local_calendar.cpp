#include "ews/history/local_calendar.hpp"

#include <date/date.h>

#include <stdexcept>

namespace ews::history {

namespace {
constexpr std::int64_t kMonthsPerYear = 12;

/// Floor division: month keys of years before 0 stay consistent (keys are never negative in
/// practice, but a wrong year would be silent).
std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0); }
}  // namespace

std::array<std::int64_t, kResolutionCount> LocalCalendar::keysOf(Time t) const {
  const LocalDateTime local = zone_.toLocal(t);
  const LocalDate localDate{local.year, local.month, local.day};
  return {toMicros(t), toMicros(hourStart(t)), dayKey(localDate), monthKey(local.year, local.month), std::int64_t{local.year}};
}

Time LocalCalendar::dayStart(LocalDate localDate) const {
  try {
    return zone_.toUtc(LocalDateTime{localDate.year, localDate.month, localDate.day, 0, 0, 0});
  } catch (const std::invalid_argument&) {
    // Midnight skipped by a spring-forward change (e.g. America/Santiago): the day starts
    // when the clocks show 01:00.
    return zone_.toUtc(LocalDateTime{localDate.year, localDate.month, localDate.day, 1, 0, 0});
  }
}

LocalDate LocalCalendar::dateOf(Time t) const {
  const LocalDateTime local = zone_.toLocal(t);
  return {local.year, local.month, local.day};
}

std::int64_t LocalCalendar::dayKey(LocalDate localDate) {
  const date::sys_days day{date::year{localDate.year} / date::month{localDate.month} / date::day{localDate.day}};
  return day.time_since_epoch().count();
}

LocalDate LocalCalendar::dateOfDayKey(std::int64_t key) {
  const date::year_month_day ymd{date::sys_days{date::days{key}}};
  return {int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day())};
}

int LocalCalendar::yearOfMonthKey(std::int64_t key) { return static_cast<int>(floorDiv(key, kMonthsPerYear)); }

unsigned LocalCalendar::monthOfMonthKey(std::int64_t key) {
  return static_cast<unsigned>(key - floorDiv(key, kMonthsPerYear) * kMonthsPerYear) + 1;
}

unsigned LocalCalendar::daysInMonth(int year, unsigned month) {
  const date::year_month_day_last last{date::year{year} / date::month{month} / date::last};
  return unsigned(last.day());
}

}  // namespace ews::history
