#include "time_conversion.hpp"

#include <cmath>

namespace py = pybind11;

namespace ews::python {

namespace {

py::module_ datetimeModule() { return py::module_::import("datetime"); }

py::object utcEpoch() {
  const py::module_ dt = datetimeModule();
  return dt.attr("datetime")(1970, 1, 1, py::arg("tzinfo") = dt.attr("timezone").attr("utc"));
}

/// Exact: timedelta // timedelta(microseconds=1) is an int, no float on the way.
std::int64_t microsOfTimedelta(py::handle delta) {
  return (delta.attr("__floordiv__")(datetimeModule().attr("timedelta")(py::arg("microseconds") = 1))).cast<std::int64_t>();
}

Duration secondsToDuration(double seconds) {
  if (!std::isfinite(seconds)) throw py::value_error("a time span must be finite");
  return Duration(static_cast<std::int64_t>(std::llround(seconds * 1e6)));
}

}  // namespace

py::object toDatetime(Time t, const std::string& ianaZone) {
  const py::object utc = utcEpoch() + datetimeModule().attr("timedelta")(py::arg("microseconds") = toMicros(t));
  return utc.attr("astimezone")(py::module_::import("zoneinfo").attr("ZoneInfo")(ianaZone));
}

Duration toDuration(py::handle span) {
  if (py::isinstance(span, datetimeModule().attr("timedelta"))) return Duration(microsOfTimedelta(span));
  if (py::isinstance<py::str>(span)) return parseDuration(span.cast<std::string>());
  if (py::isinstance<py::bool_>(span)) throw py::type_error("a time span is seconds, a timedelta or a text like '1h'");
  if (py::isinstance<py::int_>(span)) return Duration(span.cast<std::int64_t>() * 1'000'000);
  if (py::isinstance<py::float_>(span)) return secondsToDuration(span.cast<double>());
  throw py::type_error("a time span is seconds, a timedelta or a text like '1h', got " +
                       py::str(py::type::of(span)).cast<std::string>());
}

Time toTime(py::handle when, Time start) {
  if (py::isinstance(when, datetimeModule().attr("datetime"))) {
    if (when.attr("utcoffset")().is_none()) {
      throw py::value_error("a naive datetime is ambiguous: give it a time zone (the site's, or UTC)");
    }
    return timeFromMicros(microsOfTimedelta(when - utcEpoch()));
  }
  return start + toDuration(when);
}

}  // namespace ews::python
