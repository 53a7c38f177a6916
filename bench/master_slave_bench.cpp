// Master/Slave polling over loopback TCP (issue 7): two slave EWS serving their registers
// (ModbusTcpServer + SlaveRequestHandler over the SlaveRegisters of the 255-device reference
// site), each read by a master of 255 WSMEASURE virtual devices: two EwsStacks on one
// wall-clock engine, each polling its slave over a ThreadedLink + TcpLink with the poller's
// cycle at 1 us (back to back). Next to it, in the same run against the same servers, a bare
// libmodbus loop per slave reads the same 255 values (4 registers at each Remote ID's address)
// one after the other: the ceiling for one connection per slave. Counters: polls/s of each;
// target stack/bare >= 0.8. Run:
//   ews_bench --benchmark_filter=MasterSlave --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <modbus.h>

#include <array>
#include <memory>
#include <vector>

#include "bench_support.hpp"
#include "ews/installation/installation.hpp"
#include "ews/kernel/clock.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "ews/live/slave_request_handler.hpp"
#include "ews/live/tcp_link.hpp"
#include "ews/live/threaded_link.hpp"
#include "ews/profiles/master_slave_map.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/stack/ews_stack.hpp"

namespace {

using namespace ews;
constexpr auto kWindow = std::chrono::seconds(2);  // wall time measured per iteration
constexpr int kSlaves = 2;
constexpr int kVirtualDevicesPerMaster = 255;

/// Two slaves and, for each, the 255 Remote IDs its master reads (the served ids, in turn).
class Slaves {
 public:
  Slaves()
      : scenario_(scenario::loadScenarioFile(std::string(EWS_SOURCE_DIR) + "/scenarios/reference-255.yaml")),
        site_(installation::Installation::build(scenario_.installation)),
        profiles_(profiles::ProfileCatalogue::loadDirectory(profiles::defaultProfileDirectory())),
        zone_(scenario_.ews.timezone) {
    const auto& layout = *profiles_.find(installation::DeviceFamily::WsMeasure, "WSMEASURE");
    for (int s = 0; s < kSlaves; ++s) {
      registers_.push_back(std::make_shared<stack::SlaveRegisters>(site_, layout));
      handlers_.push_back(std::make_unique<live::SlaveRequestHandler>(registers_.back()));
      servers_.push_back(std::make_unique<live::ModbusTcpServer>(live::ModbusTcpServerConfig{}, *handlers_.back()));
      servers_.back()->start();
    }
    const auto served = registers_.front()->servedIds();
    for (int d = 0; d < kVirtualDevicesPerMaster; ++d) remoteIds_.push_back(served[static_cast<std::size_t>(d) % served.size()]);
  }
  ~Slaves() {
    for (auto& server : servers_) server->stop();
  }
  std::uint16_t port(int slave) const { return servers_[static_cast<std::size_t>(slave)]->port(); }
  const std::vector<int>& remoteIds() const { return remoteIds_; }
  const profiles::ProfileCatalogue& profiles() const { return profiles_; }
  const TimeZone& zone() const { return zone_; }

  /// A master with one virtual gateway (the slave on loopback) and 255 virtual devices.
  installation::Installation master(int slave) const {
    installation::InstallationSpec spec;
    spec.variant = installation::Variant::Ews255;
    installation::GatewaySpec gateway;
    gateway.name = fmt::format("Slave {}", slave);
    gateway.kind = installation::GatewayKind::Virtual;
    gateway.ip = "127.0.0.1";
    gateway.port = port(slave);
    for (std::size_t d = 0; d < remoteIds_.size(); ++d) {
      installation::DeviceSpec device;
      device.name = fmt::format("V{}", d + 1);
      device.family = installation::DeviceFamily::WsMeasure;
      device.model = "WSMEASURE";
      device.remoteId = remoteIds_[d];
      gateway.devices.push_back(std::move(device));
    }
    spec.gateways.push_back(std::move(gateway));
    return installation::Installation::build(spec);
  }

 private:
  scenario::Scenario scenario_;
  installation::Installation site_;
  profiles::ProfileCatalogue profiles_;
  TimeZone zone_;
  std::vector<std::shared_ptr<stack::SlaveRegisters>> registers_;
  std::vector<std::unique_ptr<live::SlaveRequestHandler>> handlers_;
  std::vector<std::unique_ptr<live::ModbusTcpServer>> servers_;
  std::vector<int> remoteIds_;
};

Slaves& slaves() {
  static Slaves instance;
  return instance;
}

void BM_MasterSlavePollStack(benchmark::State& state) {
  std::vector<installation::Installation> masters;
  for (int s = 0; s < kSlaves; ++s) masters.push_back(slaves().master(s));
  std::uint64_t polls = 0;
  double elapsed = 0;
  for (auto _ : state) {
    Engine engine(EngineConfig{timeFromMicros(0), 1});
    engine.setClock(std::make_unique<WallClock>(1.0));
    stack::StackSettings settings;
    settings.poller.cyclePeriod = microseconds(1);  // back to back: the connection's own rate
    std::vector<std::unique_ptr<stack::EwsStack>> stacks;
    std::vector<std::unique_ptr<live::ThreadedLink>> lines;
    for (int s = 0; s < kSlaves; ++s) {
      const auto& master = masters[static_cast<std::size_t>(s)];
      stacks.push_back(std::make_unique<stack::EwsStack>(engine, master, slaves().profiles(), slaves().zone(), settings));
      lines.push_back(std::make_unique<live::ThreadedLink>(
          engine, std::make_unique<live::TcpLink>(live::TcpLinkConfig{"127.0.0.1", slaves().port(s), seconds(2)})));
      stacks.back()->attachLine(*master.gateways().front(), *lines.back());
      // Every device in the fast class, read back to back each cycle (bench/live_bench.cpp).
      stacks.back()->poller().setFastDevices(bench::deviceIdsOf(master));
      stacks.back()->start();
    }
    engine.runFor(std::chrono::duration_cast<Duration>(kWindow));
    for (auto& line : lines) line->stop();
    for (int s = 0; s < kSlaves; ++s) {
      polls += stacks[static_cast<std::size_t>(s)]->poller().lineStats(masters[static_cast<std::size_t>(s)].gateways().front()->id).polls;
    }
    elapsed += std::chrono::duration<double>(kWindow).count();
  }
  state.counters["polls_per_s"] = static_cast<double>(polls) / elapsed;
}

/// One thread per slave, its own libmodbus context, every virtual device's value in turn.
void BM_MasterSlavePollBareLibmodbus(benchmark::State& state) {
  std::vector<std::uint16_t> addresses;
  for (const int remoteId : slaves().remoteIds()) addresses.push_back(*profiles::slaveRegisterOf(remoteId));
  std::vector<int> ports;
  for (int s = 0; s < kSlaves; ++s) ports.push_back(slaves().port(s));
  std::vector<std::array<std::uint16_t, profiles::kSlaveValueWords>> words(ports.size());
  bench::benchBareLibmodbus(state, ports, std::vector<std::size_t>(ports.size(), addresses.size()), kWindow,
                            [&](modbus_t* ctx, std::size_t s, std::size_t d) {
                              modbus_set_slave(ctx, profiles::kSlaveUnitId);
                              return modbus_read_registers(ctx, addresses[d], profiles::kSlaveValueWords,
                                                           words[s].data()) == profiles::kSlaveValueWords;
                            });
}

// Bare first, then the stack: both against the same servers in the same process and run.
BENCHMARK(BM_MasterSlavePollBareLibmodbus)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MasterSlavePollStack)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
