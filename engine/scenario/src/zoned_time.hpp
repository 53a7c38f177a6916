#pragma once
// The only place where the loader touches the time zone database: zone lookup and local
// date-time -> UTC, refusing local times that a DST change skips.
#include <date/tz.h>

#include <string>

#include "ews/kernel/time.hpp"
#include "value_parsers.hpp"

namespace ews::scenario::detail {

/// The IANA zone called `name`, or why it cannot be used.
Parsed<const date::time_zone*> findZone(const std::string& name);

/// The UTC instant of a wall-clock time in `zone`. A time skipped by a DST change is an
/// error; a repeated one (DST end) takes the earlier instant, as date::choose::earliest.
Parsed<Time> localToUtc(const date::time_zone& zone, date::local_time<Duration> local);

}  // namespace ews::scenario::detail
