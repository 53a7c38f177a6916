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
#include "diagnostics_output.hpp"
#include "endpoint.hpp"
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
using installation::GatewayKind;

// Without --duration the run lasts "forever": ten years keeps the wall clock's deadline
// arithmetic far from overflow while no site runs that long without a restart.
constexpr Duration kUntilStopped = days(3650);

char parityLetter(scenario::Parity parity) {
  switch (parity) {
    case scenario::Parity::None: return 'N';
    case scenario::Parity::Odd: return 'O';
    case scenario::Parity::Even: break;
  }
  return 'E';
}

/// --gateway NAME=HOST:PORT, checked against the installation. Prints the error and returns
/// nullopt on a malformed value or an unknown gateway. A virtual gateway's endpoint is its
/// slave's Master/Slave server.
std::optional<std::map<std::string, Endpoint>> parseGatewayOverrides(const std::vector<std::string>& values,
                                                                     const installation::Installation& installation) {
  std::map<std::string, Endpoint> overrides;
  for (const std::string& value : values) {
    // HOST:PORT never holds '=', a gateway name might: split at the last one.
    const auto equals = value.rfind('=');
    const auto endpoint = equals == std::string::npos ? std::nullopt : parseEndpoint(value.substr(equals + 1));
    if (!endpoint) {
      fmt::print(stderr, "ews live: --gateway: expected NAME=HOST:PORT, got '{}'\n", value);
      return std::nullopt;
    }
    const std::string name = value.substr(0, equals);
    const auto& gateways = installation.gateways();
    const auto found = std::find_if(gateways.begin(), gateways.end(), [&](const auto* g) { return g->name == name; });
    if (found == gateways.end()) {
      std::string known;
      for (const auto* gateway : gateways) known += fmt::format("{}'{}'", known.empty() ? "" : ", ", gateway->name);
      fmt::print(stderr, "ews live: --gateway: the site has no gateway '{}' (gateways: {})\n", name, known);
      return std::nullopt;
    }
    overrides[name] = *endpoint;
  }
  return overrides;
}

bool hasActiveDevices(const installation::Installation& installation, const installation::Gateway& gateway) {
  if (!gateway.on) return false;
  for (const auto* device : installation.devices()) {
    if (installation.gatewayOf(*device).id == gateway.id && installation.isActive(*device)) return true;
  }
  return false;
}

std::string statusName(acquisition::DeviceStatus status) {
  switch (status) {
    case acquisition::DeviceStatus::On: return "on";
    case acquisition::DeviceStatus::CommunicationError: return "communication error";
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
  for (const auto* gateway : installation->gateways()) {
    if (gateway->kind == GatewayKind::Local && options.serialDevice.empty() && !overrides->contains(gateway->name) &&
        hasActiveDevices(*installation, *gateway)) {
      fmt::print(stderr,
                 "ews live: gateway '{}' is the EWS's own RS485 port and has active devices: give its serial "
                 "device with --serial PATH (e.g. /dev/ttyUSB0) or a Modbus TCP endpoint with --gateway '{}=HOST:PORT'\n",
                 gateway->name, gateway->name);
      return kUsage;
    }
  }
  const auto slaveListen = slaveListenOf("live", options.slaveListen, "0.0.0.0", *scenario);
  if (!slaveListen) return kUsage;
  const TimeZone zone(scenario->ews.timezone);
  const auto profiles = profiles::ProfileCatalogue::loadDirectory(profiles::defaultProfileDirectory());

  // Live starts now: the engine's time is the system clock's, paced by the wall clock (speed 1
  // on site; a faster pace only makes sense against a twin running at the same speed).
  const Time start = std::chrono::floor<Duration>(std::chrono::system_clock::now());
  Engine engine(EngineConfig{start, scenario->run.seed});
  engine.setClock(std::make_unique<WallClock>(options.speed));
  // Before any worker thread starts, so only the signal waiter takes SIGINT / SIGTERM.
  live::StopOnSignal stopOnSignal(engine);

  const fs::path outDir = options.outDir.empty() ? defaultOutDir(*scenario) : options.outDir;
  fs::create_directories(outDir);
  copyScenario(options.scenarioPath, outDir / "scenario.yaml");

  stack::EwsStack ews(engine, *installation, profiles, zone, stack::stackSettingsOf(*scenario, *installation));
  std::vector<std::unique_ptr<live::ThreadedLink>> lines;
  for (const auto* gatewayPointer : installation->gateways()) {
    const installation::Gateway& gateway = *gatewayPointer;
    std::unique_ptr<link::Link> line;
    if (const auto endpoint = overrides->find(gateway.name); endpoint != overrides->end()) {
      line = std::make_unique<live::TcpLink>(
          live::TcpLinkConfig{endpoint->second.host, endpoint->second.port, scenario->ews.modbus.timeout});
    } else if (gateway.kind == GatewayKind::Local) {
      if (options.serialDevice.empty()) continue;  // nothing active on it (checked above)
      const auto& modbus = scenario->ews.modbus;
      line = std::make_unique<live::RtuLink>(live::RtuLinkConfig{options.serialDevice, modbus.baud,
                                                                 parityLetter(modbus.parity), modbus.stopBits,
                                                                 modbus.timeout});
    } else {
      line = std::make_unique<live::TcpLink>(live::TcpLinkConfig{gateway.ip, static_cast<std::uint16_t>(gateway.port),
                                                                 scenario->ews.modbus.timeout});
    }
    lines.push_back(std::make_unique<live::ThreadedLink>(engine, std::move(line)));
    ews.attachLine(gateway, *lines.back());
    if (!options.quiet) fmt::print("gateway '{}' polled over {}\n", gateway.name, lines.back()->describe());
  }
  RunOutputs outputs(outDir, *scenario, *installation, zone, scenario->run.seed, start, "ews live");
  outputs.attachTo(ews);
  std::unique_ptr<SlaveServer> slaveServer;
  if (slaveListen->served) {
    try {
      slaveServer = std::make_unique<SlaveServer>(*ews.slaveRegisters(), slaveListen->at);
    } catch (const std::exception& e) {
      fmt::print(stderr, "ews live: Master/Slave server: cannot listen on {}:{}: {}\n", slaveListen->at.host,
                 slaveListen->at.port, e.what());
      for (auto& line : lines) line->stop();
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
  for (auto& line : lines) line->stop();
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
