#include "ews/stores/local_time_text.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <charconv>

namespace ews::stores::csv {

namespace {

std::int64_t localSecondsSinceEpoch(const LocalDateTime& local) {
  const date::sys_days day{date::year{local.year} / date::month{local.month} / date::day{local.day}};
  return std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count() + local.hour * 3600 +
         local.minute * 60 + local.second;
}

bool parseInt(std::string_view text, std::size_t at, std::size_t digits, int& out) {
  if (at + digits > text.size()) return false;
  const char* first = text.data() + at;
  const auto [end, error] = std::from_chars(first, first + digits, out);
  return error == std::errc{} && end == first + digits;
}

}  // namespace

Time floorToSeconds(Time t) { return std::chrono::floor<std::chrono::seconds>(t); }

std::string localTimeWithOffset(const TimeZone& zone, Time t) {
  const Time whole = floorToSeconds(t);
  const LocalDateTime local = zone.toLocal(whole);
  const std::int64_t utcSeconds = toMicros(whole) / 1'000'000;
  const std::int64_t offsetMinutes = (localSecondsSinceEpoch(local) - utcSeconds) / 60;
  const std::int64_t magnitude = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}{}{:02}:{:02}", local.year, local.month, local.day,
                     local.hour, local.minute, local.second, offsetMinutes < 0 ? '-' : '+', magnitude / 60,
                     magnitude % 60);
}

std::optional<Time> parseLocalTimeWithOffset(std::string_view text) {
  // "YYYY-MM-DD HH:MM:SS+hh:mm": fixed positions.
  if (text.size() != 25 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' ||
      text[16] != ':' || (text[19] != '+' && text[19] != '-') || text[22] != ':') {
    return std::nullopt;
  }
  LocalDateTime local;
  int month = 0, day = 0, offsetHours = 0, offsetMinutes = 0;
  if (!parseInt(text, 0, 4, local.year) || !parseInt(text, 5, 2, month) || !parseInt(text, 8, 2, day) ||
      !parseInt(text, 11, 2, local.hour) || !parseInt(text, 14, 2, local.minute) ||
      !parseInt(text, 17, 2, local.second) || !parseInt(text, 20, 2, offsetHours) ||
      !parseInt(text, 23, 2, offsetMinutes)) {
    return std::nullopt;
  }
  local.month = static_cast<unsigned>(month);
  local.day = static_cast<unsigned>(day);
  if (!date::year_month_day{date::year{local.year}, date::month{local.month}, date::day{local.day}}.ok()) {
    return std::nullopt;
  }
  const std::int64_t offsetSeconds = (text[19] == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  return timeFromMicros((localSecondsSinceEpoch(local) - offsetSeconds) * 1'000'000);
}

std::string localMonth(const TimeZone& zone, Time t) {
  const LocalDateTime local = zone.toLocal(t);
  return fmt::format("{:04}-{:02}", local.year, local.month);
}

}  // namespace ews::stores::csv
