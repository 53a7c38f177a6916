#include "ews/connector/schedule.hpp"

#include <date/date.h>

namespace ews::connector {

bool isScheduledHour(const sitedb::ConnectorSettings& settings, const LocalDateTime& local) {
  if (settings.hour && *settings.hour != local.hour) return false;
  using Kind = sitedb::UploadDay::Kind;
  switch (settings.day.kind) {
    case Kind::EveryDay:
      return true;
    case Kind::DayOfWeek: {
      const date::weekday weekday{
          date::sys_days{date::year{local.year} / date::month{local.month} / date::day{local.day}}};
      return static_cast<int>(weekday.iso_encoding()) == settings.day.value;
    }
    case Kind::DayOfMonth:
      // A day the month lacks (31 in April) is not sent in that month, as the manual's
      // "the 1st of every month" example implies a calendar day, not a clamped one.
      return static_cast<int>(local.day) == settings.day.value;
  }
  return false;
}

Time localHourStart(const TimeZone& zone, Time t) {
  const LocalDateTime local = zone.toLocal(t);
  const Duration intoHour = minutes(local.minute) + seconds(local.second);
  const Duration subSecond = t.time_since_epoch() % seconds(1);
  return t - intoHour - subSecond;
}

}  // namespace ews::connector
