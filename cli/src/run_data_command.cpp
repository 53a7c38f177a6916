// `ews run --data DIR` (docs/cli.md, docs/site-database.md): the twin of a data folder in
// virtual time. The simulated site and the EWS both come from the configuration in force; the
// run starts at the folder's last stored sample (or the scenario's start the first time) and
// adds to its history, so successive runs build up months or years that `ews live` and the
// pages later show. The simulated meters start from zero at each run: the acquisition counts
// that as a counter reset, so nothing is counted twice.
#include <fmt/format.h>

#include <chrono>

#include "data_folder.hpp"
#include "diagnostics_output.hpp"
#include "exit_codes.hpp"
#include "ews/run/simulated_lines.hpp"
#include "ews/run/site_host.hpp"
#include "run_on_data.hpp"

namespace ews::cli {

namespace {
/// The scenario continued from `start`: what happened before it (EV sessions that arrived,
/// management-page commands, faults that ended) belongs to the runs already stored.
void resumeAt(scenario::Scenario& scenario, Time start) {
  scenario.run.start = start;
  std::erase_if(scenario.sessions, [start](const scenario::EvSessionSpec& s) { return s.arrival < start; });
  std::erase_if(scenario.dlm.overrides, [start](const scenario::DlmOverrideSpec& o) { return o.at < start; });
  std::erase_if(scenario.faults, [start](const scenario::FaultSpec& f) { return f.to <= start; });
}
}  // namespace

scenario::Scenario resumedScenario(const run::SiteData& data) {
  scenario::Scenario scenario = *data.config().scenario;
  if (const auto last = sitedb::loadResume(data.db()); last && last->lastSample > scenario.run.start) {
    resumeAt(scenario, last->lastSample);
  }
  return scenario;
}

std::unique_ptr<site::SimulatedSite> resumedSite(const run::SiteData& data, const site::RunOverrides& overrides,
                                                 int& exitCode) {
  try {
    return std::make_unique<site::SimulatedSite>(resumedScenario(data), overrides);
  } catch (const ValidationError& error) {
    printDiagnostics(stderr, error);
    exitCode = kInvalidInput;
    return nullptr;
  }
}

int runRunOnData(const RunOptions& options, const site::RunOverrides& overrides) {
  const Time wallNow = std::chrono::floor<Duration>(std::chrono::system_clock::now());
  int failure = kOk;
  const auto data = openDataFolder("ews run", options.dataDir, options.scenarioPath, wallNow, failure);
  if (!data) return failure;
  const auto site = resumedSite(*data, overrides, failure);
  if (!site) return failure;
  run::SiteHost host(site->engine(), *data, site->deviceProfiles(), run::simulatedLines(*site), "ews run");
  host.deliverMessages({});  // automatic reports and alerts fire in virtual time (docs/delivery.md)
  host.keepConnector(/*onWorkerThread=*/false);  // virtual time: scheduled transfers on the engine's thread
  host.start();
  const auto wallStart = std::chrono::steady_clock::now();
  const bool completed = runSliced(*site, options.quiet);
  // What the simulated period sent is still on its way: give the servers a bounded while.
  host.delivery()->outbox().waitIdle(std::chrono::seconds(60));
  host.close();
  const double wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
  if (!options.quiet) {
    fmt::print("{} to {} in {:.3f} s of wall time; {} samples; data in {}\n", formatUtc(site->start()),
               formatUtc(site->engine().now()), wallSeconds, host.ews().recorder().samplesTaken(), options.dataDir);
  }
  if (!completed) {
    fmt::print(stderr, "ews run: interrupted at {}; the data folder holds the run up to its last sample\n",
               formatUtc(site->engine().now()));
    return kInterrupted;
  }
  return kOk;
}

}  // namespace ews::cli
