// `ews twin SCENARIO` (docs/cli.md): a simulated site in wall-clock time whose gateways are
// served over Modbus TCP, for an `ews live` or any Modbus client to poll; with --data, also the
// site's own EWS on a data folder, with its pages (--web-listen).
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

#include "commands.hpp"
#include "data_folder.hpp"
#include "diagnostics_output.hpp"
#include "endpoint.hpp"
#include "exit_codes.hpp"
#include "ews/live/engine_link_handler.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "ews/live/stop_on_signal.hpp"
#include "ews/run/simulated_lines.hpp"
#include "ews/run/site_host.hpp"
#include "site_control.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/site/simulated_stack.hpp"
#include "run_on_data.hpp"
#include "slave_server_option.hpp"
#include "web_option.hpp"

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

  // With --data the twin is also the site's EWS on that folder: the scenario seeds it, and a
  // second start continues its history (as `ews serve`).
  std::unique_ptr<run::SiteData> data;
  std::unique_ptr<site::SimulatedSite> site;
  int failure = kOk;
  if (!options.dataDir.empty()) {
    const Time wallNow = std::chrono::floor<Duration>(std::chrono::system_clock::now());
    data = openDataFolder("ews twin", options.dataDir, options.scenarioPath, wallNow, failure);
    if (!data) return failure;
    site = resumedSite(*data, overrides, failure);
    if (!site) return failure;
  } else {
    if (!options.web.listen.empty()) {
      fmt::print(stderr, "ews twin: --web-listen needs --data: the pages show a data folder's site\n");
      return kUsage;
    }
    if (options.scenarioPath.empty()) {
      fmt::print(stderr, "ews twin: a scenario file is needed (or --data with a seeded folder)\n");
      return kUsage;
    }
    try {
      site = std::make_unique<site::SimulatedSite>(scenario::loadScenarioFile(options.scenarioPath), overrides);
    } catch (const ValidationError& error) {
      printDiagnostics(stderr, error);
      return kInvalidInput;
    }
  }

  const auto slaveListen = slaveListenOf("twin", options.slaveListen, "127.0.0.1", site->scenario());
  if (!slaveListen) return kUsage;
  // Block SIGINT/SIGTERM before any thread starts (Modbus servers, pages, backups), so only the
  // waiter takes them.
  live::StopOnSignal stopOnSignal(site->engine());
  // The twin's own EWS polls the simulated devices in process: on the data folder (recording
  // there, with the pages), or, for a slave twin, in memory to record what its masters read.
  // The simulated gateways stay served to other clients either way.
  stack::SnapshotBoard board;  // before the host, which publishes on it
  std::unique_ptr<run::SiteHost> host;
  std::unique_ptr<site::SimulatedStack> slaveStack;
  if (data) {
    host = std::make_unique<run::SiteHost>(site->engine(), *data, site->deviceProfiles(), run::simulatedLines(*site),
                                           "ews twin");
  } else if (slaveListen->served) {
    slaveStack = std::make_unique<site::SimulatedStack>(*site);
    slaveStack->start();
  }

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
  if (slaveListen->served) {
    stack::EwsStack& ews = host ? host->ews() : slaveStack->ews();
    try {
      slaveServer = std::make_unique<SlaveServer>(ews.sharedSlaveRegisters(), slaveListen->at);
    } catch (const std::exception& e) {
      fmt::print(stderr, "ews twin: Master/Slave server: cannot listen on {}:{}: {}\n", slaveListen->at.host,
                 slaveListen->at.port, e.what());
      return kRuntimeError;
    }
    // A configuration change from the pages rebuilds the stack: its masters read the new one's.
    if (host) host->onRebuilt([&slaveServer](stack::EwsStack& rebuilt) { slaveServer->follow(rebuilt.sharedSlaveRegisters()); });
  }
  const double speed = options.speed.value_or(site->scenario().run.speed);
  // The settings pages' control (a restore needs `ews serve` or `ews restore`), before the
  // pages, which use it until they stop.
  std::unique_ptr<HostedSiteControl> control;
  std::unique_ptr<web::WebServer> pages;
  if (host) {
    if (!options.web.listen.empty()) {
      pages = servePages("ews twin", options.web, *data, *host, board, speed);
      if (!pages) return kUsage;
      control = std::make_unique<HostedSiteControl>(site->engine(), *data, *host, /*restartable=*/false);
      pages->attachSiteControl(*control);
      fmt::print("pages on {} (data in {})\n", pages->url(), options.dataDir);
    }
    host->keepDailyBackups();
    host->deliverMessages({});
    host->keepConnector(/*onWorkerThread=*/true);  // docs/connector.md
    host->start();
  }
  fmt::print("twin running: {} x real time until {} (Ctrl-C stops)\n", speed, formatUtc(site->end()));
  std::fflush(stdout);

  const bool completed = site->runToEnd();
  for (auto& server : servers) server->stop();
  if (slaveServer) slaveServer->stop();
  if (pages) pages->stop();
  if (host) host->close();
  std::uint64_t served = slaveServer ? slaveServer->requestsServed() : 0;
  for (const auto& server : servers) served += server->requestsServed();
  // Which units were written to: what an installer (and a test) checks after pointing an EWS
  // at the twin.
  for (std::size_t line = 0; line < handlers.size(); ++line) {
    std::string writes;
    for (int unitId = 0; unitId <= 255; ++unitId) {
      const std::uint64_t count = handlers[line]->writesReceived(static_cast<std::uint8_t>(unitId));
      if (count > 0) writes += fmt::format("{}{}={}", writes.empty() ? "" : ", ", unitId, count);
    }
    fmt::print("gateway '{}' writes received by unit: {}\n", site->links()[line].gateway->name,
               writes.empty() ? "none" : writes);
  }
  fmt::print("twin stopped at {} ({}); {} requests served\n", formatUtc(site->engine().now()),
             completed ? "end of the scenario" : "signal", served);
  return kOk;
}

}  // namespace ews::cli
