// The compiled part of the Python package `ews` (ews._ews, pybind11): scenarios from files or
// dicts with the CLI's checks and messages, the twin as an Engine run in slices, the legacy
// Site, and the sweep core. python/ews/__init__.py adds pandas DataFrames and ews.sweep.
// C++ errors become Python exceptions with the same text; the GIL is released while engines run.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "ews/installation/installation.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"
#include "scenario_input.hpp"

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

PYBIND11_MODULE(_ews, m) {
  m.doc() = "ews-twin: digital twin of the Energy Web Server 10/32/255 (compiled core; use the package `ews`)";
  m.attr("__version__") = EWS_VERSION;

  // Subclass of ValueError; str() lists every "file:line:column: field: reason".
  py::register_exception<ews::ValidationError>(m, "ValidationError", PyExc_ValueError);

  m.def(
      "validate",
      [](const py::object& scenario, const std::string& baseDir) {
        const auto loaded = ews::python::loadScenario(scenario, baseDir);
        const auto installation = ews::installation::Installation::build(loaded.installation);
        py::dict summary;
        summary["name"] = loaded.name;
        summary["gateways"] = installation.gateways().size();
        summary["devices"] = installation.devices().size();
        return summary;
      },
      py::arg("scenario"), py::arg("base_dir") = "",
      "Loads and checks a scenario (a file path, or a dict: see scenario_yaml) as `ews validate` does; returns "
      "a summary dict (name, gateways, devices) or raises ews.ValidationError with every problem.");

  m.def("scenario_yaml", &ews::python::scenarioYaml, py::arg("scenario"),
        "The YAML text a scenario dict is read as (yaml-cpp's writer): the positions in a dict's "
        "diagnostics refer to this text.");

  py::class_<ews::site::SimulatedSite>(m, "Site",
                                       "A simulated EWS site alone (no EWS stack, no DLM): its devices' own counters. "
                                       "Times are int microseconds since the Unix epoch (UTC). For the twin, use Engine.")
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
      .def_property_readonly("seed", &ews::site::SimulatedSite::seed, "The run's seed.")
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
      .def("events_dispatched", [](ews::site::SimulatedSite& s) { return s.engine().eventsDispatched(); },
           "Events the engine has dispatched so far.");

  ews::python::bindEngine(m);
  ews::python::bindSweep(m);
}
