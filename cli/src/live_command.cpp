// `ews live`: the EWS stack against real endpoints in wall-clock time (docs/cli.md, docs/live.md
// "Live mode"). The same EwsStack and output writers as `ews run`; only the lines differ: a
// ThreadedLink over a TcpLink per physical gateway and per virtual gateway (its slave EWS's
// Master/Slave server), an RtuLink on --serial for the Local one. With ews.modbus.tcpServer ON
// it also serves its own recorded energies to its masters (docs/master-slave.md).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "commands.hpp"
#include "ews/reports/folder_lock.hpp"
#include "diagnostics_output.hpp"
#include "endpoint.hpp"
#include "live_lines.hpp"
#include "exit_codes.hpp"
#include "ews/acquisition/measurements.hpp"
#include "ews/kernel/clock.hpp"
#include "ews/live/rtu_link.hpp"
#include "ews/live/stop_on_signal.hpp"
#include "ews/live/tcp_link.hpp"
#include "ews/live/threaded_link.hpp"
#include "ews/stack/scenario_settings.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/scenario/loader.hpp"
#include "run_outputs.hpp"
#include "run_summary.hpp"
#include "slave_server_option.hpp"

namespace ews::cli {

namespace {
namespace fs = std::filesystem;

std::string statusName(acquisition::DeviceStatus status) {
  switch (status) {
    case acquisition::DeviceStatus::On: return "on";
    case acquisition::DeviceStatus::CommunicationError: return "communication error";
    case acquisition::DeviceStatus::ConfigurationError: return "configuration error";
    case acquisition::DeviceStatus::Off: break;
  }
  return "off";
}

/// What the acquisition last read of every polled device; the counter is the raw register
/// value the EWS saw, comparable with the device's own (tests/twin/test_live_vs_twin.py).
std::vector<PolledDevice> polledDevices(const installation::Installation& installation,
                                        const acquisition::Measurements& measurements) {
  std::vector<PolledDevice> devices;
  for (const int id : measurements.deviceIds()) {
    PolledDevice device{id, installation.device(id).name, statusName(measurements.status(id)), std::nullopt,
                        std::nullopt};
    // Meters read their energy register; pulse counters have a count and a weight instead.
    if (const auto raw = measurements.latest(id, "energy.active.import")) device.counter = raw->value;
    if (const auto consumption = measurements.consumption(id)) device.consumption = consumption->total;
    devices.push_back(std::move(device));
  }
  return devices;
}
}  // namespace

int runLive(const LiveOptions& options) {
  Duration span = kUntilStopped;
  if (options.duration) {
    try {
      span = parseDuration(*options.duration);
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "ews live: --duration: {}\n", e.what());
      return kUsage;
    }
    if (span <= Duration::zero()) {
      fmt::print(stderr, "ews live: --duration: must be > 0\n");
      return kUsage;
    }
  }

  if (!options.dataDir.empty()) return runLiveOnData(options, span);
  if (options.scenarioPath.empty()) {
    fmt::print(stderr, "ews live: give a site file, or a data folder with --data DIR\n");
    return kUsage;
  }

  std::unique_ptr<scenario::Scenario> scenario;
  std::unique_ptr<installation::Installation> installation;
  try {
    scenario = std::make_unique<scenario::Scenario>(scenario::loadScenarioFile(options.scenarioPath));
    installation = std::make_unique<installation::Installation>(installation::Installation::build(scenario->installation));
  } catch (const ValidationError& error) {
    printDiagnostics(stderr, error);
    return kInvalidInput;
  }
  const auto overrides = parseGatewayOverrides(options.gateways, *installation);
  if (!overrides) return kUsage;
  if (!localGatewayReachable(*installation, {*overrides, options.serialDevice, options.quiet})) return kUsage;
  const auto slaveListen = slaveListenOf("live", options.slaveListen, "0.0.0.0", *scenario);
  if (!slaveListen) return kUsage;
  const TimeZone zone(scenario->ews.timezone);
  const auto profiles = loadLiveProfiles(options.siteProfiles);
  if (!profiles) return kInvalidInput;

  // Live starts now: the engine's time is the system clock's, paced by the wall clock (speed 1
  // on site; a faster pace only makes sense against a twin running at the same speed).
  const Time start = std::chrono::floor<Duration>(std::chrono::system_clock::now());
  Engine engine(EngineConfig{start, scenario->run.seed});
  engine.setClock(std::make_unique<WallClock>(options.speed));
  // Before any worker thread starts, so only the signal waiter takes SIGINT / SIGTERM.
  live::StopOnSignal stopOnSignal(engine);

  const fs::path outDir = options.outDir.empty() ? defaultOutDir(*scenario) : options.outDir;
  // One process per output folder: a second one would truncate the first one's files.
  const reports::FolderLock outLock(outDir, fmt::format("ews live {}", options.scenarioPath));
  copyScenario(options.scenarioPath, outDir / "scenario.yaml");

  stack::EwsStack ews(engine, *installation, *profiles, zone, stack::stackSettingsOf(*scenario, *installation));
  const LiveLineOptions lineOptions{*overrides, options.serialDevice, options.quiet};
  std::unique_ptr<LiveLines> lines = attachLiveLines(engine, *scenario, *installation, ews, lineOptions);
  RunOutputs outputs(outDir, *scenario, *installation, zone, scenario->run.seed, start, "ews live");
  outputs.attachTo(ews);
  std::unique_ptr<SlaveServer> slaveServer;
  if (slaveListen->served) {
    try {
      slaveServer = std::make_unique<SlaveServer>(ews.sharedSlaveRegisters(), slaveListen->at);
    } catch (const std::exception& e) {
      fmt::print(stderr, "ews live: Master/Slave server: cannot listen on {}:{}: {}\n", slaveListen->at.host,
                 slaveListen->at.port, e.what());
      lines.reset();
      return kRuntimeError;
    }
  }
  ews.start();
  if (!options.quiet) {
    fmt::print("live from {}{} (Ctrl-C stops)\n", formatUtc(start),
               options.duration ? fmt::format(" for {}", *options.duration) : std::string());
  }
  std::fflush(stdout);

  const bool completed = engine.runUntil(start + span);
  if (slaveServer) slaveServer->stop();
  // The engine is stopped and this is its thread: joining the workers drops any completion
  // still on its way, so the stack can be torn down after the outputs are closed.
  lines.reset();
  outputs.close();

  RunSummary summary;
  summary.scenarioName = scenario->name;
  summary.seed = scenario->run.seed;
  summary.timezone = zone.name();
  summary.start = start;
  summary.end = start + span;
  summary.reached = engine.now();
  summary.completed = completed;
  summary.sampleRate = scenario->ews.sampleRate;
  summary.eventsDispatched = engine.eventsDispatched();
  summary.samples = ews.recorder().samplesTaken();
  summary.gateways = installation->gateways().size();
  summary.devices = installation->devices().size();
  summary.recorded = siteTotalsOf(outputs.recorded());
  summary.costs = costsOf(outputs.recorded(), *scenario);
  summary.polledDevices = polledDevices(*installation, ews.measurements());
  writeRunSummaryJson((outDir / "summary.json").string(), summary);
  if (!options.quiet) {
    printRunSummary(summary);
    std::map<std::string, int> byStatus;
    for (const auto& device : summary.polledDevices) ++byStatus[device.status];
    std::string counts;
    for (const auto& [status, count] : byStatus) counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", count, status);
    fmt::print("devices: {}; outputs in {}\n", counts.empty() ? "none polled" : counts, outDir.string());
  }
  if (stopOnSignal.receivedSignal() != 0) {
    fmt::print(stderr, "ews live: stopped by signal {} at {}\n", stopOnSignal.receivedSignal(), formatUtc(engine.now()));
  }
  // A live site runs until told to stop: a signal is its normal end, not an interruption.
  return kOk;
}

}  // namespace ews::cli
