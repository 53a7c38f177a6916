#pragma once
// The twin's integer time (int64 us since the Unix epoch, UTC) at the Python edge: tz-aware
// datetime objects in the site's IANA zone (zoneinfo), and the forms run_until accepts.
#include <pybind11/pybind11.h>

#include <string>

#include "ews/kernel/time.hpp"

namespace ews::python {

/// A tz-aware datetime.datetime of `t` in the zone `ianaZone` (zoneinfo.ZoneInfo).
pybind11::object toDatetime(Time t, const std::string& ianaZone);

/// An instant given as a tz-aware datetime (pandas.Timestamp included), or as an offset from
/// `start`: seconds (int or float), a datetime.timedelta or a duration text ("90min", "1d").
/// Throws ValueError for a naive datetime, TypeError for anything else.
Time toTime(pybind11::handle when, Time start);

/// A span given as seconds, a datetime.timedelta or a duration text ("1h").
Duration toDuration(pybind11::handle span);

}  // namespace ews::python
