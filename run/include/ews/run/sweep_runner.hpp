#pragma once
// The core of `ews sweep`: each combination of a SweepGrid is the scenario file's YAML with the
// combination's values set, loaded by the normal loader (same checks, same messages), run by a
// SweepRunner on a pool of threads; the KPIs become one table, in grid order whatever the order
// in which the runs finish. The runner is a parameter, so tests run the core with a fake.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ews/kernel/time.hpp"
#include "ews/scenario/scenario.hpp"
#include "ews/run/kpi_run.hpp"
#include "ews/run/sweep_grid.hpp"

namespace ews::run {

/// Runs one scenario and returns its KPIs: runForKpis in `ews`, a fake in tests. Called from
/// several threads at once, one scenario per call.
using SweepRunner = std::function<KpiColumns(const scenario::Scenario&)>;

/// A sweep to run: the scenario file's text, read once so every combination starts from the
/// same text, and its path (diagnostics name it; trace and sessions files are found beside it).
struct SweepInput {
  std::string scenarioText;
  std::string scenarioPath;
  SweepGrid grid;
  /// --seed and --duration: set on every loaded combination, as `ews run` sets them (after the
  /// checks: a shorter run simply ends before the scenario's later sessions and overrides).
  std::optional<std::uint64_t> seed;
  std::optional<Duration> duration;
};

/// The sweep of `ews sweep`'s options (and of the Python module's ews.sweep), its file not read
/// yet (scenarioText empty): `sets` are the --set texts in grid order, `duration` the --duration
/// text. Throws SweepUsageError for a malformed --set, two options setting one key, a bad or
/// non-positive duration, or a swept run.seed / run.duration that `seed` / `duration` overrides.
SweepInput sweepInputOf(const std::string& scenarioPath, const std::vector<std::string>& sets,
                        std::optional<std::uint64_t> seed, const std::optional<std::string>& duration);

/// The scenario of a loaded (maybe edited) document, checked as `ews validate` checks a file: the
/// loader's rules, then the installation's. Throws ValidationError with every problem.
scenario::Scenario parseChecked(const YAML::Node& document, const std::string& scenarioPath);

/// Combination `index` as a checked Scenario, with the input's seed and duration. Throws
/// ValidationError (the diagnostics) or SweepUsageError (a key that cannot be set in this document).
scenario::Scenario loadCombination(const SweepInput& input, std::size_t index);

/// Loads every combination on `jobs` threads and returns every distinct problem, in grid order,
/// each after the option that sets the field at fault, as written: "--set dlm.hysteresis=0,5,150:
/// site.yaml:40:15: dlm.hysteresis: must be between 0 and 100 %, got 150 %"; after the whole
/// combination ("--set dlm.x=1 --set dlm.y=2") when no option sets that field. A problem shared by
/// many combinations (an unknown key) is told once. Empty when all are valid.
std::vector<std::string> checkCombinations(const SweepInput& input, unsigned jobs);

/// The results: one row per combination in grid order, the swept keys (as written) then the KPIs.
struct SweepTable {
  std::vector<std::string> keyColumns;
  std::vector<std::string> kpiColumns;
  struct Row {
    std::vector<std::string> keyValues;
    std::vector<double> kpiValues;
  };
  std::vector<Row> rows;
};

/// The table of every combination's KPIs (`results[i]` of combination i, grid order). Throws
/// std::runtime_error unless every run returned the same KPI columns in the same order.
SweepTable tableOf(const SweepInput& input, const std::vector<KpiColumns>& results);

/// Told when a combination's run ends (one call at a time): its index, how many have ended, and
/// its run's wall time.
using SweepProgress = std::function<void(std::size_t index, std::size_t ended, double wallSeconds)>;

/// Runs every combination with `runner` on `jobs` threads (at most one per combination). A
/// failure stops handing out combinations; once the running ones end, the first failure in grid
/// order is thrown as std::runtime_error naming its combination. Every run must return the same
/// KPI columns in the same order (std::runtime_error otherwise).
SweepTable runCombinations(const SweepInput& input, const SweepRunner& runner, unsigned jobs,
                           const SweepProgress& progress = {});

/// The table as CSV for programs (not the EWS's regional CSV of manual 8.4.1): ',' between
/// fields, '.' as decimal point, a header row, LF line ends; numbers in the shortest form that
/// reads back exactly (0.1, 1e-07, 2500), NaN as an empty field; fields holding ',', '"' or a
/// line break are quoted.
std::string formatKpiCsv(const SweepTable& table);

}  // namespace ews::run
