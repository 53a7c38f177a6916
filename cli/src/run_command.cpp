#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>

#include "commands.hpp"
#include "diagnostics_output.hpp"
#include "exit_codes.hpp"
#include "progress_bar.hpp"
#include "run_summary.hpp"
#include "ews/live/stop_on_signal.hpp"
#include "ews/reports/atomic_file.hpp"
#include "ews/reports/trace_csv_writer.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"

namespace ews::cli {

namespace {
namespace fs = std::filesystem;

// The run advances in this many slices so the progress bar moves; slicing never changes results.
constexpr int kProgressSlices = 200;

std::string defaultOutDir(const scenario::Scenario& scenario) {
  std::string name = scenario.name.empty() ? fs::path(scenario.file).stem().string() : scenario.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  }
  return (fs::path("out") / name).string();
}

void copyScenario(const std::string& from, const fs::path& to) {
  std::ifstream in(from, std::ios::binary);
  reports::AtomicFile out(to.string());
  out.stream() << in.rdbuf();
  out.commit();
}

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
}  // namespace

int runRun(const RunOptions& options) {
  const auto overrides = parseOverrides(options);
  if (!overrides) return kUsage;

  std::unique_ptr<site::SimulatedSite> site;
  try {
    site = std::make_unique<site::SimulatedSite>(scenario::loadScenarioFile(options.scenarioPath), *overrides);
  } catch (const ValidationError& error) {
    printDiagnostics(stderr, error);
    return kInvalidInput;
  }
  const auto& scenario = site->scenario();
  const fs::path outDir = options.outDir.empty() ? defaultOutDir(scenario) : options.outDir;
  fs::create_directories(outDir);
  copyScenario(options.scenarioPath, outDir / "scenario.yaml");

  reports::TraceCsvWriter trace((outDir / "trace.csv").string(),
                                reports::CsvFormat{scenario.ews.csvDecimalSeparator, scenario.ews.csvFieldSeparator},
                                site->zone());
  site->addSampleSink(trace);

  const auto wallStart = std::chrono::steady_clock::now();
  bool completed = true;
  {
    live::StopOnSignal stopOnSignal(site->engine());
    ProgressBar progress(!options.quiet);
    const Duration span = site->end() - site->start();
    for (int slice = 1; slice <= kProgressSlices && completed; ++slice) {
      const Time sliceEnd = site->start() + span * slice / kProgressSlices;
      completed = site->runUntil(sliceEnd);
      progress.show(static_cast<double>(slice) / kProgressSlices, site->zone().format(site->engine().now(), "%F %R"));
    }
    progress.finish();
  }
  const double wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
  trace.close();

  const RunSummary summary = summarizeRun(*site, completed);
  writeRunSummaryJson((outDir / "summary.json").string(), summary);
  if (!options.quiet) {
    printRunSummary(summary);
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
