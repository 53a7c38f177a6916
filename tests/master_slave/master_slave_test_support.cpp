#include "master_slave_test_support.hpp"

#include <fmt/format.h>

#include "ews/profiles/master_slave_map.hpp"

#include <fstream>
#include <random>

namespace ews::master_slave::test {

ScratchFolder::ScratchFolder() {
  std::random_device entropy;
  path_ = std::filesystem::temp_directory_path() / fmt::format("ews-master-slave-{:08x}", entropy());
  std::filesystem::create_directories(path_);
}

ScratchFolder::~ScratchFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string ScratchFolder::write(const std::string& name, const std::string& text) const {
  const auto file = path_ / name;
  std::ofstream(file) << text;
  return file.string();
}

std::string slaveScenario(const std::string& name, double baseW, int seed) {
  return fmt::format(R"(name: {0}
ews: {{variant: "255", sampleRate: 1min, modbus: {{tcpServer: true, tcpServerPort: 1502}}}}
run: {{start: "2026-01-05T08:00", duration: 1h, seed: {2}}}
installation:
  groups: [{{name: Floor}}]
  gateways:
    - name: GW
      ip: 10.0.0.1
      devices:
        - {{name: M1, family: energy-counter, model: "4 120 74", address: 1, load: Lighting, groups: [Floor], sim: {{profile: p1}}}}
        - {{name: M2, family: energy-counter, model: "4 120 74", address: 2, load: Heating, groups: [Floor], sim: {{profile: p2}}}}
        - {{name: M3, family: energy-counter, model: "4 120 74", address: 3, groups: [Floor], excludeFromTotals: true, sim: {{profile: p3}}}}
loadProfiles:
  - {{name: p1, kind: constant, power: {1}}}
  - {{name: p2, kind: constant, power: {3}, noise: 0.05}}
  - {{name: p3, kind: constant, power: {4}}}
)",
                     name, baseW, seed, 2 * baseW, 3 * baseW);
}

std::string masterScenario(const std::string& name, const std::vector<std::pair<std::string, std::string>>& slaves,
                           bool serves) {
  std::string gateways;
  std::string entries;
  int ip = 10;
  for (const auto& [file, gateway] : slaves) {
    gateways += fmt::format(R"(    - name: {0}
      kind: virtual
      ip: 10.0.9.{1}
      devices:
        - {{name: {0} total, family: wsmeasure, model: WSMEASURE, remoteId: all}}
        - {{name: {0} device 1, family: wsmeasure, model: WSMEASURE, remoteId: 10001, excludeFromTotals: true}}
        - {{name: {0} heating, family: wsmeasure, model: WSMEASURE, remoteId: 20001, excludeFromTotals: true}}
)",
                            gateway, ip++);
    entries += fmt::format("  - {{file: {}, gateway: {}}}\n", file, gateway);
  }
  return fmt::format(R"(name: {0}
ews: {{variant: "255", sampleRate: 1min{1}}}
run: {{start: "2026-01-05T08:00", duration: 1h}}
installation:
  gateways:
{2}slaves:
{3}tariffs:
  electricity:
    tariffs: [{{name: Flat, prices: [{{price: 0.25}}]}}]
    rules: [{{tariff: Flat}}]
)",
                     name, serves ? ", modbus: {tcpServer: true}" : "", gateways, entries);
}

void KeptSamples::onSamples(Time t, std::span<const recording::DeviceSample> samples) {
  auto& rows = devices_[t];
  for (const auto& sample : samples) {
    rows[sample.deviceId] =
        Row{sample.delta, sample.gap, std::vector<double>(sample.costByTariff.begin(), sample.costByTariff.end())};
  }
}

void KeptSamples::onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) {
  for (const auto& aggregate : aggregates) {
    if (aggregate.kind == recording::AggregateSample::Kind::ElectricityTotal) totals_[t] = aggregate.delta;
  }
}

std::vector<Time> KeptSamples::instants() const {
  std::vector<Time> result;
  for (const auto& [t, rows] : devices_) result.push_back(t);
  return result;
}

link::Result readServedValue(link::Link& link, int remoteId, std::array<std::uint16_t, 4>& words) {
  link::Request request;
  request.unitId = profiles::kSlaveUnitId;
  request.function = link::Function::ReadHoldingRegisters;
  request.address = *profiles::slaveRegisterOf(remoteId);
  request.count = 4;
  request.readBuffer = words;
  return link.transact(request);
}

}  // namespace ews::master_slave::test
