// Names that tie the sections together: device sims -> devices and profiles, sessions ->
// charging stations, faults -> devices or gateways, DLM -> meter and stations. Run after
// installation::applyDefaultNames, so a device left unnamed is referred to by its default
// name ("3", "5-2", ...) as on the EWS pages.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "sections.hpp"

namespace ews::scenario::detail {

namespace {

namespace inst = ews::installation;

/// Names of the installation, first occurrence wins (duplicates are the validation's business).
struct NameIndex {
  std::map<std::string, const inst::DeviceSpec*> devices;
  std::set<std::string> gateways;
  std::set<std::string> profiles;

  explicit NameIndex(const Scenario& scenario) {
    for (const auto& gateway : scenario.installation.gateways) {
      gateways.insert(gateway.name);
      for (const auto& device : gateway.devices) devices.emplace(device.name, &device);
    }
    for (const auto& profile : scenario.loadProfiles) profiles.insert(profile.name);
  }

  const inst::DeviceSpec* device(const std::string& name) const {
    const auto it = devices.find(name);
    return it == devices.end() ? nullptr : it->second;
  }
};

/// Where a referencing field is: its recorded position, else its entry's.
SourceLoc fieldLoc(const inst::FieldLocs& locs, const std::string& field, const SourceLoc& entry) {
  const auto it = locs.find(field);
  return it != locs.end() ? it->second : entry;
}

/// The charging station called `name`, or null after reporting why it is not one.
const inst::DeviceSpec* findStation(const NameIndex& names, const std::string& name, const SourceLoc& at,
                                    const std::string& field, DiagnosticSink& sink) {
  const inst::DeviceSpec* station = names.device(name);
  if (station == nullptr) {
    sink.error(at, field, fmt::format("no device named '{}' in the installation", name));
    return nullptr;
  }
  if (station->family != inst::DeviceFamily::ChargingStation) {
    sink.error(at, field, fmt::format("device '{}' is not a charging station", name));
    return nullptr;
  }
  return station;
}

/// The measuring families whose meters report the currents the DLM compares (7.16.5.1).
bool measuresCurrent(inst::DeviceFamily family) {
  return family == inst::DeviceFamily::MultifunctionMeter || family == inst::DeviceFamily::EnergyCounter ||
         family == inst::DeviceFamily::EmsMeasure || family == inst::DeviceFamily::Breaker;
}

void checkProfiles(const Scenario& scenario, DiagnosticSink& sink) {
  std::map<std::string, SourceLoc> seen;
  for (std::size_t i = 0; i < scenario.loadProfiles.size(); ++i) {
    const auto& profile = scenario.loadProfiles[i];
    const SourceLoc at = fieldLoc(profile.fieldLocs, "name", profile.loc);
    const auto [it, inserted] = seen.emplace(profile.name, at);
    if (!inserted) {
      sink.error(at, fmt::format("loadProfiles[{}].name", i),
                 fmt::format("duplicate profile name '{}' (first at line {}, column {})", profile.name,
                             it->second.line, it->second.column));
    }
  }
}

/// The path of the device entry a nested sim sits under ("installation.gateways[0].devices[1]").
std::string deviceEntryPath(const SimOrigin& origin) {
  return fmt::format("installation.gateways[{}].devices[{}]", origin.device->first, origin.device->second);
}

/// `lines` places an electrical load: a charging station's lines are its `phase` (or all three),
/// and a water or gas counter draws no current.
void checkSimLines(const DeviceSimSpec& sim, const SimOrigin& origin, const inst::DeviceSpec* device,
                   DiagnosticSink& sink) {
  if (!sim.lineShares || device == nullptr) return;
  const SourceLoc at = fieldLoc(sim.fieldLocs, "lines", sim.loc);
  if (device->family == inst::DeviceFamily::ChargingStation) {
    sink.error(at, origin.path + ".lines",
               "a charging station draws on its `phase` (single-phase stations) or on all three lines: set the "
               "device's `phase` instead");
  } else if (device->medium && *device->medium != inst::Medium::Electricity) {
    sink.error(at, origin.path + ".lines", "a water or gas counter draws no current: `lines` is for electrical loads");
  }
}

/// Links are programmed into EMS CX3 state and control modules, and a module does not act on
/// its own events.
void checkSimLinks(const DeviceSimSpec& sim, const SimOrigin& origin, const inst::DeviceSpec* device,
                   DiagnosticSink& sink) {
  if (sim.links.empty() || device == nullptr) return;
  const SourceLoc at = fieldLoc(sim.fieldLocs, "links", sim.loc);
  if (device->family != inst::DeviceFamily::EmsStateControl) {
    sink.error(at, origin.path + ".links", "links are programmed into EMS CX3 state and control modules only");
    return;
  }
  for (std::size_t i = 0; i < sim.links.size(); ++i) {
    const EmsLinkSpec& link = sim.links[i];
    if (link.actionAddress == device->address) {
      sink.error(fieldLoc(link.fieldLocs, "action", link.loc), fmt::format("{}.links[{}].action", origin.path, i),
                 fmt::format("address {} is the module's own: a link joins two modules", link.actionAddress));
    }
  }
}

/// `alarmCurrent` is the measure threshold of the devices that raise alerts and measure
/// currents: EMS CX3 measuring modules and breakers (those without measurement never cross it).
void checkSimAlarm(const DeviceSimSpec& sim, const SimOrigin& origin, const inst::DeviceSpec* device,
                   DiagnosticSink& sink) {
  if (!sim.alarmCurrentA || device == nullptr) return;
  if (device->family != inst::DeviceFamily::EmsMeasure && device->family != inst::DeviceFamily::Breaker) {
    sink.error(fieldLoc(sim.fieldLocs, "alarmCurrent", sim.loc), origin.path + ".alarmCurrent",
               "a measure threshold is for EMS CX3 measuring modules and DPX3/DMX3 breakers with measurement");
  }
}

void checkSims(const Scenario& scenario, const std::vector<SimOrigin>& origins, const NameIndex& names,
               DiagnosticSink& sink) {
  std::map<std::string, const SimOrigin*> simulatedBy;  // device name -> its (first) sim
  for (std::size_t i = 0; i < scenario.deviceSims.size() && i < origins.size(); ++i) {
    const auto& sim = scenario.deviceSims[i];
    const auto& origin = origins[i];
    if (names.device(sim.device) == nullptr) {
      sink.error(fieldLoc(sim.fieldLocs, "device", sim.loc), origin.path + ".device",
                 fmt::format("no device named '{}' in the installation", sim.device));
    } else if (const auto [it, inserted] = simulatedBy.emplace(sim.device, &origin); !inserted) {
      const SimOrigin& first = *it->second;
      if (origin.device && first.device) {
        // Two `sim:` keys under two devices: a device has one `sim:` key at most, so the
        // conflict is the name the two devices share, which is what must be fixed.
        sink.error(fieldLoc(sim.fieldLocs, "device", sim.loc), deviceEntryPath(origin) + ".name",
                   fmt::format("device name '{}' is already used by {} (each device needs its own name)",
                               sim.device, deviceEntryPath(first)));
      } else {
        sink.error(fieldLoc(sim.fieldLocs, "device", sim.loc), origin.path + ".device",
                   fmt::format("device '{}' is already simulated by {}", sim.device, first.path));
      }
    }
    if (!sim.profile.empty() && names.profiles.count(sim.profile) == 0) {
      sink.error(fieldLoc(sim.fieldLocs, "profile", sim.loc), origin.path + ".profile",
                 fmt::format("no load profile named '{}'", sim.profile));
    }
    checkSimLines(sim, origin, names.device(sim.device), sink);
    checkSimLinks(sim, origin, names.device(sim.device), sink);
    checkSimAlarm(sim, origin, names.device(sim.device), sink);
  }
}

/// Each downstream name is a device other than the meter itself, and no meter ends up
/// measuring itself through a chain (its power would be infinite).
void checkDownstream(const Scenario& scenario, const std::vector<SimOrigin>& origins, const NameIndex& names,
                     DiagnosticSink& sink) {
  std::map<std::string, std::size_t> simOf;  // device -> its sim (first one)
  for (std::size_t i = 0; i < scenario.deviceSims.size(); ++i) simOf.emplace(scenario.deviceSims[i].device, i);
  for (std::size_t i = 0; i < scenario.deviceSims.size() && i < origins.size(); ++i) {
    const auto& sim = scenario.deviceSims[i];
    for (std::size_t k = 0; k < sim.downstream.size(); ++k) {
      const std::string& name = sim.downstream[k];
      const SourceLoc at = fieldLoc(sim.fieldLocs, fmt::format("downstream[{}]", k), sim.loc);
      const std::string field = fmt::format("{}.downstream[{}]", origins[i].path, k);
      if (names.device(name) == nullptr) {
        sink.error(at, field, fmt::format("no device named '{}' in the installation", name));
        continue;
      }
      // Depth-first walk from `name`: reaching sim.device again closes a loop.
      std::vector<std::string> pending{name};
      std::set<std::string> visited;
      bool loops = false;
      while (!pending.empty() && !loops) {
        const std::string current = pending.back();
        pending.pop_back();
        if (current == sim.device) loops = true;
        if (!visited.insert(current).second) continue;
        if (const auto it = simOf.find(current); it != simOf.end()) {
          for (const auto& next : scenario.deviceSims[it->second].downstream) pending.push_back(next);
        }
      }
      if (loops) {
        sink.error(at, field, fmt::format("'{}' leads back to '{}': a meter cannot measure itself", name, sim.device));
      }
    }
  }
}

/// Sessions of the sessions file are read after the inline ones and located in that file: messages
/// name inline ones by their index in `sessions`, the others by their column and line in the file.
bool fromSessionsFile(const Scenario& scenario, std::size_t i) { return scenario.sessions[i].loc.file != scenario.file; }

std::string sessionField(const Scenario& scenario, std::size_t i, std::string_view key) {
  return fromSessionsFile(scenario, i) ? fmt::format("sessionsFile.{}", key) : fmt::format("sessions[{}].{}", i, key);
}

std::string sessionName(const Scenario& scenario, std::size_t i) {
  const SourceLoc& at = scenario.sessions[i].loc;
  return fromSessionsFile(scenario, i) ? fmt::format("the session on line {} of {}", at.line, at.file)
                                       : fmt::format("sessions[{}]", i);
}

void checkSessions(const Scenario& scenario, const NameIndex& names, DiagnosticSink& sink) {
  std::map<std::string, std::vector<std::size_t>> sessionsAt;  // station -> its sessions
  for (std::size_t i = 0; i < scenario.sessions.size(); ++i) {
    const auto& session = scenario.sessions[i];
    const SourceLoc at = fieldLoc(session.fieldLocs, "station", session.loc);
    if (findStation(names, session.station, at, sessionField(scenario, i, "station"), sink) != nullptr &&
        session.arrival != Time{} && session.arrival < session.departure) {
      // Only sessions whose window was read correctly: a failed date-time stays at the epoch.
      sessionsAt[session.station].push_back(i);
    }
  }
  // One vehicle per station (or side) at a time.
  for (auto& [station, indices] : sessionsAt) {
    std::stable_sort(indices.begin(), indices.end(), [&](std::size_t a, std::size_t b) {
      return scenario.sessions[a].arrival < scenario.sessions[b].arrival;
    });
    for (std::size_t k = 1; k < indices.size(); ++k) {
      const auto& earlier = scenario.sessions[indices[k - 1]];
      const auto& later = scenario.sessions[indices[k]];
      if (later.arrival < earlier.departure) {
        sink.error(fieldLoc(later.fieldLocs, "arrival", later.loc), sessionField(scenario, indices[k], "arrival"),
                   fmt::format("station '{}' is still occupied by {} at this arrival", station,
                               sessionName(scenario, indices[k - 1])));
      }
    }
  }
}

void checkFaults(const Scenario& scenario, const NameIndex& names, DiagnosticSink& sink) {
  for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
    const auto& fault = scenario.faults[i];
    const SourceLoc at = fieldLoc(fault.fieldLocs, "target", fault.loc);
    const std::string field = fmt::format("faults[{}].target", i);
    if (fault.kind == FaultSpec::Kind::GatewayDown) {
      if (names.gateways.count(fault.target) == 0) {
        sink.error(at, field, fmt::format("no gateway named '{}' in the installation", fault.target));
      }
    } else if (const inst::DeviceSpec* device = names.device(fault.target); device == nullptr) {
      sink.error(at, field, fmt::format("no device named '{}' in the installation", fault.target));
    } else if (fault.kind == FaultSpec::Kind::InstallationError && device->family != inst::DeviceFamily::EmsMeasure &&
               device->family != inst::DeviceFamily::EmsStateControl && device->family != inst::DeviceFamily::Breaker) {
      sink.error(at, field,
                 fmt::format("device '{}' reports no installation errors (EMS CX3 modules and DPX3/DMX3 breakers do)",
                             fault.target));
    }
  }
}

void checkDlm(const DlmSpec& dlm, const NameIndex& names, DiagnosticSink& sink) {
  if (!dlm.totalMeter.empty()) {
    const SourceLoc at = fieldLoc(dlm.fieldLocs, "totalMeter", dlm.loc);
    const inst::DeviceSpec* meter = names.device(dlm.totalMeter);
    if (meter == nullptr) {
      sink.error(at, "dlm.totalMeter", fmt::format("no device named '{}' in the installation", dlm.totalMeter));
    } else if (!measuresCurrent(meter->family)) {
      sink.error(at, "dlm.totalMeter",
                 fmt::format("device '{}' does not measure currents (use a multifunction meter, energy counter, "
                             "EMS CX3 measure module or breaker)",
                             dlm.totalMeter));
    }
  }
  std::set<std::string> listed;
  for (std::size_t i = 0; i < dlm.priorityStations.size(); ++i) {
    const std::string& name = dlm.priorityStations[i];
    const std::string field = fmt::format("dlm.priorityStations[{}]", i);
    const SourceLoc at = fieldLoc(dlm.fieldLocs, fmt::format("priorityStations[{}]", i), dlm.loc);
    if (findStation(names, name, at, field, sink) != nullptr && !listed.insert(name).second) {
      sink.error(at, field, fmt::format("station '{}' is listed twice", name));
    }
  }
  for (std::size_t i = 0; i < dlm.overrides.size(); ++i) {
    const auto& command = dlm.overrides[i];
    if (command.fieldLocs.count("station") == 0) continue;  // missing: reported by readDlm
    findStation(names, command.station, fieldLoc(command.fieldLocs, "station", command.loc),
                fmt::format("dlm.overrides[{}].station", i), sink);
  }
}

}  // namespace

void checkReferences(const Scenario& scenario, const std::vector<SimOrigin>& simOrigins, DiagnosticSink& sink) {
  const NameIndex names(scenario);
  checkProfiles(scenario, sink);
  checkSims(scenario, simOrigins, names, sink);
  checkDownstream(scenario, simOrigins, names, sink);
  checkSessions(scenario, names, sink);
  checkFaults(scenario, names, sink);
  checkDlm(scenario.dlm, names, sink);
}

}  // namespace ews::scenario::detail
