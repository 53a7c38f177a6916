#include "ews/scenario/metering_tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace ews::scenario {
namespace {

struct DeviceEntry {
  const installation::DeviceSpec* spec = nullptr;
  std::string path;  ///< "installation.gateways[g].devices[d]"
};

/// In the grand total: switched on and not excluded from totals.
bool counted(const installation::DeviceSpec& device) { return device.on && !device.excludeFromTotals; }

}  // namespace

std::vector<Diagnostic> doubleCountingWarnings(const Scenario& scenario) {
  std::map<std::string, DeviceEntry> devices;  // by name; the first of a name (duplicates are errors elsewhere)
  const auto& gateways = scenario.installation.gateways;
  for (std::size_t g = 0; g < gateways.size(); ++g) {
    for (std::size_t d = 0; d < gateways[g].devices.size(); ++d) {
      devices.emplace(gateways[g].devices[d].name,
                      DeviceEntry{&gateways[g].devices[d], fmt::format("installation.gateways[{}].devices[{}]", g, d)});
    }
  }
  std::map<std::string, const DeviceSimSpec*> simOf;
  for (const DeviceSimSpec& sim : scenario.deviceSims) simOf.emplace(sim.device, &sim);

  std::vector<Diagnostic> warnings;
  std::set<std::string> reported;  // each downstream device once, against its first counted meter
  for (const DeviceSimSpec& sim : scenario.deviceSims) {
    const auto meter = devices.find(sim.device);
    if (meter == devices.end() || !counted(*meter->second.spec)) continue;
    // Walk the meters below this one; an excluded sub-meter does not hide a counted device under it.
    std::vector<std::string> pending(sim.downstream.begin(), sim.downstream.end());
    std::set<std::string> seen;
    while (!pending.empty()) {
      const std::string name = pending.back();
      pending.pop_back();
      if (!seen.insert(name).second || name == sim.device) continue;  // loops are the loader's error
      const auto below = devices.find(name);
      if (below == devices.end()) continue;
      if (counted(*below->second.spec)) {
        if (reported.insert(name).second) {
          const installation::DeviceSpec& spec = *below->second.spec;
          const auto nameLoc = spec.fieldLocs.find("name");
          warnings.push_back(
              {nameLoc != spec.fieldLocs.end() ? nameLoc->second : spec.loc,
               below->second.path + ".excludeFromTotals",
               fmt::format("device '{}' is counted in the totals and is downstream of '{}', also counted: its "
                           "consumption is counted twice in the grand total (set excludeFromTotals: true on "
                           "one of them)",
                           name, sim.device)});
        }
        continue;  // what is below it is reported against it, when it is a counted meter itself
      }
      if (const auto next = simOf.find(name); next != simOf.end()) {
        pending.insert(pending.end(), next->second->downstream.begin(), next->second->downstream.end());
      }
    }
  }
  // In file order, whatever order the walk met them in.
  std::sort(warnings.begin(), warnings.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.line, a.where.column, a.field) < std::tie(b.where.line, b.where.column, b.field);
  });
  return warnings;
}

std::vector<std::string> mainMeters(const Scenario& scenario) {
  std::set<std::string> measured;  // listed downstream of some meter
  for (const DeviceSimSpec& sim : scenario.deviceSims) measured.insert(sim.downstream.begin(), sim.downstream.end());
  std::vector<std::string> tops;
  for (const auto& gateway : scenario.installation.gateways) {
    for (const auto& device : gateway.devices) {
      const auto sim = std::find_if(scenario.deviceSims.begin(), scenario.deviceSims.end(),
                                    [&](const DeviceSimSpec& s) { return s.device == device.name; });
      if (sim == scenario.deviceSims.end() || sim->downstream.empty()) continue;
      if (counted(device) && !measured.contains(device.name)) tops.push_back(device.name);
    }
  }
  return tops;
}

}  // namespace ews::scenario
