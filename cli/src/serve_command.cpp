// `ews serve SCENARIO` (docs/cli.md): a simulated site in accelerated wall-clock time with the
// box's pages on it — the one-command way to see the whole EWS. The site runs on a data folder
// (the scenario seeds it; a second start continues it), the EWS stack polls the simulated
// devices through their lines, and the web server shows what the stack publishes. A restore
// from the pages stops both, swaps the archive in and starts them again on it.
#include <fmt/format.h>

#include <chrono>
#include <mutex>
#include <optional>

#include "commands.hpp"
#include "data_folder.hpp"
#include "exit_codes.hpp"
#include "ftp_access.hpp"
#include "ews/live/stop_on_signal.hpp"
#include "ews/run/simulated_lines.hpp"
#include "ews/run/site_host.hpp"
#include "run_on_data.hpp"
#include "site_control.hpp"
#include "web_option.hpp"

namespace ews::cli {

namespace {
/// One run of the site on its data folder with its pages, until a signal, the end, or a restore
/// asked from the pages (returned: the command restores and runs again). `web.listen` becomes the
/// address actually bound, so a restart serves on the same port.
std::optional<RestoreRequest> serveOnce(const ServeOptions& options, const site::RunOverrides& overrides,
                                        const std::string& dataDir, WebOptions& web, std::mutex& engineMutex,
                                        Engine*& running, int& failure) {
  const Time wallNow = std::chrono::floor<Duration>(std::chrono::system_clock::now());
  const auto data = openDataFolder("ews serve", dataDir, options.scenarioPath, wallNow, failure);
  if (!data) return std::nullopt;
  const auto site = resumedSite(*data, overrides, failure);
  if (!site) return std::nullopt;
  stack::SnapshotBoard board;  // before the host, which publishes on it
  run::SiteHost host(site->engine(), *data, site->deviceProfiles(), run::simulatedLines(*site), "ews serve");
  const double speed = options.speed.value_or(site->scenario().run.speed);
  const auto pages = servePages("ews serve", web, *data, host, board, speed);
  if (!pages) {
    failure = kUsage;
    return std::nullopt;
  }
  HostedSiteControl control(site->engine(), *data, host, /*restartable=*/true);
  pages->attachSiteControl(control);
  web.listen = fmt::format("{}:{}", web.listen.substr(0, web.listen.rfind(':')), pages->port());
  host.keepDailyBackups();
  host.deliverMessages({});
  host.keepConnector(/*onWorkerThread=*/true);  // docs/connector.md
  FtpAccessPtr ftpAccess;
  if (!options.ftpListen.empty()) {
    ftpAccess = startFtpAccess("ews serve", options.ftpListen, dataDir);
    if (!ftpAccess) {
      failure = kRuntimeError;
      return std::nullopt;
    }
    fmt::print("FTP on port {} (read-only CSV files)\n", ftpPort(*ftpAccess));
  }
  host.start();
  fmt::print("{} x{} from {}; pages on {} (data in {}; Ctrl-C stops)\n", site->scenario().name, speed,
             formatUtc(site->engine().now()), pages->url(), dataDir);
  if (pages->redirectPort()) fmt::print("http://{}:{} redirects to them\n", web.listen.substr(0, web.listen.rfind(':')), *pages->redirectPort());
  std::fflush(stdout);
  {
    const std::lock_guard lock(engineMutex);
    running = &site->engine();
  }
  site->runUntil(site->end());
  {
    const std::lock_guard lock(engineMutex);
    running = nullptr;
  }
  pages->stop();
  host.close();
  fmt::print("stopped at {}; data in {}\n", formatUtc(site->engine().now()), dataDir);
  return control.takeRestoreRequest();
}
}  // namespace

int runServe(const ServeOptions& options) {
  site::RunOverrides overrides;
  overrides.clock = scenario::ClockMode::Wall;
  overrides.speed = options.speed;
  overrides.duration = kUntilStopped;
  if (options.duration) {
    try {
      overrides.duration = parseDuration(*options.duration);
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "ews serve: --duration: {}\n", e.what());
      return kUsage;
    }
  }
  const std::string dataDir = options.dataDir.empty() ? "out/serve" : options.dataDir;
  // Before any thread starts (web server, snapshot texts, backups), so that only the signal
  // waiter takes SIGINT / SIGTERM and the site stops cleanly: it stops the engine running at
  // that moment (a restore from the pages replaces it).
  std::mutex engineMutex;
  Engine* running = nullptr;
  live::StopOnSignal stopOnSignal([&] {
    const std::lock_guard lock(engineMutex);
    if (running != nullptr) running->requestStop();
  });
  WebOptions web = options.web;
  for (;;) {
    int failure = kOk;
    const auto restore = serveOnce(options, overrides, dataDir, web, engineMutex, running, failure);
    if (failure != kOk) return failure;
    if (!restore) return kOk;
    // Nothing holds the folder now: the site and its pages are closed (docs/backup.md).
    const Time wallNow = std::chrono::floor<Duration>(std::chrono::system_clock::now());
    fmt::print("{}\n", restoreRequested(dataDir, *restore, wallNow));
    if (stopOnSignal.receivedSignal() != 0) return kOk;
  }
}

}  // namespace ews::cli
