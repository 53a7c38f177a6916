// SimLink throughput: in-process Modbus transactions with RS485 line timing (issue 3 target:
// >= 5 million transactions/s reading 2 registers from a trivial device).
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ews/kernel/rng.hpp"
#include "ews/kernel/time.hpp"
#include "ews/models/sim_device.hpp"
#include "ews/simlink/sim_link.hpp"

namespace {

using namespace ews;

constexpr Time kStart = timeFromMicros(1'767'571'200'000'000);  // 2026-01-05T00:00:00Z

/// The cheapest possible device: every register reads as its address.
class TrivialDevice final : public models::SimDevice {
 public:
  link::ExceptionCode serve(const link::Request& request, Time) override {
    for (std::uint16_t i = 0; i < request.count; ++i) request.readBuffer[i] = static_cast<std::uint16_t>(request.address + i);
    return link::ExceptionCode::None;
  }
  Duration turnaround() const override { return milliseconds(5); }
};

/// One poller on one line: each read is issued when the previous one ends (time advances by
/// the reported duration, as a Poller scheduling its next transaction would).
/// `faultProbability` > 0 adds a line-wide CRC window over the whole run, decided by a draw
/// per transaction: the cost of fault evaluation.
void BM_SimLinkRead(benchmark::State& state, std::uint16_t registers, double faultProbability) {
  Time now = kStart;
  simlink::SimLink link("Local", {}, [&now] { return now; }, RngStream(1, "simlink/Local"));
  TrivialDevice device;
  link.attach(1, device);
  if (faultProbability > 0.0) {
    link.addFault({.kind = simlink::FaultKind::CrcError,
                   .unitId = std::nullopt,
                   .from = kStart,
                   .to = kStart + days(36'500),
                   .probability = faultProbability});
  }
  std::array<std::uint16_t, link::kMaxReadRegisters> buffer{};
  const link::Request request{.unitId = 1, .count = registers, .writeValues = {}, .readBuffer = buffer};
  for (auto _ : state) {
    const link::Result result = link.transact(request);
    now += result.duration;
    benchmark::DoNotOptimize(result);
  }
  if (faultProbability == 0.0 && link.stats().count(link::Status::Ok) != static_cast<std::uint64_t>(state.iterations())) {
    state.SkipWithError("a transaction failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["virtual_s_per_tx"] = toSeconds(now - kStart) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(BM_SimLinkRead, 2_registers, std::uint16_t{2}, 0.0)->Name("BM_SimLinkRead2Registers");
BENCHMARK_CAPTURE(BM_SimLinkRead, 40_registers, std::uint16_t{40}, 0.0)->Name("BM_SimLinkRead40Registers");
BENCHMARK_CAPTURE(BM_SimLinkRead, 2_registers_crc_10pct, std::uint16_t{2}, 0.1)
    ->Name("BM_SimLinkRead2RegistersCrc10Percent");

/// An EWS 255's full bus: 255 devices on 8 gateways (at most 32 addresses per line), 40
/// registers each. One iteration issues one sweep to every line at the same instant; the lines
/// serialise their own polls and run in parallel. Items = transactions.
void BM_SimLinkSweep255(benchmark::State& state) {
  constexpr int kDevices = 255;
  constexpr int kLines = 8;
  Time now = kStart;
  std::vector<std::unique_ptr<simlink::SimLink>> links;
  for (int line = 0; line < kLines; ++line) {
    const std::string name = "gateway-" + std::to_string(line);
    links.push_back(std::make_unique<simlink::SimLink>(name, simlink::LineSettings{}, [&now] { return now; },
                                                       RngStream(1, "simlink/" + name), simlink::kIpGatewayLatency));
  }
  std::vector<TrivialDevice> devices(kDevices);
  struct Poll {
    simlink::SimLink* link;
    link::Request request;
  };
  std::array<std::uint16_t, 40> buffer{};
  std::vector<Poll> sweep;
  for (int i = 0; i < kDevices; ++i) {
    auto& link = *links[static_cast<std::size_t>(i % kLines)];
    const auto unit = static_cast<std::uint8_t>(1 + i / kLines);
    link.attach(unit, devices[static_cast<std::size_t>(i)]);
    sweep.push_back({&link, {.unitId = unit, .count = 40, .writeValues = {}, .readBuffer = buffer}});
  }
  Duration sweepTime{};
  for (auto _ : state) {
    const Time issued = now;
    Time end = issued;
    for (const Poll& poll : sweep) end = std::max(end, issued + poll.link->transact(poll.request).duration);
    sweepTime = end - issued;
    now = end;
  }
  state.SetItemsProcessed(state.iterations() * kDevices);
  state.counters["virtual_sweep_s"] = toSeconds(sweepTime);
}
BENCHMARK(BM_SimLinkSweep255);

}  // namespace
