// `ews sweep`: the command-line side of a parameter sweep (docs/cli.md). The grid and the
// core are in the run library (ews/run/sweep_grid, sweep_runner); each combination is run by
// runForKpis (ews/run/kpi_run.hpp).
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "commands.hpp"
#include "diagnostics_output.hpp"
#include "exit_codes.hpp"
#include "ews/reports/atomic_file.hpp"
#include "ews/scenario/document.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/run/kpi_run.hpp"
#include "run_outputs.hpp"
#include "ews/run/sweep_runner.hpp"

namespace ews::cli {

namespace {
namespace fs = std::filesystem;
using namespace ews::run;  // the sweep's grid, runner and KPI runs

unsigned defaultJobs() { return std::max(std::thread::hardware_concurrency(), 1U); }

}  // namespace

int runSweep(const SweepOptions& options) {
  std::optional<SweepInput> input;
  try {
    input.emplace(sweepInputOf(options.scenarioPath, options.sets, options.seed, options.duration));
  } catch (const SweepUsageError& e) {
    fmt::print(stderr, "ews sweep: {}\n", e.what());
    return kUsage;
  }
  scenario::Scenario base;
  try {
    input->scenarioText = scenario::readScenarioText(options.scenarioPath);
    base = parseChecked(scenario::loadScenarioYaml(input->scenarioText, options.scenarioPath), options.scenarioPath);
  } catch (const ValidationError& error) {
    printDiagnostics(stderr, error);
    return kInvalidInput;
  }
  const unsigned jobs = options.jobs.value_or(defaultJobs());
  const auto problems = checkCombinations(*input, jobs);
  if (!problems.empty()) {
    for (const auto& problem : problems) fmt::print(stderr, "ews sweep: {}\n", problem);
    fmt::print(stderr, "{} error{}\n", problems.size(), problems.size() == 1 ? "" : "s");
    return kInvalidInput;
  }

  // Opened before the runs, so an unwritable destination fails now rather than after them.
  const fs::path outPath =
      options.outPath.empty() ? fs::path(defaultOutDir(base)) / "sweep.csv" : fs::path(options.outPath);
  if (outPath.has_parent_path()) fs::create_directories(outPath.parent_path());
  reports::AtomicFile out(outPath.string());

  const std::size_t count = input->grid.size();
  const auto wallStart = std::chrono::steady_clock::now();
  const KpiRunMode mode = parseKpiRunMode(options.engine).value_or(KpiRunMode::Modbus);  // CLI11 checked it
  const auto run = [mode](const scenario::Scenario& combination) { return runForKpis(combination, mode); };
  const SweepTable table = runCombinations(*input, run, jobs, [&](std::size_t index, std::size_t ended,
                                                                  double wallSeconds) {
    if (!options.quiet) {
      fmt::print(stderr, "[{}/{}] {}: {:.1f} s\n", ended, count, input->grid.describe(index), wallSeconds);
    }
  });
  out.stream() << formatKpiCsv(table);
  out.commit();
  if (!options.quiet) {
    const double wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    const std::size_t threads = std::min<std::size_t>(jobs, count);
    fmt::print("{}: {} combination{} x {} KPIs, {} job{}, {:.1f} s\n", outPath.string(), count, count == 1 ? "" : "s",
               table.kpiColumns.size(), threads, threads == 1 ? "" : "s", wallSeconds);
  }
  return kOk;
}

}  // namespace ews::cli
