// `ews serve SCENARIO` (docs/cli.md): a simulated site in accelerated wall-clock time with the
// box's pages on it — the one-command way to see the whole EWS. The site runs on a data folder
// (the scenario seeds it; a second start continues it), the EWS stack polls the simulated
// devices through their lines, and the web server shows what the stack publishes.
#include <fmt/format.h>

#include <chrono>

#include "commands.hpp"
#include "data_folder.hpp"
#include "exit_codes.hpp"
#include "ftp_access.hpp"
#include "ews/live/stop_on_signal.hpp"
#include "ews/run/simulated_lines.hpp"
#include "ews/run/site_host.hpp"
#include "run_on_data.hpp"
#include "web_option.hpp"

namespace ews::cli {

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
  const Time wallNow = std::chrono::floor<Duration>(std::chrono::system_clock::now());
  int failure = kOk;
  const auto data = openDataFolder("ews serve", dataDir, options.scenarioPath, wallNow, failure);
  if (!data) return failure;
  const auto site = resumedSite(*data, overrides, failure);
  if (!site) return failure;
  // Before any thread starts (web server, snapshot texts, backups), so that only the signal
  // waiter takes SIGINT / SIGTERM and the site stops cleanly.
  live::StopOnSignal stopOnSignal(site->engine());
  stack::SnapshotBoard board;  // before the host, which publishes on it
  run::SiteHost host(site->engine(), *data, site->deviceProfiles(), run::simulatedLines(*site), "ews serve");
  const double speed = options.speed.value_or(site->scenario().run.speed);
  const auto web = servePages("ews serve", options.web, *data, host, board, speed);
  if (!web) return kUsage;
  host.keepDailyBackups();
  host.keepConnector(/*onWorkerThread=*/true);  // docs/connector.md
  FtpAccessPtr ftpAccess;
  if (!options.ftpListen.empty()) {
    ftpAccess = startFtpAccess("ews serve", options.ftpListen, dataDir);
    if (!ftpAccess) return kRuntimeError;
    fmt::print("FTP on port {} (read-only CSV files)\n", ftpPort(*ftpAccess));
  }
  host.start();
  fmt::print("{} x{} from {}; pages on {} (data in {}; Ctrl-C stops)\n", site->scenario().name, speed,
             formatUtc(site->engine().now()), web->url(), dataDir);
  if (web->redirectPort()) fmt::print("http://{}:{} redirects to them\n", options.web.listen.substr(0, options.web.listen.rfind(':')), *web->redirectPort());
  std::fflush(stdout);
  site->runUntil(site->end());
  web->stop();
  host.close();
  fmt::print("stopped at {}; data in {}\n", formatUtc(site->engine().now()), dataDir);
  return kOk;
}

}  // namespace ews::cli
