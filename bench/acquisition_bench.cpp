// Acquisition benchmarks (issue 4):
//  (a) BM_AcquisitionReferenceSite: the whole stack over SimLink in virtual time for the
//      255-device reference site — site models stepping, simulated devices serving, Poller
//      scheduling, decoding into Measurements. items_per_second = decoded polls (one device's
//      complete read and decode) per second of CPU; the simulated line time costs nothing.
//  (c) BM_AcquisitionRs485Sweep255: the virtual cycle time of 255 devices read with 40
//      registers each at 19200 baud 8E1 with a 5 ms turnaround on ONE line, against the line-time
//      formula of docs/design.md, RS485 timing: (8 + 5 + 2N)·11/baud + 2·t3.5 + turnaround per poll (~15.9 s).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "ews/acquisition/poller.hpp"
#include "ews/installation/installation.hpp"
#include "ews/link/async_link.hpp"
#include "ews/models/sim_device.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/simlink/sim_link.hpp"
#include "ews/site/simulated_site.hpp"

namespace {

using namespace ews;

// ---- (a) the reference site ----

site::SimulatedSite referenceSite() {
  return site::SimulatedSite(scenario::loadScenarioFile(std::string(EWS_SOURCE_DIR) + "/scenarios/reference-255.yaml"));
}

void BM_AcquisitionReferenceSite(benchmark::State& state) {
  site::SimulatedSite site = referenceSite();
  acquisition::Measurements measurements;
  acquisition::Poller poller(site.engine(), site.installation(), site.deviceProfiles(), measurements);
  std::vector<std::unique_ptr<link::VirtualTimeLink>> links;
  for (const site::SiteLink& line : site.links()) {
    links.push_back(std::make_unique<link::VirtualTimeLink>(site.engine(), *line.link));
    poller.attachLine(*line.gateway, *links.back());
  }
  poller.setFastDevices(acquisition::dlmCriticalDevices(site.installation(), site.scenario().dlm.totalMeter));
  // Fields per device id, looked up once: the observer runs at every poll and is timed.
  std::vector<std::size_t> fieldsOf;
  for (const installation::Device* device : site.installation().devices()) {
    fieldsOf.resize(std::max(fieldsOf.size(), static_cast<std::size_t>(device->id) + 1), 0);
    if (const acquisition::DevicePlan* plan = poller.planOf(device->id)) fieldsOf[device->id] = plan->quantities.size();
  }
  std::uint64_t polls = 0;
  std::uint64_t fieldsDecoded = 0;
  poller.setPollObserver([&](const acquisition::PollNotice& notice) {
    if (notice.kind != acquisition::PollNotice::Kind::Poll) return;
    ++polls;
    fieldsDecoded += fieldsOf[notice.deviceId];
  });
  poller.start();
  const Duration slice = seconds(state.range(0));
  Time simulated = site.engine().now();
  for (auto _ : state) {
    simulated += slice;
    site.runUntil(simulated);
  }
  const double simulatedS = toSeconds(simulated - site.start());
  state.SetItemsProcessed(static_cast<std::int64_t>(polls));
  state.counters["polls_per_simulated_s"] = static_cast<double>(polls) / simulatedS;
  state.counters["simulated_s"] = simulatedS;
  // What one poll costs depends on what it carries: the mix of the reference site.
  std::uint64_t transactions = 0;
  for (const site::SiteLink& line : site.links()) transactions += poller.lineStats(line.gateway->id).transactions;
  state.counters["requests_per_poll"] = static_cast<double>(transactions) / static_cast<double>(polls);
  state.counters["fields_per_poll"] = static_cast<double>(fieldsDecoded) / static_cast<double>(polls);
}
// One simulated day in hour slices, the same in every run: what a poll costs varies over the
// day with the site's activity (the night is cheaper), so a run must not stop where it likes.
BENCHMARK(BM_AcquisitionReferenceSite)->Arg(3600)->Iterations(24)->Unit(benchmark::kMillisecond);

/// The same site without the acquisition: the models' own cost, to subtract from (a) when
/// judging what polling costs.
void BM_AcquisitionReferenceSiteModelsOnly(benchmark::State& state) {
  site::SimulatedSite site = referenceSite();
  const Duration slice = seconds(state.range(0));
  Time simulated = site.engine().now();
  for (auto _ : state) {
    simulated += slice;
    site.runUntil(simulated);
  }
}
BENCHMARK(BM_AcquisitionReferenceSiteModelsOnly)->Arg(3600)->Iterations(24)->Unit(benchmark::kMillisecond);

// ---- (c) 255 devices on one RS485 line ----

/// Answers any read with zeros after the reference sweep's 5 ms turnaround.
class ZeroDevice final : public models::SimDevice {
 public:
  link::ExceptionCode serve(const link::Request& request, Time) override {
    std::fill_n(request.readBuffer.begin(), request.count, std::uint16_t{0});
    return link::ExceptionCode::None;
  }
  Duration turnaround() const override { return milliseconds(5); }
};

/// One profile of exactly 40 contiguous holding registers (one request per poll), served to
/// every energy counter of the synthetic site.
std::string write40RegisterProfile() {
  const auto dir = std::filesystem::temp_directory_path() / ("ews-acquisition-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "forty.yaml") << "family: energy-counter\n"
                                       "models: [\"4 120 74\"]\n"
                                       "defaults: {function: 3, wordOrder: big}\n"
                                       "registers:\n"
                                       "  - {name: \"energy.{active,reactive}.{import,export}\", address: 0, type: u32}\n"
                                       "  - {name: \"voltage.{L1N,L2N,L3N,L12,L23,L31}\", address: 8, type: u16}\n"
                                       "  - {name: \"current.{L1,L2,L3,N}\", address: 14, type: u32}\n"
                                       "  - {name: \"power.{active,reactive}.{L1,L2,L3,total}\", address: 22, type: s32}\n"
                                       "  - {name: frequency, address: 38, type: u16}\n"
                                       "  - {name: powerFactor.total, address: 39, type: s16}\n";
  return dir.string();
}

/// A Link onto a line shared with other gateways' links: the installation allows 32 addresses
/// per gateway, so the 255 devices are configured on 8 gateways whose links all lead to ONE
/// SimLink. Its line serves one transaction at a time (requests made while it is busy wait,
/// and the wait is part of their duration), so the sweep takes the sum of the 255 polls.
class SharedLine final : public link::Link {
 public:
  explicit SharedLine(simlink::SimLink& line) : line_(&line) {}
  link::Result transact(const link::Request& request) override { return line_->transact(request); }
  std::string describe() const override { return line_->describe(); }

 private:
  simlink::SimLink* line_;
};

installation::Installation sweepInstallation(int devices) {
  installation::InstallationSpec spec;
  spec.siteName = "sweep";
  for (int g = 0; devices > 0; ++g) {
    installation::GatewaySpec gateway;
    gateway.name = "GW" + std::to_string(g + 1);
    gateway.ip = "10.0.0." + std::to_string(g + 1);
    for (int address = 1; address <= 32 && devices > 0; ++address, --devices) {
      installation::DeviceSpec device;
      device.name = gateway.name + "-" + std::to_string(address);
      device.model = "4 120 74";
      device.address = address;
      gateway.devices.push_back(device);
    }
    spec.gateways.push_back(gateway);
  }
  return installation::Installation::build(spec);
}

void BM_AcquisitionRs485Sweep255(benchmark::State& state) {
  constexpr int kDevices = 255;
  constexpr int kRegisters = 40;
  const std::string profileDir = write40RegisterProfile();
  const auto profiles = profiles::ProfileCatalogue::loadDirectory(profileDir);
  std::filesystem::remove_all(profileDir);
  const installation::Installation installation = sweepInstallation(kDevices);
  const simlink::LineSettings settings{};  // 19200 baud 8E1, 300 ms
  const simlink::Rs485Timing timing(settings);
  // docs/design.md, RS485 timing: (8 + 5 + 2N) characters of 11 bits, two t3.5 silences, the turnaround.
  const double formulaS =
      kDevices * ((8.0 + 5.0 + 2.0 * kRegisters) * 11.0 / settings.baud + 2.0 * toSeconds(timing.silence()) + 0.005);
  Duration sweep{};
  for (auto _ : state) {
    Engine engine(EngineConfig{timeFromMicros(1'767'571'200'000'000), 1});
    simlink::SimLink line("one line", settings, [&engine] { return engine.now(); }, engine.rngFor("link:one"));
    ZeroDevice device;
    for (std::uint8_t unit = 1; unit <= 32; ++unit) line.attach(unit, device);
    acquisition::Measurements measurements;
    // One cycle is one sweep: a period longer than the sweep, every device slow.
    acquisition::PollerSettings oneSweepPerCycle;
    oneSweepPerCycle.cyclePeriod = seconds(60);
    acquisition::Poller poller(engine, installation, profiles, measurements, oneSweepPerCycle);
    std::vector<std::unique_ptr<SharedLine>> shared;
    std::vector<std::unique_ptr<link::VirtualTimeLink>> links;
    for (const installation::Gateway* gateway : installation.gateways()) {
      shared.push_back(std::make_unique<SharedLine>(line));
      links.push_back(std::make_unique<link::VirtualTimeLink>(engine, *shared.back()));
      poller.attachLine(*gateway, *links.back());
    }
    poller.start();
    engine.runFor(seconds(30));
    sweep = Duration{};
    std::uint64_t polls = 0;
    for (const installation::Gateway* gateway : installation.gateways()) {
      const auto& stats = poller.lineStats(gateway->id);
      sweep = std::max(sweep, stats.lastCycleTime);
      polls += stats.polls;
    }
    if (polls != kDevices) state.SkipWithError("not every device was polled once");
  }
  state.counters["cycle_s"] = toSeconds(sweep);
  state.counters["formula_s"] = formulaS;
  state.counters["cycle_over_formula"] = toSeconds(sweep) / formulaS;
}
BENCHMARK(BM_AcquisitionRs485Sweep255)->Unit(benchmark::kMillisecond);

}  // namespace
