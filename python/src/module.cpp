// The Python module `ews` (pybind11): load and validate scenarios, build a simulated site,
// step it in slices and read its counters. C++ errors become Python exceptions with the same
// text; the GIL is released while the engine runs. The notebook API grows with issue 8.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "ews/installation/installation.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"

namespace py = pybind11;

namespace {

ews::site::RunOverrides makeOverrides(std::optional<std::uint64_t> seed, std::optional<std::string> duration) {
  ews::site::RunOverrides overrides;
  overrides.seed = seed;
  if (duration) overrides.duration = ews::parseDuration(*duration);
  return overrides;
}

/// Microseconds since the Unix epoch (UTC): the twin's integer time, exact in Python ints.
std::int64_t micros(ews::Time t) { return ews::toMicros(t); }

}  // namespace

PYBIND11_MODULE(ews, m) {
  m.doc() = "ews-twin: digital twin of the Energy Web Server 10/32/255";
  m.attr("__version__") = EWS_VERSION;

  // Subclass of ValueError; str() lists every "file:line:column: field: reason".
  py::register_exception<ews::ValidationError>(m, "ValidationError", PyExc_ValueError);

  m.def(
      "validate",
      [](const std::string& path) {
        const auto scenario = ews::scenario::loadScenarioFile(path);
        const auto installation = ews::installation::Installation::build(scenario.installation);
        py::dict summary;
        summary["name"] = scenario.name;
        summary["gateways"] = installation.gateways().size();
        summary["devices"] = installation.devices().size();
        return summary;
      },
      py::arg("path"),
      "Loads and validates a scenario file; returns a small summary dict or raises ews.ValidationError.");

  py::class_<ews::site::SimulatedSite>(m, "Site", "A simulated EWS site built from a scenario file.")
      .def(py::init([](const std::string& path, std::optional<std::uint64_t> seed, std::optional<std::string> duration) {
             return std::make_unique<ews::site::SimulatedSite>(ews::scenario::loadScenarioFile(path),
                                                                makeOverrides(seed, duration));
           }),
           py::arg("path"), py::arg("seed") = py::none(), py::arg("duration") = py::none(),
           "Loads `path`; `seed` and `duration` (e.g. '6h') override the scenario's run settings.")
      .def_property_readonly("start", [](const ews::site::SimulatedSite& s) { return micros(s.start()); },
                             "Start of the run, microseconds since the Unix epoch (UTC).")
      .def_property_readonly("end", [](const ews::site::SimulatedSite& s) { return micros(s.end()); },
                             "End of the run, microseconds since the Unix epoch (UTC).")
      .def_property_readonly("now", [](ews::site::SimulatedSite& s) { return micros(s.engine().now()); },
                             "Current simulated time, microseconds since the Unix epoch (UTC).")
      .def_property_readonly("seed", &ews::site::SimulatedSite::seed)
      .def(
          "run_until",
          [](ews::site::SimulatedSite& s, std::int64_t untilMicros) {
            py::gil_scoped_release release;
            return s.runUntil(ews::timeFromMicros(untilMicros));
          },
          py::arg("t"), "Runs to t (microseconds since the epoch, clamped to end); slices equal one run.")
      .def(
          "run_to_end",
          [](ews::site::SimulatedSite& s) {
            py::gil_scoped_release release;
            return s.runToEnd();
          },
          "Runs to the end of the scenario.")
      .def(
          "counters",
          [](const ews::site::SimulatedSite& s) {
            py::dict result;
            for (const auto& [deviceId, counter] : s.counters()) {
              result[py::str(s.installation().device(deviceId).name)] = counter;
            }
            return result;
          },
          "Counter of every simulated device at the current time: Wh, or dm3 for water and gas.")
      .def("events_dispatched", [](ews::site::SimulatedSite& s) { return s.engine().eventsDispatched(); });
}
