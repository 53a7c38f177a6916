#pragma once
// Small Master/Slave hierarchies written as scenario files in a scratch folder, and a sink that
// keeps what a recorder published, for the tests of this folder.
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ews/link/link.hpp"
#include "ews/recording/sample.hpp"

namespace ews::master_slave::test {

/// A fresh folder under the system's temporary directory, removed with the object.
class ScratchFolder {
 public:
  ScratchFolder();
  ~ScratchFolder();
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  /// Writes `text` to `name` in the folder and returns its path.
  std::string write(const std::string& name, const std::string& text) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// A slave EWS: one RS485 gateway, three energy counters drawing constant power (`baseW`,
/// 2 x baseW, 3 x baseW) on loads Lighting, Heating and Others, all in group "Floor"; the
/// third is excluded from totals. Modbus TCP server ON, samples every minute.
std::string slaveScenario(const std::string& name, double baseW, int seed);

/// A master reading `slaves` (file name, virtual gateway name): per slave a virtual device
/// "<gateway> total" (29999, counted), "<gateway> device 1" (10001, excluded from totals) and
/// "<gateway> heating" (load 1, 20001, excluded). Electricity tariffs: one price, 0.25 per kWh.
/// `serves`: its own Modbus TCP server is ON (a master that is the slave of another).
std::string masterScenario(const std::string& name, const std::vector<std::pair<std::string, std::string>>& slaves,
                           bool serves = false);

/// What a recorder published: device rows and aggregates by sample instant.
class KeptSamples final : public recording::SampleSink {
 public:
  struct Row {
    double deltaWh = 0.0;
    bool gap = false;
    std::vector<double> costByTariff;
  };
  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override;
  void onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) override;

  /// Sample instants, ascending.
  std::vector<Time> instants() const;
  const Row& device(Time t, int deviceId) const { return devices_.at(t).at(deviceId); }
  bool hasDevice(Time t, int deviceId) const { return devices_.at(t).contains(deviceId); }
  double electricityTotalWh(Time t) const { return totals_.at(t); }

 private:
  std::map<Time, std::map<int, Row>> devices_;
  std::map<Time, double> totals_;
};

/// A master's read of the value of `remoteId` (its 4 registers at unit 247) into `words`.
link::Result readServedValue(link::Link& link, int remoteId, std::array<std::uint16_t, 4>& words);

}  // namespace ews::master_slave::test
