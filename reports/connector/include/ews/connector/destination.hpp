#pragma once
// The connector's destination path (manual 7.12, "Destination"): the keywords the manual lists
// are replaced by the local time of the transfer.
//   %date  yyyyMMddHHmm   %day  01-31   %dow  mon-sun   %hour  00-23
#include <string>
#include <string_view>

#include "ews/kernel/calendar.hpp"

namespace ews::connector {

/// `pattern` with its keywords expanded for the local time `local` (its weekday computed from
/// the date). Text that is no keyword is kept as it is (validation refuses a stray '%').
std::string expandDestination(std::string_view pattern, const LocalDateTime& local);

/// "mon" … "sun" for the local date.
std::string_view weekdayName(const LocalDateTime& local);

}  // namespace ews::connector
