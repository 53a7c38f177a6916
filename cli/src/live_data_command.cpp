// `ews live --data DIR` (docs/cli.md, docs/site-database.md): the EWS of a data folder against
// real endpoints in wall-clock time. The configuration comes from the site database (seeded from
// the site file when empty); history, events and counters go to it at every sample, so a
// restart, even after kill -9, resumes where the last stored sample left off.
#include <fmt/format.h>

#include <chrono>

#include "commands.hpp"
#include "data_folder.hpp"
#include "exit_codes.hpp"
#include "ftp_access.hpp"
#include "ews/kernel/clock.hpp"
#include "ews/live/stop_on_signal.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/run/site_host.hpp"
#include "site_control.hpp"
#include "live_lines.hpp"
#include "slave_server_option.hpp"
#include "web_option.hpp"

namespace ews::cli {

int runLiveOnData(const LiveOptions& options, Duration span) {
  Time start = std::chrono::floor<Duration>(std::chrono::system_clock::now());
  int failure = kOk;
  const auto data = openDataFolder("ews live", options.dataDir, options.scenarioPath, start, failure);
  if (!data) return failure;
  // The site's time never goes back behind its stored history: at --speed X (tests against a
  // twin) the engine runs X times faster than the system clock, and on site the system clock may
  // be set back (a stale clock at boot, a correction). Starting behind the last stored sample
  // would have the recorder's rows up to it refused and their consumption lost.
  if (const auto resume = sitedb::loadResume(data->db()); resume && resume->lastSample > start) {
    start = resume->lastSample;
  }
  const run::SiteConfig& config = data->config();
  const auto overrides = parseGatewayOverrides(options.gateways, *config.installation);
  if (!overrides) return kUsage;
  const LiveLineOptions lineOptions{*overrides, options.serialDevice, options.quiet};
  if (!localGatewayReachable(*config.installation, lineOptions)) return kUsage;
  const auto slaveListen = slaveListenOf("live", options.slaveListen, "0.0.0.0", *config.scenario);
  if (!slaveListen) return kUsage;
  const auto profiles = loadLiveProfiles(options.siteProfiles);
  if (!profiles) return kInvalidInput;

  Engine engine(EngineConfig{start, config.scenario->run.seed});
  engine.setClock(std::make_unique<WallClock>(options.speed));
  live::StopOnSignal stopOnSignal(engine);
  stack::SnapshotBoard board;  // before the host, which publishes on it
  // Lines follow the configuration: a change rebuilds them with the stack.
  run::SiteHost host(engine, *data, *profiles,
                     [&engine, lineOptions](const run::SiteConfig& site, stack::EwsStack& ews) {
                       return std::unique_ptr<run::AttachedLines>(
                           attachLiveLines(engine, *site.scenario, *site.installation, ews, lineOptions));
                     },
                     "ews live");
  std::unique_ptr<SlaveServer> slaveServer;
  if (slaveListen->served) {
    try {
      slaveServer = std::make_unique<SlaveServer>(host.ews().sharedSlaveRegisters(), slaveListen->at);
    } catch (const std::exception& e) {
      fmt::print(stderr, "ews live: Master/Slave server: cannot listen on {}:{}: {}\n", slaveListen->at.host,
                 slaveListen->at.port, e.what());
      return kRuntimeError;
    }
    // A configuration change rebuilds the stack: its masters read the new one's registers.
    host.onRebuilt([&slaveServer](stack::EwsStack& ews) { slaveServer->follow(ews.sharedSlaveRegisters()); });
  }
  // Settings pages change the configuration; a restore needs the box stopped (ews restore).
  // Declared before the pages, which use it until they stop.
  HostedSiteControl control(engine, *data, host, /*restartable=*/false);
  std::unique_ptr<web::WebServer> pages;
  if (!options.web.listen.empty()) {
    pages = servePages("ews live", options.web, *data, host, board, options.speed);
    if (!pages) return kUsage;
    pages->attachSiteControl(control);
    if (!options.quiet) fmt::print("pages on {}\n", pages->url());
  }
  host.keepDailyBackups();
  host.deliverMessages({});
  host.keepConnector(/*onWorkerThread=*/true);  // docs/connector.md
  FtpAccessPtr ftpAccess;
  if (!options.ftpListen.empty()) {
    ftpAccess = startFtpAccess("ews live", options.ftpListen, options.dataDir);
    if (!ftpAccess) return kRuntimeError;
    if (!options.quiet) fmt::print("FTP on port {} (read-only CSV files)\n", ftpPort(*ftpAccess));
  }
  host.start();
  if (!options.quiet) {
    fmt::print("live from {} on {} (configuration version {}; Ctrl-C stops)\n", formatUtc(start), options.dataDir,
               config.version);
  }
  std::fflush(stdout);
  engine.runUntil(start + span);
  if (slaveServer) slaveServer->stop();
  if (pages) pages->stop();
  host.close();
  if (!options.quiet) {
    const auto last = host.history().lastStoredSample();
    fmt::print("stopped at {}; {} samples this run; last stored sample {}; data in {}\n", formatUtc(engine.now()),
               host.ews().recorder().samplesTaken(), last ? formatUtc(*last) : std::string("none"), options.dataDir);
  }
  if (stopOnSignal.receivedSignal() != 0) {
    fmt::print(stderr, "ews live: stopped by signal {} at {}\n", stopOnSignal.receivedSignal(), formatUtc(engine.now()));
  }
  return kOk;
}

}  // namespace ews::cli
