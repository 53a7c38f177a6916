#include "ews/kernel/calendar.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace ews {

namespace {
date::local_time<Duration> toLocalTimePoint(const LocalDateTime& local) {
  const date::year_month_day ymd{date::year{local.year}, date::month{local.month}, date::day{local.day}};
  if (!ymd.ok()) {
    throw std::invalid_argument(fmt::format("{:04}-{:02}-{:02} is not a calendar date", local.year, local.month, local.day));
  }
  if (local.hour < 0 || local.hour > 23 || local.minute < 0 || local.minute > 59 || local.second < 0 || local.second > 59) {
    throw std::invalid_argument(fmt::format("{:02}:{:02}:{:02} is not a time of day", local.hour, local.minute, local.second));
  }
  return date::local_days{ymd} + std::chrono::hours{local.hour} + std::chrono::minutes{local.minute} +
         std::chrono::seconds{local.second};
}
}  // namespace

TimeZone::TimeZone(const std::string& ianaName) : name_(ianaName), zone_(nullptr) {
  try {
    zone_ = date::locate_zone(ianaName);
  } catch (const std::exception&) {
    throw std::invalid_argument(fmt::format("unknown time zone '{}'", ianaName));
  }
}

Time TimeZone::toUtc(const LocalDateTime& local) const {
  const auto localPoint = toLocalTimePoint(local);
  const auto info = zone_->get_info(localPoint);
  if (info.result == date::local_info::nonexistent) {
    throw std::invalid_argument(fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} does not exist in {} (clocks jump forward)",
                                            local.year, local.month, local.day, local.hour, local.minute,
                                            local.second, name_));
  }
  // Unique: the only offset; ambiguous: the first (earlier) of the two.
  return Time{localPoint.time_since_epoch() - std::chrono::duration_cast<Duration>(info.first.offset)};
}

LocalDateTime TimeZone::toLocal(Time t) const {
  const auto localPoint = date::make_zoned(zone_, t).get_local_time();
  const auto dayPoint = date::floor<date::days>(localPoint);
  const date::year_month_day ymd{dayPoint};
  const date::hh_mm_ss<Duration> hms{localPoint - dayPoint};
  return LocalDateTime{int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()),
                       static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                       static_cast<int>(hms.seconds().count())};
}

Duration TimeZone::utcOffset(Time t) const {
  // Load profiles ask for the local time of every model at every step: the offset in force
  // holds for months, so the last period looked up is kept (per thread: a TimeZone is shared
  // by the engines of a sweep, one per thread) and the database is searched only when t
  // leaves it.
  struct Period {
    const date::time_zone* zone = nullptr;
    Time begin{};
    Time end{};
    Duration offset{};
  };
  thread_local Period last;
  if (last.zone != zone_ || t < last.begin || t >= last.end) {
    const date::sys_info info = zone_->get_info(date::sys_time<Duration>(t.time_since_epoch()));
    // The first and last periods reach the ends of sys_seconds, beyond what Time can hold.
    const auto clamped = [](date::sys_seconds edge) {
      constexpr auto kLimit = std::chrono::duration_cast<std::chrono::seconds>(Time::max().time_since_epoch());
      const auto since = std::clamp(edge.time_since_epoch(), -kLimit, kLimit);
      return Time{std::chrono::duration_cast<Duration>(since)};
    };
    last = Period{zone_, clamped(info.begin), clamped(info.end), std::chrono::duration_cast<Duration>(info.offset)};
  }
  return last.offset;
}

Duration TimeZone::timeOfDay(Time t) const {
  const date::local_time<Duration> localPoint{t.time_since_epoch() + utcOffset(t)};
  return localPoint - date::floor<date::days>(localPoint);
}

unsigned TimeZone::weekday(Time t) const {
  const date::local_time<Duration> localPoint{t.time_since_epoch() + utcOffset(t)};
  return date::weekday{date::floor<date::days>(localPoint)}.c_encoding();
}

std::string TimeZone::format(Time t, const std::string& pattern) const {
  return date::format(pattern, date::make_zoned(zone_, t));
}

LocalDateTime parseLocalDateTime(const std::string& text) {
  LocalDateTime local;
  char separator = 0;
  int consumed = 0;
  int second = 0;
  const int fields = std::sscanf(text.c_str(), "%4d-%2u-%2u%c%2d:%2d%n", &local.year, &local.month, &local.day,
                                 &separator, &local.hour, &local.minute, &consumed);
  if (fields != 6 || (separator != 'T' && separator != ' ')) {
    throw std::invalid_argument(fmt::format("'{}' is not a date-time YYYY-MM-DDTHH:MM[:SS]", text));
  }
  std::string rest = text.substr(static_cast<std::size_t>(consumed));
  if (!rest.empty()) {
    int restConsumed = 0;
    if (std::sscanf(rest.c_str(), ":%2d%n", &second, &restConsumed) != 1 ||
        static_cast<std::size_t>(restConsumed) != rest.size()) {
      throw std::invalid_argument(fmt::format("'{}' is not a date-time YYYY-MM-DDTHH:MM[:SS]", text));
    }
  }
  local.second = second;
  toLocalTimePoint(local);  // range checks
  return local;
}

}  // namespace ews
