#pragma once
// The date-time column of the CSV tree: the site's local civil time with its UTC offset,
// "2026-03-29 03:10:00+02:00". The offset keeps the column unambiguous in the repeated hour
// of the autumn DST change, so a restart can tell exactly which instant a row belongs to.
#include <optional>
#include <string>
#include <string_view>

#include "ews/kernel/calendar.hpp"

namespace ews::stores::csv {

/// Local time at whole seconds (sub-second parts are dropped) with "+hh:mm" offset.
std::string localTimeWithOffset(const TimeZone& zone, Time t);

/// The instant a localTimeWithOffset() text names; nullopt when `text` is not one.
std::optional<Time> parseLocalTimeWithOffset(std::string_view text);

/// "YYYY-MM" of the local date at t: the month a row is filed under.
std::string localMonth(const TimeZone& zone, Time t);

/// t cut to whole seconds (the resolution of the date-time column).
Time floorToSeconds(Time t);

}  // namespace ews::stores::csv
