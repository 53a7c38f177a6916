#include "ews/scenario/instances.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "ews/installation/installation.hpp"
#include "ews/installation/master_slave.hpp"
#include "ews/installation/remote_id.hpp"
#include "ews/scenario/loader.hpp"

namespace ews::scenario {

namespace {

namespace fs = std::filesystem;

SourceLoc fieldLoc(const installation::FieldLocs& locs, const std::string& field, const SourceLoc& entry) {
  const auto at = locs.find(field);
  return at != locs.end() ? at->second : entry;
}

/// Reads the files of a hierarchy, each once, collecting every problem instead of stopping.
class HierarchyLoader {
 public:
  /// The index of the instance of `path`, loading it (and its slaves) on first sight;
  /// nullopt when it could not be loaded (its problems are recorded).
  std::optional<std::size_t> load(const std::string& path) {
    std::error_code error;
    const fs::path identity = fs::weakly_canonical(path, error);
    const std::string key = error ? path : identity.string();
    if (const auto seen = indexOf_.find(key); seen != indexOf_.end()) return seen->second;
    std::optional<Scenario> scenario;
    try {
      scenario = loadScenarioFile(path);
      installations_.push_back(installation::Installation::build(scenario->installation));
    } catch (const ValidationError& invalid) {
      problems_.insert(problems_.end(), invalid.diagnostics().begin(), invalid.diagnostics().end());
      return std::nullopt;
    }
    const std::size_t index = set_.instances.size();
    set_.instances.push_back(Instance{path, std::move(*scenario)});
    indexOf_.emplace(key, index);
    // By value: loading the slaves grows set_.instances.
    const std::vector<SlaveSpec> slaves = set_.instances[index].scenario.slaves;
    for (std::size_t i = 0; i < slaves.size(); ++i) {
      const SlaveSpec& slave = slaves[i];
      if (slave.file.empty()) continue;  // missing: reported by the loader
      const std::string slavePath = (fs::path(path).parent_path() / slave.file).lexically_normal().string();
      if (!fs::is_regular_file(slavePath, error)) {
        problems_.push_back(Diagnostic{fieldLoc(slave.fieldLocs, "file", slave.loc), fmt::format("slaves[{}].file", i),
                                       fmt::format("cannot open slave scenario file '{}'", slavePath)});
        continue;
      }
      if (const auto slaveIndex = load(slavePath)) {
        set_.readings.push_back(InstanceReading{index, *slaveIndex, slave.gateway});
        entryOf_.push_back(i);
      }
    }
    return index;
  }

  InstanceSet finish() {
    if (!problems_.empty()) throw ValidationError(std::move(problems_));  // checks below need every file
    checkLoops();
    for (std::size_t r = 0; r < set_.readings.size(); ++r) checkReading(r);
    if (!problems_.empty()) throw ValidationError(std::move(problems_));
    return std::move(set_);
  }

 private:
  const SlaveSpec& entryOf(std::size_t reading) const {
    return set_.instances[set_.readings[reading].master].scenario.slaves[entryOf_[reading]];
  }
  Diagnostic atEntry(std::size_t reading, const std::string& field, std::string reason) const {
    const SlaveSpec& entry = entryOf(reading);
    return Diagnostic{fieldLoc(entry.fieldLocs, field, entry.loc), fmt::format("slaves[{}].{}", entryOf_[reading], field),
                      std::move(reason)};
  }

  void checkLoops() {
    std::vector<installation::ReadRelation> relations;
    for (const InstanceReading& reading : set_.readings) relations.push_back({reading.master, reading.slave});
    const auto loop = installation::findReadingLoop(set_.instances.size(), relations);
    if (loop.empty()) return;
    std::string names;
    for (const std::size_t at : loop) names += fmt::format("{}{}", names.empty() ? "" : " -> ", set_.instances[at].path);
    // Reported at the entry that closes the loop: the last master reading the first one.
    const std::size_t master = loop[loop.size() - 2];
    const std::size_t slave = loop.back();
    for (std::size_t r = 0; r < set_.readings.size(); ++r) {
      if (set_.readings[r].master != master || set_.readings[r].slave != slave) continue;
      problems_.push_back(atEntry(r, "file",
                                  fmt::format("Master/Slave loop: {}; a slave must not read, directly or through its "
                                              "own slaves, a master that reads it",
                                              names)));
      return;
    }
  }

  void checkReading(std::size_t r) {
    const InstanceReading& reading = set_.readings[r];
    const Instance& slave = set_.instances[reading.slave];
    if (!slave.scenario.ews.modbus.tcpServer) {
      problems_.push_back(atEntry(r, "file",
                                  fmt::format("slave '{}' does not serve its masters: set ews.modbus.tcpServer: true in "
                                              "it (manual 7.16.6.1)",
                                              slave.path)));
      return;
    }
    const std::vector<int> served = installation::servedRemoteIds(installations_[reading.slave]);
    const auto& gateways = set_.instances[reading.master].scenario.installation.gateways;
    for (std::size_t g = 0; g < gateways.size(); ++g) {
      if (gateways[g].name != reading.gateway) continue;
      for (std::size_t d = 0; d < gateways[g].devices.size(); ++d) {
        const installation::DeviceSpec& device = gateways[g].devices[d];
        if (!device.remoteId || std::binary_search(served.begin(), served.end(), *device.remoteId)) continue;
        problems_.push_back(Diagnostic{
            fieldLoc(device.fieldLocs, "remoteId", device.loc),
            fmt::format("installation.gateways[{}].devices[{}].remoteId", g, d),
            fmt::format("slave '{}' serves no value for Remote ID {}: it has no such {} (devices must meter "
                        "electrical energy; Water and Gas are not served)",
                        slave.path, *device.remoteId, kindName(*device.remoteId))});
      }
    }
  }

  static std::string_view kindName(int remoteId) {
    const auto target = installation::decodeRemoteId(remoteId);
    if (!target) return "element";
    switch (target->kind) {
      case installation::RemoteKind::Device: return "device";
      case installation::RemoteKind::Load: return "load";
      case installation::RemoteKind::Group: return "measure group";
      case installation::RemoteKind::AllElectricalLoads: break;
    }
    return "element";
  }

  InstanceSet set_;
  std::vector<installation::Installation> installations_;  ///< parallel to set_.instances
  std::vector<std::size_t> entryOf_;  ///< parallel to set_.readings: the master's slaves[] index
  std::map<std::string, std::size_t> indexOf_;
  std::vector<Diagnostic> problems_;
};

}  // namespace

InstanceSet loadInstances(const std::string& path) {
  HierarchyLoader loader;
  loader.load(path);
  return loader.finish();
}

}  // namespace ews::scenario
