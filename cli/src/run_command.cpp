#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <memory>

#include "commands.hpp"
#include "ews/reports/folder_lock.hpp"
#include "run_on_data.hpp"
#include "diagnostics_output.hpp"
#include "exit_codes.hpp"
#include "progress_bar.hpp"
#include "run_summary.hpp"
#include "ews/live/stop_on_signal.hpp"
#include "dlm_report.hpp"
#include "run_outputs.hpp"
#include "ews/site/simulated_stack.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"

namespace ews::cli {

namespace fs = std::filesystem;

std::optional<site::RunOverrides> parseOverrides(const RunOptions& options) {
  site::RunOverrides overrides;
  overrides.seed = options.seed;
  overrides.speed = options.speed;
  if (options.clock) overrides.clock = *options.clock == "wall" ? scenario::ClockMode::Wall : scenario::ClockMode::Virtual;
  if (options.duration) {
    try {
      overrides.duration = parseDuration(*options.duration);
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "ews run: --duration: {}\n", e.what());
      return std::nullopt;
    }
    if (*overrides.duration <= Duration::zero()) {
      fmt::print(stderr, "ews run: --duration: must be > 0\n");
      return std::nullopt;
    }
  }
  return overrides;
}

bool runSliced(site::SimulatedSite& site, bool quiet) {
  // The run advances in this many slices so the progress bar moves; slicing never changes results.
  constexpr int kProgressSlices = 200;
  bool completed = true;
  live::StopOnSignal stopOnSignal(site.engine());
  ProgressBar progress(!quiet);
  const Time from = site.engine().now();
  const Duration span = site.end() - from;
  for (int slice = 1; slice <= kProgressSlices && completed; ++slice) {
    completed = site.runUntil(from + span * slice / kProgressSlices);
    progress.show(static_cast<double>(slice) / kProgressSlices, site.zone().format(site.engine().now(), "%F %R"));
  }
  progress.finish();
  return completed;
}

int runRun(const RunOptions& options) {
  const auto overrides = parseOverrides(options);
  if (!overrides) return kUsage;
  if (!options.dataDir.empty()) return runRunOnData(options, *overrides);
  if (options.scenarioPath.empty()) {
    fmt::print(stderr, "ews run: give a scenario file, or a data folder with --data DIR\n");
    return kUsage;
  }

  std::unique_ptr<site::SimulatedSite> site;
  try {
    site = std::make_unique<site::SimulatedSite>(scenario::loadScenarioFile(options.scenarioPath), *overrides);
  } catch (const ValidationError& error) {
    printDiagnostics(stderr, error);
    return kInvalidInput;
  }
  const auto& scenario = site->scenario();
  const fs::path outDir = options.outDir.empty() ? defaultOutDir(scenario) : options.outDir;
  // One process per output folder: a second one would truncate the first one's files.
  const reports::FolderLock outLock(outDir, fmt::format("ews run {}", options.scenarioPath));
  copyScenario(options.scenarioPath, outDir / "scenario.yaml");

  // The EWS stack polls the simulated devices through their lines, exactly as on site; every
  // output below is what it recorded (the ground truth goes only into the summary, to compare).
  site::SimulatedStack twin(*site);
  RunOutputs outputs(outDir, scenario, site->installation(), site->zone(), site->seed(), site->start(), "ews run");
  outputs.attachTo(twin.ews());
  twin.start();

  const auto wallStart = std::chrono::steady_clock::now();
  const bool completed = runSliced(*site, options.quiet);
  const double wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
  std::optional<DlmReport> dlmReport;
  if (const stack::DlmRunner* dlm = twin.ews().dlm()) {
    dlmReport = dlmReportOf(*dlm, site->engine().now(), site.get());
    outputs.addResults(dlmResultTable(*dlmReport));
    writeDlmSessionsCsv((outDir / "dlm_sessions.csv").string(), *dlmReport);
  }
  outputs.close();

  RunSummary summary = summarizeRun(*site, outputs.recorded(), completed);
  summary.dlm = std::move(dlmReport);
  writeRunSummaryJson((outDir / "summary.json").string(), summary);
  if (!options.quiet) {
    printRunSummary(summary);
    if (summary.dlm) printDlmReport(*summary.dlm);
    const double simulatedSeconds = toSeconds(site->engine().now() - site->start());
    fmt::print("wall time {:.3f} s ({:.0f}x real time); outputs in {}\n", wallSeconds,
               wallSeconds > 0 ? simulatedSeconds / wallSeconds : 0.0, outDir.string());
    if (const auto* wall = dynamic_cast<const WallClock*>(&site->engine().clock())) {
      fmt::print("wall clock x{}: max lag {:.3f} ms, {} instants served more than {} ms late\n", wall->speed(),
                 toSeconds(wall->maxLag()) * 1e3, wall->lateCount(), toMicros(WallClock::kLateThreshold) / 1000);
    }
  }
  if (!completed) {
    fmt::print(stderr, "ews run: interrupted at {}; outputs cover the run up to that instant\n",
               formatUtc(site->engine().now()));
    return kInterrupted;
  }
  return kOk;
}

}  // namespace ews::cli
