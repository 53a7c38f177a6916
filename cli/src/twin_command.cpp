#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "commands.hpp"
#include "diagnostics_output.hpp"
#include "endpoint.hpp"
#include "exit_codes.hpp"
#include "ews/live/engine_link_handler.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "ews/live/stop_on_signal.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/site/simulated_stack.hpp"
#include "slave_server_option.hpp"

namespace ews::cli {

namespace {
// A client waits at most this long for the engine; longer means the run is over.
constexpr Duration kAnswerTimeout = seconds(2);

std::string unitList(site::SimulatedSite& site, const installation::Gateway& gateway) {
  std::string units;
  for (int unitId = 1; unitId <= 247; ++unitId) {
    if (site.unit(gateway, static_cast<std::uint8_t>(unitId)) == nullptr) continue;
    units += fmt::format("{}{}", units.empty() ? "" : ",", unitId);
  }
  return units;
}
}  // namespace

int runTwin(const TwinOptions& options) {
  const auto listen = parseEndpoint(options.listen);
  if (!listen) {
    fmt::print(stderr, "ews twin: --listen: expected HOST:PORT, got '{}'\n", options.listen);
    return kUsage;
  }
  site::RunOverrides overrides;
  overrides.seed = options.seed;
  overrides.clock = scenario::ClockMode::Wall;
  overrides.speed = options.speed;
  if (options.duration) {
    try {
      overrides.duration = parseDuration(*options.duration);
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "ews twin: --duration: {}\n", e.what());
      return kUsage;
    }
  }

  std::unique_ptr<site::SimulatedSite> site;
  try {
    site = std::make_unique<site::SimulatedSite>(scenario::loadScenarioFile(options.scenarioPath), overrides);
  } catch (const ValidationError& error) {
    printDiagnostics(stderr, error);
    return kInvalidInput;
  }

  const auto slaveListen = slaveListenOf("twin", options.slaveListen, "127.0.0.1", site->scenario());
  if (!slaveListen) return kUsage;
  // A slave twin is also the slave's EWS: its stack polls the simulated devices in process and
  // records what the masters read (the simulated gateways stay served to other clients too).
  std::unique_ptr<site::SimulatedStack> slaveStack;
  if (slaveListen->served) {
    slaveStack = std::make_unique<site::SimulatedStack>(*site);
    slaveStack->start();
  }

  // Block SIGINT/SIGTERM before the server threads start, so only the waiter takes them.
  live::StopOnSignal stopOnSignal(site->engine());
  std::vector<std::unique_ptr<live::EngineLinkHandler>> handlers;
  std::vector<std::unique_ptr<live::ModbusTcpServer>> servers;
  std::uint16_t nextPort = listen->port;
  for (const auto& line : site->links()) {
    handlers.push_back(std::make_unique<live::EngineLinkHandler>(site->engine(), *line.link));
    live::ModbusTcpServerConfig config;
    config.bindAddress = listen->host;
    config.port = nextPort;
    config.answerTimeout = kAnswerTimeout;
    servers.push_back(std::make_unique<live::ModbusTcpServer>(config, *handlers.back()));
    try {
      servers.back()->start();
    } catch (const std::exception& e) {
      fmt::print(stderr, "ews twin: gateway '{}': cannot listen on {}:{}: {}\n", line.gateway->name, listen->host,
                 nextPort, e.what());
      return kRuntimeError;
    }
    // Scripts and tests read these lines to find the ports (port 0 picks free ones).
    fmt::print("gateway '{}' units {} on {}:{}\n", line.gateway->name, unitList(*site, *line.gateway), listen->host,
               servers.back()->port());
    if (nextPort != 0) ++nextPort;
  }
  std::unique_ptr<SlaveServer> slaveServer;
  if (slaveStack) {
    try {
      slaveServer = std::make_unique<SlaveServer>(*slaveStack->ews().slaveRegisters(), slaveListen->at);
    } catch (const std::exception& e) {
      fmt::print(stderr, "ews twin: Master/Slave server: cannot listen on {}:{}: {}\n", slaveListen->at.host,
                 slaveListen->at.port, e.what());
      return kRuntimeError;
    }
  }
  fmt::print("twin running: {} x real time until {} (Ctrl-C stops)\n",
             options.speed.value_or(site->scenario().run.speed), formatUtc(site->end()));
  std::fflush(stdout);

  const bool completed = site->runToEnd();
  for (auto& server : servers) server->stop();
  if (slaveServer) slaveServer->stop();
  std::uint64_t served = slaveServer ? slaveServer->requestsServed() : 0;
  for (const auto& server : servers) served += server->requestsServed();
  fmt::print("twin stopped at {} ({}); {} requests served\n", formatUtc(site->engine().now()),
             completed ? "end of the scenario" : "signal", served);
  return kOk;
}

}  // namespace ews::cli
