// `ews multi`: a Master/Slave hierarchy (the top master's scenario and the slave files its
// `slaves:` name, recursively) run as several EWS instances in one virtual-time engine
// (site::MultiSite, docs/master-slave.md). Each instance writes what `ews run` writes, under
// --out/<index>-<file name>/.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <vector>

#include "commands.hpp"
#include "ews/reports/folder_lock.hpp"
#include "diagnostics_output.hpp"
#include "exit_codes.hpp"
#include "ews/live/stop_on_signal.hpp"
#include "ews/scenario/instances.hpp"
#include "ews/site/multi_site.hpp"
#include "run_outputs.hpp"
#include "run_summary.hpp"

namespace ews::cli {

namespace {
namespace fs = std::filesystem;

/// 0-top, 1-slave-a, ...: the instance's index keeps two files with one name apart.
fs::path instanceDir(const fs::path& outDir, std::size_t index, const std::string& path) {
  return outDir / fmt::format("{}-{}", index, fs::path(path).stem().string());
}
}  // namespace

int runMulti(const MultiOptions& options) {
  site::RunOverrides overrides;
  overrides.seed = options.seed;
  overrides.clock = scenario::ClockMode::Virtual;
  if (options.duration) {
    try {
      overrides.duration = parseDuration(*options.duration);
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "ews multi: --duration: {}\n", e.what());
      return kUsage;
    }
    if (*overrides.duration <= Duration::zero()) {
      fmt::print(stderr, "ews multi: --duration: must be > 0\n");
      return kUsage;
    }
  }

  std::unique_ptr<site::MultiSite> multi;
  try {
    multi = std::make_unique<site::MultiSite>(scenario::loadInstances(options.scenarioPath), overrides);
  } catch (const ValidationError& error) {
    printDiagnostics(stderr, error);
    return kInvalidInput;
  }
  const fs::path outDir = options.outDir.empty() ? defaultOutDir(multi->instance(0).scenario) : options.outDir;
  // One process per output folder: a second one would truncate the first one's files.
  const reports::FolderLock outLock(outDir, fmt::format("ews multi {}", options.scenarioPath));
  std::vector<std::unique_ptr<RunOutputs>> outputs;
  for (std::size_t i = 0; i < multi->size(); ++i) {
    site::SimulatedSite& site = multi->site(i);
    const fs::path dir = instanceDir(outDir, i, multi->instance(i).path);
    fs::create_directories(dir);
    copyScenario(multi->instance(i).path, dir / "scenario.yaml");
    outputs.push_back(std::make_unique<RunOutputs>(dir, site.scenario(), site.installation(), site.zone(), site.seed(),
                                                   multi->start(), "ews multi"));
    outputs.back()->attachTo(multi->stack(i));
  }
  multi->startStacks();

  const auto wallStart = std::chrono::steady_clock::now();
  bool completed = false;
  {
    live::StopOnSignal stopOnSignal(multi->engine());
    completed = multi->runToEnd();
  }
  const double wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
  for (std::size_t i = 0; i < multi->size(); ++i) {
    outputs[i]->close();
    const RunSummary summary = summarizeRun(multi->site(i), outputs[i]->recorded(), completed);
    writeRunSummaryJson((instanceDir(outDir, i, multi->instance(i).path) / "summary.json").string(), summary);
    if (!options.quiet) {
      fmt::print("instance {} '{}' ({}): {} devices, recorded grand total {:.3f} kWh\n", i, summary.scenarioName,
                 multi->instance(i).path, summary.devices, summary.recorded.electricityWh / 1000.0);
    }
  }
  if (!options.quiet) {
    const double simulatedSeconds = toSeconds(multi->engine().now() - multi->start());
    fmt::print("{} instances, {} readings; wall time {:.3f} s ({:.0f}x real time); outputs in {}\n", multi->size(),
               multi->readings().size(), wallSeconds, wallSeconds > 0 ? simulatedSeconds / wallSeconds : 0.0,
               outDir.string());
  }
  if (!completed) {
    fmt::print(stderr, "ews multi: interrupted at {}; outputs cover the run up to that instant\n",
               formatUtc(multi->engine().now()));
    return kInterrupted;
  }
  return kOk;
}

}  // namespace ews::cli
