// The live stack's polling rate over loopback TCP (issue 4, bench b): the 255-device reference
// site served in-process like `ews twin` (ModbusTcpServer + EngineLinkHandler per gateway, a
// wall-clock engine in its own thread), polled by the EwsStack over ThreadedLinks + TcpLinks on
// a second wall-clock engine, with the poller's cycle period at 1 us so it polls back to back.
// Next to it, in the same run against the same servers, a bare libmodbus loop per gateway reads
// the same devices' blocks (the poller's own plans) one after the other: the ceiling for one
// connection per gateway. Counters: polls/s of each; target live/bare >= 0.8. Run:
//   ews_bench --benchmark_filter=LivePoll --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <modbus.h>

#include <memory>
#include <thread>
#include <vector>

#include "bench_support.hpp"
#include "ews/acquisition/poll_plan.hpp"
#include "ews/kernel/clock.hpp"
#include "ews/live/engine_link_handler.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "ews/live/tcp_link.hpp"
#include "ews/live/threaded_link.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/stack/ews_stack.hpp"

namespace {

using namespace ews;
constexpr auto kWindow = std::chrono::seconds(2);  // wall time measured per iteration

/// The reference site's twin, served on free loopback ports for the whole process.
class ReferenceTwin {
 public:
  ReferenceTwin()
      : site_(scenario::loadScenarioFile(std::string(EWS_SOURCE_DIR) + "/scenarios/reference-255.yaml"),
              site::RunOverrides{std::nullopt, days(3650), scenario::ClockMode::Wall, 1.0}) {
    for (const auto& line : site_.links()) {
      handlers_.push_back(std::make_unique<live::EngineLinkHandler>(site_.engine(), *line.link));
      servers_.push_back(std::make_unique<live::ModbusTcpServer>(live::ModbusTcpServerConfig{}, *handlers_.back()));
      servers_.back()->start();
      gateways_.push_back({line.gateway, servers_.back()->port()});
    }
    runner_ = std::thread([this] { site_.runToEnd(); });
  }
  ~ReferenceTwin() {
    for (auto& server : servers_) server->stop();
    site_.engine().requestStop();
    runner_.join();
  }
  struct Served {
    const installation::Gateway* gateway;
    std::uint16_t port;
  };
  const std::vector<Served>& gateways() const { return gateways_; }
  site::SimulatedSite& site() { return site_; }

 private:
  site::SimulatedSite site_;
  std::vector<std::unique_ptr<live::EngineLinkHandler>> handlers_;
  std::vector<std::unique_ptr<live::ModbusTcpServer>> servers_;
  std::vector<Served> gateways_;
  std::thread runner_;
};

ReferenceTwin& twin() {
  static ReferenceTwin instance;
  return instance;
}

void BM_LivePollStack(benchmark::State& state) {
  auto& site = twin().site();
  std::uint64_t polls = 0;
  double elapsed = 0;
  for (auto _ : state) {
    Engine engine(EngineConfig{timeFromMicros(0), 1});
    engine.setClock(std::make_unique<WallClock>(1.0));
    stack::StackSettings settings;
    settings.poller.cyclePeriod = microseconds(1);  // back to back: the line's own rate
    stack::EwsStack ews(engine, site.installation(), site.deviceProfiles(), site.zone(), settings);
    std::vector<std::unique_ptr<live::ThreadedLink>> lines;
    for (const auto& served : twin().gateways()) {
      lines.push_back(std::make_unique<live::ThreadedLink>(
          engine, std::make_unique<live::TcpLink>(live::TcpLinkConfig{"127.0.0.1", served.port, seconds(2)})));
      ews.attachLine(*served.gateway, *lines.back());
    }
    // Every device in the fast class: each cycle reads them all back to back, as a busy line
    // does. (A slow device beyond the first must fit in the cycle's time left, and with a 1 us
    // cycle only one would: that would time the cycles, not the line.)
    ews.poller().setFastDevices(bench::deviceIdsOf(site.installation()));
    ews.start();
    engine.runFor(std::chrono::duration_cast<Duration>(kWindow));
    for (auto& line : lines) line->stop();
    for (const auto& served : twin().gateways()) polls += ews.poller().lineStats(served.gateway->id).polls;
    elapsed += std::chrono::duration<double>(kWindow).count();
  }
  state.counters["polls_per_s"] = static_cast<double>(polls) / elapsed;
}

/// One thread per gateway, its own libmodbus context, every device's blocks in turn.
void BM_LivePollBareLibmodbus(benchmark::State& state) {
  auto& site = twin().site();
  const auto& installation = site.installation();
  std::vector<std::vector<acquisition::DevicePlan>> plans(twin().gateways().size());
  for (std::size_t g = 0; g < twin().gateways().size(); ++g) {
    for (const auto* device : installation.devices()) {
      if (installation.gatewayOf(*device).id != twin().gateways()[g].gateway->id || !installation.isActive(*device)) continue;
      if (auto plan = acquisition::planDevicePoll(installation, site.deviceProfiles(), *device)) plans[g].push_back(std::move(*plan));
    }
  }
  std::vector<int> ports;
  std::vector<std::size_t> devices;
  for (std::size_t g = 0; g < plans.size(); ++g) {
    ports.push_back(twin().gateways()[g].port);
    devices.push_back(plans[g].size());
  }
  // One thread per gateway, each reading into its own buffers.
  std::vector<std::vector<std::uint16_t>> wordsOf(plans.size(), std::vector<std::uint16_t>(link::kMaxReadBits));
  std::vector<std::vector<std::uint8_t>> bitsOf(plans.size(), std::vector<std::uint8_t>(link::kMaxReadBits));
  bench::benchBareLibmodbus(state, ports, devices, kWindow, [&](modbus_t* ctx, std::size_t g, std::size_t d) {
    const auto& plan = plans[g][d];
    modbus_set_slave(ctx, plan.address.unitId);
    bool ok = true;
    for (const auto& block : plan.blocks) {
      const int address = block.wireAddress;
      const int count = block.read.count;
      int rc = -1;
      switch (block.read.function) {
        case link::Function::ReadCoils: rc = modbus_read_bits(ctx, address, count, bitsOf[g].data()); break;
        case link::Function::ReadDiscreteInputs: rc = modbus_read_input_bits(ctx, address, count, bitsOf[g].data()); break;
        case link::Function::ReadInputRegisters: rc = modbus_read_input_registers(ctx, address, count, wordsOf[g].data()); break;
        default: rc = modbus_read_registers(ctx, address, count, wordsOf[g].data()); break;
      }
      ok = ok && rc == count;
    }
    return ok;
  });
}

// Bare first, then the stack: both against the same servers in the same process and run.
BENCHMARK(BM_LivePollBareLibmodbus)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LivePollStack)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
