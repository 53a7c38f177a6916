// `ews twin` serving throughput over loopback (issue 3): the real twin path — ModbusTcpServer,
// EngineLinkHandler posting each request to an engine running on the wall clock, the engine
// thread serving it through a SimLink to a simulated device — with 1 and 8 client threads. The
// handler is asynchronous: several clients' requests are in flight at once and the engine
// drains them in batches.
// Compare with BM_TcpReadLibmodbusServer (modbus_tcp_bench.cpp), libmodbus's own loop with the
// same clients, in the same run. Target: >= 0.8 of it. Run:
//   ews_bench --benchmark_filter='TcpRead|TwinServer' --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <thread>
#include <vector>

#include "ews/kernel/clock.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/live/engine_link_handler.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "ews/live/tcp_link.hpp"
#include "ews/models/sim_device.hpp"
#include "ews/simlink/sim_link.hpp"

namespace {

using namespace ews;

/// A meter answering every holding register with its address: the device costs nothing, so
/// the figure is the twin's serving path.
class AddressEchoDevice final : public models::SimDevice {
 public:
  link::ExceptionCode serve(const link::Request& request, Time) override {
    for (std::size_t i = 0; i < request.count; ++i) request.readBuffer[i] = static_cast<std::uint16_t>(request.address + i);
    return link::ExceptionCode::None;
  }
  Duration turnaround() const override { return milliseconds(5); }
};

/// An engine on the wall clock in its own thread, one simulated gateway, served over TCP.
class TwinServer {
 public:
  TwinServer()
      : engine_(EngineConfig{timeFromMicros(0), 1}),
        line_("bench", simlink::LineSettings{}, [this] { return engine_.now(); }, engine_.rngFor("link:bench"),
              simlink::kIpGatewayLatency),
        handler_(engine_, line_),
        server_(live::ModbusTcpServerConfig{}, handler_) {
    line_.attach(1, device_);
    engine_.setClock(std::make_unique<WallClock>(1.0));
    runner_ = std::thread([this] { engine_.runUntil(timeFromMicros(0) + days(3650)); });
    server_.start();
  }
  ~TwinServer() {
    server_.stop();
    engine_.requestStop();
    runner_.join();
  }
  std::uint16_t port() const { return server_.port(); }

 private:
  Engine engine_;
  AddressEchoDevice device_;
  simlink::SimLink line_;
  live::EngineLinkHandler handler_;
  live::ModbusTcpServer server_;
  std::thread runner_;
};

TwinServer& twinServer() {
  static TwinServer server;
  return server;
}

void BM_TwinServerRead(benchmark::State& state) {
  const auto registers = static_cast<std::uint16_t>(state.range(0));
  live::TcpLink client(live::TcpLinkConfig{.host = "127.0.0.1", .port = twinServer().port(), .responseTimeout = seconds(2)});
  std::vector<std::uint16_t> values(registers);
  const link::Request request{.unitId = 1, .function = link::Function::ReadHoldingRegisters, .address = 0,
                              .count = registers, .writeValues = {}, .readBuffer = values};
  if (!client.transact(request).ok()) {  // connects outside the timed loop
    state.SkipWithError("first request failed");
    return;
  }
  for (auto _ : state) {
    const link::Result result = client.transact(request);
    if (!result.ok()) {
      state.SkipWithError(link::describe(result).c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_TwinServerRead)->ArgName("registers")->Arg(2)->Arg(40)->Threads(1)->Threads(8)->UseRealTime();

}  // namespace
