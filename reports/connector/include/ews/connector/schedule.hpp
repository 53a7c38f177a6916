#pragma once
// When the connector sends (manual 7.12, "Scheduler"): a day (every day "*", a weekday, or a
// day of the month) and an hour (every hour "*", or 0-23), in the site's local time. A transfer
// is due once per matching local hour, at its start.
#include <optional>

#include "ews/kernel/calendar.hpp"
#include "ews/kernel/time.hpp"
#include "ews/sitedb/settings.hpp"

namespace ews::connector {

/// Whether the local hour holding `local` is one the scheduler sends in.
bool isScheduledHour(const sitedb::ConnectorSettings& settings, const LocalDateTime& local);

/// The start of the local hour holding `t`, computed on the local time: in a zone offset by 30
/// or 45 minutes a local hour does not start on a UTC hour.
Time localHourStart(const TimeZone& zone, Time t);

}  // namespace ews::connector
