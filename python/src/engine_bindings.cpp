// ews._ews.Engine: the twin driven from Python (docs/python.md). Python's ews.Engine subclasses
// it to add pandas DataFrames; everything that touches the engine is here.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <fmt/format.h>

#include <map>

#include "bindings.hpp"
#include "dlm_settings.hpp"
#include "ews/run/kpi_run.hpp"
#include "scenario_input.hpp"
#include "time_conversion.hpp"
#include "twin_engine.hpp"

namespace py = pybind11;

namespace ews::python {

namespace {

std::string statusName(acquisition::DeviceStatus status) {
  switch (status) {
    case acquisition::DeviceStatus::Off: return "off";
    case acquisition::DeviceStatus::On: return "on";
    case acquisition::DeviceStatus::CommunicationError: return "communication-error";
    case acquisition::DeviceStatus::ConfigurationError: return "configuration-error";
  }
  return "?";
}

std::string startWaitName(dlm::StartWaitOverride value) {
  switch (value) {
    case dlm::StartWaitOverride::None: return "none";
    case dlm::StartWaitOverride::Start: return "start";
    case dlm::StartWaitOverride::Wait: return "wait";
  }
  return "?";
}

dlm::StartWaitOverride startWaitOf(const std::optional<std::string>& mode) {
  if (!mode || *mode == "none") return dlm::StartWaitOverride::None;
  if (*mode == "start") return dlm::StartWaitOverride::Start;
  if (*mode == "wait") return dlm::StartWaitOverride::Wait;
  throw py::value_error(fmt::format("start/wait mode '{}': 'start', 'wait' or None", *mode));
}

/// None for kNever (a session still connected, a vehicle that never charged).
py::object microsOrNone(Time t) { return t == kNever ? py::none() : py::object(py::int_(toMicros(t))); }

template <typename Element>
std::vector<std::string> namesOf(const std::vector<const Element*>& elements) {
  std::vector<std::string> names;
  for (const Element* element : elements) names.push_back(element->name);
  return names;
}

py::dict sessionDict(const dlm::SessionView& view) {
  py::dict d;
  d["connected"] = view.connected;
  d["connected_at_us"] = view.connected ? py::object(py::int_(toMicros(view.connectedAt))) : py::none();
  d["waiting"] = view.waiting;
  d["authorised"] = view.authorised;
  d["level"] = std::string(dlm::levelName(view.level));
  d["charge_ah"] = view.chargeAh;
  d["priority"] = view.priority;
  d["start_wait"] = startWaitName(view.startWait);
  return d;
}

history::SeriesKey seriesOf(TwinEngine& engine, const std::string& kind, const std::optional<std::string>& name) {
  const auto& installation = engine.site().installation();
  const auto needName = [&]() -> const std::string& {
    if (!name) throw py::value_error(fmt::format("history of a {}: give its name", kind));
    return *name;
  };
  if (kind == "device") return history::SeriesKey::device(engine.device(needName()).id);
  if (kind == "load") {
    const auto* load = installation.findLoad(needName());
    if (load == nullptr) throw py::key_error(fmt::format("no load named '{}'", *name));
    return history::SeriesKey::load(load->id);
  }
  if (kind == "group") {
    const auto* group = installation.findGroup(needName());
    if (group == nullptr) throw py::key_error(fmt::format("no group named '{}'", *name));
    return history::SeriesKey::group(group->id);
  }
  if (kind == "electricity") return history::SeriesKey::total(history::SeriesKind::ElectricityTotal);
  if (kind == "water") return history::SeriesKey::total(history::SeriesKind::WaterTotal);
  if (kind == "gas") return history::SeriesKey::total(history::SeriesKind::GasTotal);
  throw py::value_error(fmt::format("history kind '{}': device, load, group, electricity, water or gas", kind));
}

history::Resolution resolutionOf(const std::string& name) {
  static const std::map<std::string, history::Resolution> kByName{
      {"sample", history::Resolution::Sample}, {"hour", history::Resolution::Hour},
      {"day", history::Resolution::Day},       {"month", history::Resolution::Month},
      {"year", history::Resolution::Year}};
  const auto found = kByName.find(name);
  if (found == kByName.end()) throw py::value_error(fmt::format("resolution '{}': sample, hour, day, month or year", name));
  return found->second;
}

template <typename T>
py::array_t<T> arrayOf(const std::vector<T>& values) {
  return py::array_t<T>(static_cast<py::ssize_t>(values.size()), values.data());
}

py::dict historyDict(TwinEngine& engine, const std::string& kind, const std::optional<std::string>& name,
                     const std::string& resolution) {
  const history::SeriesKey key = seriesOf(engine, kind, name);
  const std::size_t level = static_cast<std::size_t>(resolutionOf(resolution));
  std::vector<std::int64_t> keys;
  std::vector<double> values;
  std::vector<std::uint32_t> samples, gaps;
  for (const auto& series : engine.ews().history().snapshot().series) {
    if (series.key != key) continue;
    for (const history::Bucket& bucket : series.buckets[level]) {
      keys.push_back(bucket.key);
      values.push_back(bucket.value);
      samples.push_back(bucket.samples);
      gaps.push_back(bucket.gapSamples);
    }
  }
  py::dict d;
  d["key"] = arrayOf(keys);
  d["value"] = arrayOf(values);
  d["samples"] = arrayOf(samples);
  d["gap_samples"] = arrayOf(gaps);
  return d;
}

py::dict sessionsDict(TwinEngine& engine) {
  const stack::DlmRunner& runner = engine.dlm();
  const auto& stations = runner.controller().settings().stations;
  py::list station, connected, firstCharging, ended, waitS, energyWh, chargeAh, minReached, reductions, stops, skipped;
  for (const dlm::SessionKpis& s : runner.kpis().sessions()) {
    station.append(stations[s.station].name);
    connected.append(toMicros(s.connectedAt));
    firstCharging.append(microsOrNone(s.firstChargingAt));
    ended.append(microsOrNone(s.endedAt));
    waitS.append(s.waitS);
    energyWh.append(s.energyWh);
    chargeAh.append(s.chargeAh);
    minReached.append(s.minReached);
    reductions.append(s.reductions);
    stops.append(s.stops);
    skipped.append(s.skipped);
  }
  py::dict d;
  d["station"] = station;
  d["connected_at_us"] = connected;
  d["first_charging_at_us"] = firstCharging;
  d["ended_at_us"] = ended;
  d["wait_s"] = waitS;
  d["energy_wh"] = energyWh;
  d["charge_ah"] = chargeAh;
  d["min_reached"] = minReached;
  d["reductions"] = reductions;
  d["stops"] = stops;
  d["skipped"] = skipped;
  return d;
}

std::unique_ptr<TwinEngine> makeEngine(py::handle scenario, py::handle seed, py::handle duration,
                                       py::handle dlmSamplePeriod, py::handle stationSamplePeriod,
                                       const std::string& baseDir) {
  EngineOptions options;
  if (!seed.is_none()) options.seed = seed.cast<std::uint64_t>();
  if (!duration.is_none()) options.duration = toDuration(duration);
  if (!dlmSamplePeriod.is_none()) options.dlmSamplePeriod = toDuration(dlmSamplePeriod);
  options.stationSamplePeriod = stationSamplePeriod.is_none() ? Duration::zero() : toDuration(stationSamplePeriod);
  return std::make_unique<TwinEngine>(loadScenario(scenario, baseDir), options);
}

}  // namespace

void bindEngine(py::module_& m) {
  py::class_<TwinEngine>(m, "Engine", R"doc(
The whole twin of a scenario, as `ews run` runs it: the simulated site, the EWS stack polling it
over its simulated Modbus lines, and the Green'Up DLM when the scenario's DLM is ON. Run it in
slices (run_until / run_for); between slices read devices, send commands and change DLM
parameters. Slicing never changes results. Times are tz-aware datetimes in the site's zone (or
int microseconds since the Unix epoch, UTC, in the *_us forms).

Use ews.Engine (which adds pandas DataFrames) rather than this base class.
)doc")
      .def(py::init(&makeEngine), py::arg("scenario"), py::arg("seed") = py::none(), py::arg("duration") = py::none(),
           py::arg("dlm_sample_period") = py::none(), py::arg("station_sample_period") = "1min",
           py::arg("base_dir") = "",
           R"doc(
scenario: a scenario file path, or a dict with the file's structure (see ews.scenario_yaml).
seed, duration: override run.seed and run.duration ('2d', a timedelta, or seconds), as
  `ews run --seed --duration` do.
dlm_sample_period: how often the DLM zone and site current are recorded (dlm_trace); None: at
  every decision (the control period); 0: not recorded.
station_sample_period: how often each station's vehicle SOC and current are recorded
  (station_trace); None or 0: not recorded.
base_dir: for a dict, where its relative paths (trace and sessions files) are resolved.
Raises ews.ValidationError (file:line:column: field: reason, as `ews validate`) for a bad scenario.
)doc")
      .def_property_readonly("start", [](TwinEngine& e) { return toDatetime(e.site().start(), e.site().zone().name()); },
                             "Start of the run (tz-aware datetime, the site's zone).")
      .def_property_readonly("end", [](TwinEngine& e) { return toDatetime(e.site().end(), e.site().zone().name()); },
                             "End of the run (tz-aware datetime).")
      .def_property_readonly("now", [](TwinEngine& e) { return toDatetime(e.site().engine().now(), e.site().zone().name()); },
                             "Current simulated time (tz-aware datetime).")
      .def_property_readonly("start_us", [](TwinEngine& e) { return toMicros(e.site().start()); },
                             "Start, int microseconds since the Unix epoch (UTC).")
      .def_property_readonly("end_us", [](TwinEngine& e) { return toMicros(e.site().end()); },
                             "End, int microseconds since the Unix epoch (UTC).")
      .def_property_readonly("now_us", [](TwinEngine& e) { return toMicros(e.site().engine().now()); },
                             "Current time, int microseconds since the Unix epoch (UTC).")
      .def_property_readonly("time_zone", [](TwinEngine& e) { return e.site().zone().name(); },
                             "The site's IANA time zone (ews.timezone).")
      .def_property_readonly("seed", [](TwinEngine& e) { return e.site().seed(); }, "The run's seed.")
      .def_property_readonly("scenario_name", [](TwinEngine& e) { return e.site().scenario().name; },
                             "The scenario's name.")
      .def_property_readonly("devices", [](TwinEngine& e) { return namesOf(e.site().installation().devices()); },
                             "Device names in id order: the columns of samples().")
      .def_property_readonly("loads", [](TwinEngine& e) { return namesOf(e.site().installation().loads()); },
                             "Load names in id order: the columns of aggregates('loads').")
      .def_property_readonly("groups", [](TwinEngine& e) { return namesOf(e.site().installation().groups()); },
                             "Measure group names in id order: the columns of aggregates('groups').")
      .def_property_readonly("dlm_enabled", [](TwinEngine& e) { return e.ews().dlm() != nullptr; },
                             "True when the scenario's DLM is ON.")
      .def_property_readonly(
          "stations",
          [](TwinEngine& e) {
            std::vector<std::string> names;
            for (const auto& s : e.dlm().controller().settings().stations) names.push_back(s.name);
            return names;
          },
          "Names of the charging stations under the DLM, in the DLM's order.")
      .def("run_until", [](TwinEngine& e, py::handle t) { return e.runUntil(toTime(t, e.site().start())); },
           py::arg("t"), R"doc(
Runs to t: a tz-aware datetime, or an offset from the start (seconds, a timedelta, or a text like
'6h'). Clamped to the end; t before now raises ValueError. The GIL is released meanwhile, so other
threads (other engines) run. Returns True when t was reached.
)doc")
      .def("run_for",
           [](TwinEngine& e, py::handle span) { return e.runUntil(e.site().engine().now() + toDuration(span)); },
           py::arg("span"), "Runs for span (seconds, a timedelta or a text like '1min'), clamped to the end.")
      .def("run_to_end", [](TwinEngine& e) { return e.runUntil(e.site().end()); }, "Runs to the end of the run.")
      .def("events_dispatched", [](TwinEngine& e) { return e.site().engine().eventsDispatched(); },
           "Events the engine has dispatched so far (the samplers' included).")
      .def(
          "read",
          [](TwinEngine& e, const std::string& device) {
            e.checkIdle();
            py::dict values;
            for (const auto& [quantity, reading] : e.ews().measurements().readings(e.device(device).id)) {
              values[py::str(quantity)] = reading.value;
            }
            return values;
          },
          py::arg("device"),
          "The latest value of every quantity the EWS polls on `device` (quantity -> value, as decoded: "
          "A, V, W, Wh, ...); a value whose last poll failed keeps its previous reading (see status()).")
      .def(
          "status",
          [](TwinEngine& e, const std::string& device) {
            e.checkIdle();
            return statusName(e.ews().measurements().status(e.device(device).id));
          },
          py::arg("device"), "The device status of the EWS: 'on', 'off' or 'communication-error'.")
      .def(
          "set_device_on",
          [](TwinEngine& e, const std::string& device, bool on) {
            e.checkIdle();
            e.ews().poller().setDeviceOn(e.device(device).id, on);
          },
          py::arg("device"), py::arg("on"),
          "Switches the EWS's polling of a device ON or OFF (configuration page), from now on.")
      .def(
          "set_start_wait",
          [](TwinEngine& e, const std::string& station, std::optional<std::string> mode) {
            e.checkIdle();
            e.dlm().controller().setStartWait(e.stationIndex(station), startWaitOf(mode));
          },
          py::arg("station"), py::arg("mode"),
          "Management page (8.3.2): 'start', 'wait' or None for the session in progress at `station` "
          "(cleared when the vehicle leaves); the DLM applies it at its next decision.")
      .def(
          "set_priority",
          [](TwinEngine& e, const std::string& station, bool priority) {
            e.checkIdle();
            e.dlm().controller().setSessionPriority(e.stationIndex(station), priority);
          },
          py::arg("station"), py::arg("priority"),
          "Management page (8.3.2): Priority (True) or Normal (False) for the session in progress at `station`.")
      .def(
          "session",
          [](TwinEngine& e, const std::string& station) {
            e.checkIdle();
            return sessionDict(e.dlm().controller().session(e.stationIndex(station)));
          },
          py::arg("station"),
          "The DLM's view of the session at `station`: connected, connected_at_us, waiting, authorised, "
          "level, charge_ah, priority, start_wait.")
      .def(
          "dlm_state",
          [](TwinEngine& e) {
            e.checkIdle();
            const stack::DlmRunner& runner = e.dlm();
            py::dict d;
            d["zone"] = std::string(dlm::zoneName(runner.controller().zone()));
            d["fail_safe"] = runner.controller().failSafe();
            d["site_current_a"] = runner.lastObservation().meter.currentsA;
            d["at_us"] = toMicros(runner.lastObservation().at);
            return d;
          },
          "The DLM's last decision: zone ('green', 'yellow', 'red'), fail_safe, site_current_a (L1, L2, L3) "
          "and at_us.")
      .def(
          "dlm_settings",
          [](TwinEngine& e) {
            e.checkIdle();
            return settingsDict(e.dlm().controller().settings());
          },
          "The DLM parameters in force, as a dict (names with units: max_current_a, hysteresis_pct, "
          "hold_time_s, load_control, ...).")
      .def(
          "set_dlm",
          [](TwinEngine& e, const py::kwargs& changes) {
            e.checkIdle();
            dlm::Controller& controller = e.dlm().controller();
            controller.setSettings(withChanges(controller.settings(), changes));
          },
          R"doc(
Changes DLM parameters from the next decision on, e.g. set_dlm(hysteresis_pct=5, hold_time_s=120).
Names as dlm_settings(); durations in seconds, a timedelta or a text like '2min'. ValueError with
the controller's message for inconsistent settings (nothing changes then), KeyError for an unknown
name. KPIs collected so far are not recomputed.
)doc")
      .def(
          "kpis",
          [](TwinEngine& e) {
            e.checkIdle();
            py::dict d;
            for (const auto& [name, value] : run::kpiColumnsOf(e.dlm(), e.site())) d[py::str(name)] = value;
            return d;
          },
          "The DLM KPIs up to now, with the simulation's ground truth, as {name: value} in the order of "
          "the columns of `ews sweep` (NaN: not known).")
      .def(
          "dlm_sessions",
          [](TwinEngine& e) {
            e.checkIdle();
            return sessionsDict(e);
          },
          "One entry per DLM session (dict of equal-length lists): station, connected_at_us, "
          "first_charging_at_us, ended_at_us (None: not yet), wait_s, energy_wh, charge_ah, min_reached, "
          "reductions, stops, skipped.")
      .def(
          "events",
          [](TwinEngine& e) {
            e.checkIdle();
            const TraceColumns& trace = e.trace();
            py::dict d;
            d["time_us"] = trace.eventTimeUs;
            d["device_id"] = trace.eventDeviceIds;
            d["kind"] = trace.eventKinds;
            d["detail"] = trace.eventDetails;
            return d;
          },
          "The trace's event table so far (dict of equal-length lists, as trace.h5's /events): time_us, "
          "device_id (0: not about one device), kind ('status', 'counter-reset', 'dlm', 'dlm-command', "
          "'unpriced', ...) and detail, e.g. \"'P1' authorised at full (32 A), 0.00 Ah\".")
      .def(
          "sample_times_us",
          [](TwinEngine& e) {
            e.checkIdle();
            return e.trace().sampleTimeUs.view();
          },
          "Sample instants (int64 us since the epoch, UTC): the rows of samples(). A read-only view, no copy.")
      .def(
          "samples",
          [](TwinEngine& e, const std::string& quantity) {
            e.checkIdle();
            const TraceColumns& t = e.trace();
            if (quantity == "counter") return t.counter.view();
            if (quantity == "delta") return t.delta.view();
            if (quantity == "average_rate") return t.averageRate.view();
            if (quantity == "gap") return t.gap.view();
            throw py::value_error(
                fmt::format("sample quantity '{}': counter, delta, average_rate or gap", quantity));
          },
          py::arg("quantity") = "delta",
          "The stack's samples as a read-only [time x device] view (no copy), trace.h5's /samples/<quantity>: "
          "counter, delta (Wh or dm3; NaN in a gap), average_rate (W or dm3/h), gap (0 read, 1 communication "
          "gap, 2 no sample).")
      .def(
          "aggregate_times_us",
          [](TwinEngine& e) {
            e.checkIdle();
            return e.trace().aggregateTimeUs.view();
          },
          "Aggregate instants (int64 us, UTC): the rows of aggregates().")
      .def(
          "aggregates",
          [](TwinEngine& e, const std::string& kind) {
            e.checkIdle();
            const TraceColumns& t = e.trace();
            if (kind == "loads") return t.loadDelta.view();
            if (kind == "groups") return t.groupDelta.view();
            if (kind == "totals") return t.totals.view();
            throw py::value_error(fmt::format("aggregate kind '{}': loads, groups or totals", kind));
          },
          py::arg("kind") = "loads",
          "Consumption per interval as a read-only view: 'loads' [time x load], 'groups' [time x group], "
          "'totals' [time x (electricity Wh, water dm3, gas dm3)]; NaN where there is no row.")
      .def(
          "dlm_trace",
          [](TwinEngine& e) {
            e.checkIdle();
            const auto* c = e.dlmColumns();
            if (c == nullptr) throw std::runtime_error("no DLM trace: the DLM is OFF or dlm_sample_period was 0");
            py::dict d;
            d["time_us"] = c->timeUs.view();
            d["zone"] = c->zone.view();
            d["fail_safe"] = c->failSafe.view();
            d["meter_valid"] = c->meterValid.view();
            d["site_current_a"] = c->siteCurrentA.view();
            return d;
          },
          "The DLM sampler's read-only arrays: time_us, zone (0 green, 1 yellow, 2 red), fail_safe, "
          "meter_valid, site_current_a [T x 3] (the total meter's line currents the decision used).")
      .def(
          "station_trace",
          [](TwinEngine& e) {
            e.checkIdle();
            const auto* c = e.stationColumns();
            if (c == nullptr) throw std::runtime_error("no station trace: no charging station, or station_sample_period was 0");
            py::dict d;
            d["stations"] = c->names;
            d["time_us"] = c->timeUs.view();
            d["soc_pct"] = c->socPct.view();
            d["vehicle_current_a"] = c->vehicleCurrentA.view();
            return d;
          },
          "The station sampler's read-only arrays: stations (names, the columns), time_us, soc_pct [T x S] "
          "(the connected vehicle's battery, NaN with no vehicle), vehicle_current_a [T x S] (per phase).")
      .def(
          "history",
          [](TwinEngine& e, const std::string& kind, std::optional<std::string> name, const std::string& resolution) {
            e.checkIdle();
            return historyDict(e, kind, name, resolution);
          },
          py::arg("kind"), py::arg("name") = py::none(), py::arg("resolution") = "day",
          R"doc(
The EWS's consumption history (manual 8.2.2) of one series, as arrays (copies): key, value (Wh or
dm3), samples, gap_samples per bucket. kind: 'device', 'load', 'group' (with name), 'electricity',
'water', 'gas'. resolution: 'sample', 'hour' (key: UTC us of the bucket's start), 'day' (local days
since 1970-01-01), 'month' (year x 12 + month - 1), 'year'.
)doc");
}

}  // namespace ews::python
