#include "ews/run/sweep_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "ews/installation/validation.hpp"
#include "ews/kernel/csv.hpp"
#include "ews/kernel/diagnostic.hpp"
#include "ews/scenario/document.hpp"

namespace ews::run {

namespace {

/// Calls work(i) for every i in [0, count) on `jobs` threads. Once a call throws, no further
/// index is handed out; when every thread has stopped, the exception of the lowest index that
/// threw is rethrown, so which failure is reported does not depend on thread timing.
void parallelFor(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::vector<std::exception_ptr> errors(count);
  const auto worker = [&] {
    for (std::size_t i = next++; i < count && !failed; i = next++) {
      try {
        work(i);
      } catch (...) {
        errors[i] = std::current_exception();
        failed = true;
      }
    }
  };
  const std::size_t threads = std::min<std::size_t>(std::max(jobs, 1U), count);
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();  // the calling thread works too
  }
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

std::string combinationName(const SweepInput& input, std::size_t index) {
  const std::string options = input.grid.describe(index);
  return fmt::format("combination {} of {}{}{}", index + 1, input.grid.size(), options.empty() ? "" : " ", options);
}

std::string csvNumber(double value) {
  if (std::isnan(value)) return "";
  if (value == 0.0) return "0";  // never "-0"
  return fmt::format("{}", value);
}

std::vector<std::string> namesOf(const KpiColumns& columns) {
  std::vector<std::string> names;
  for (const auto& column : columns) names.push_back(column.first);
  return names;
}

}  // namespace

SweepInput sweepInputOf(const std::string& scenarioPath, const std::vector<std::string>& sets,
                        std::optional<std::uint64_t> seed, const std::optional<std::string>& duration) {
  std::vector<SweepKey> keys;
  for (const auto& text : sets) keys.push_back(parseSetOption(text));
  SweepInput input{"", scenarioPath, SweepGrid(std::move(keys)), seed, std::nullopt};
  if (duration) {
    try {
      input.duration = parseDuration(*duration);
    } catch (const std::invalid_argument& e) {
      throw SweepUsageError(fmt::format("--duration: {}", e.what()));
    }
    if (*input.duration <= Duration::zero()) throw SweepUsageError("--duration: must be > 0");
  }
  // As in `ews run`, --seed and --duration override the scenario: sweeping them too is ambiguous.
  const auto refuseSwept = [&](std::string_view option, std::string_view path) {
    if (const SweepKey* key = input.grid.keyFor(path)) {
      throw SweepUsageError(fmt::format("{}: sets {} like {}", key->option, path, option));
    }
  };
  if (seed) refuseSwept("--seed", "run.seed");
  if (duration) refuseSwept("--duration", "run.duration");
  return input;
}

scenario::Scenario parseChecked(const YAML::Node& document, const std::string& scenarioPath) {
  scenario::Scenario scenario = scenario::parseScenarioDocument(document, scenarioPath);
  if (auto problems = installation::validate(scenario.installation); !problems.empty()) {
    throw ValidationError(std::move(problems));
  }
  return scenario;
}

scenario::Scenario loadCombination(const SweepInput& input, std::size_t index) {
  // A tree of its own per combination (and per thread): yaml-cpp trees are not thread-safe, and
  // YAML::Clone would drop the positions diagnostics need.
  YAML::Node document = scenario::loadScenarioYaml(input.scenarioText, input.scenarioPath);
  input.grid.apply(document, index);
  scenario::Scenario scenario = parseChecked(document, input.scenarioPath);
  if (input.seed) scenario.run.seed = *input.seed;
  if (input.duration) scenario.run.duration = *input.duration;
  return scenario;
}

std::vector<std::string> checkCombinations(const SweepInput& input, unsigned jobs) {
  std::vector<std::vector<std::string>> problems(input.grid.size());
  parallelFor(input.grid.size(), jobs, [&](std::size_t index) {
    try {
      loadCombination(input, index);
    } catch (const SweepUsageError& e) {
      problems[index].push_back(e.what());
    } catch (const ValidationError& e) {
      for (const auto& diagnostic : e.diagnostics()) {
        const SweepKey* key = input.grid.keyFor(diagnostic.field);
        const std::string options = key != nullptr ? key->option : input.grid.describe(index);
        problems[index].push_back(options.empty() ? diagnostic.str() : fmt::format("{}: {}", options, diagnostic.str()));
      }
    }
  });
  // One problem shared by many combinations (an unknown key) is told once.
  std::vector<std::string> distinct;
  std::set<std::string> seen;
  for (const auto& combination : problems) {
    for (const auto& problem : combination) {
      if (seen.insert(problem).second) distinct.push_back(problem);
    }
  }
  return distinct;
}

SweepTable runCombinations(const SweepInput& input, const SweepRunner& runner, unsigned jobs, const SweepProgress& progress) {
  const std::size_t count = input.grid.size();
  std::vector<KpiColumns> results(count);
  std::mutex progressMutex;
  std::size_t ended = 0;
  parallelFor(count, jobs, [&](std::size_t index) {
    const auto start = std::chrono::steady_clock::now();
    try {
      results[index] = runner(loadCombination(input, index));
    } catch (const std::exception& e) {
      throw std::runtime_error(fmt::format("{}: {}", combinationName(input, index), e.what()));
    }
    const double wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::lock_guard lock(progressMutex);
    ++ended;
    if (progress) progress(index, ended, wallSeconds);
  });
  return tableOf(input, results);
}

SweepTable tableOf(const SweepInput& input, const std::vector<KpiColumns>& results) {
  const std::size_t count = input.grid.size();
  if (results.size() != count) {
    throw std::runtime_error(fmt::format("{} results for a grid of {} combinations", results.size(), count));
  }
  SweepTable table;
  for (const auto& key : input.grid.keys()) table.keyColumns.push_back(key.key);
  table.kpiColumns = namesOf(results.front());
  for (std::size_t index = 0; index < count; ++index) {
    if (namesOf(results[index]) != table.kpiColumns) {
      throw std::runtime_error(fmt::format("{} returned the KPI columns [{}], {} returned [{}]",
                                           combinationName(input, index), fmt::join(namesOf(results[index]), ", "),
                                           combinationName(input, 0), fmt::join(table.kpiColumns, ", ")));
    }
    SweepTable::Row row{input.grid.values(index), {}};
    for (const auto& column : results[index]) row.kpiValues.push_back(column.second);
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string formatKpiCsv(const SweepTable& table) {
  std::vector<std::string> header = table.keyColumns;
  header.insert(header.end(), table.kpiColumns.begin(), table.kpiColumns.end());
  std::string text = csv::row(header, ',');
  for (const auto& row : table.rows) {
    std::vector<std::string> fields = row.keyValues;
    for (const double value : row.kpiValues) fields.push_back(csvNumber(value));
    text += csv::row(fields, ',');
  }
  return text;
}

}  // namespace ews::run
