// ews._ews.SweepPlan: `ews sweep`'s grid and runs (the run library's sweep_grid, sweep_runner, kpi_run),
// bound rather than re-implemented, so ews.sweep's table is the CLI's. A plan is picklable (the
// scenario text travels with it) so Dask ships it to workers, each running combinations.
#include <pybind11/stl.h>

#include <fmt/format.h>

#include <thread>

#include "bindings.hpp"
#include "ews/scenario/document.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/run/kpi_run.hpp"
#include "ews/run/sweep_runner.hpp"

namespace py = pybind11;

namespace ews::python {

namespace {

/// The sweep of `ews sweep <path> --set ... [--seed] [--duration]`, with what it was made from
/// (for pickling: a SweepGrid is rebuilt from the --set texts).
struct SweepPlan {
  std::vector<std::string> sets;
  std::optional<std::string> durationText;
  run::SweepInput input;

  SweepPlan(const std::string& path, std::vector<std::string> setTexts, std::optional<std::uint64_t> seed,
            std::optional<std::string> duration, std::optional<std::string> scenarioText)
      : sets(std::move(setTexts)),
        durationText(std::move(duration)),
        input(run::sweepInputOf(path, sets, seed, durationText)) {
    input.scenarioText = scenarioText ? *scenarioText : scenario::readScenarioText(path);
  }
};

unsigned defaultJobs() { return std::max(std::thread::hardware_concurrency(), 1U); }

}  // namespace

void bindSweep(py::module_& m) {
  py::class_<SweepPlan>(m, "SweepPlan", R"doc(
The grid of `ews sweep <path> --set KEY=V1,V2 ...` (the C++ sweep core): its combinations, their
checks and runs. ews.sweep() is the convenient entry point; this is what it distributes.
)doc")
      .def(py::init([](const py::object& path, std::vector<std::string> sets, std::optional<std::uint64_t> seed,
                       std::optional<std::string> duration) {
             const auto text = py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>();
             return SweepPlan(text, std::move(sets), seed, std::move(duration), std::nullopt);
           }),
           py::arg("path"), py::arg("sets"), py::arg("seed") = py::none(), py::arg("duration") = py::none(),
           "path: the scenario file; sets: the --set texts ('dlm.hysteresis=0,5,10'), in grid order; seed, "
           "duration ('1d'): as --seed, --duration. ValueError (the CLI's usage message) for a bad --set; "
           "ews.ValidationError if the file itself is unreadable.")
      .def_property_readonly("size", [](const SweepPlan& p) { return p.input.grid.size(); },
                             "Number of combinations.")
      .def_property_readonly(
          "key_columns",
          [](const SweepPlan& p) {
            std::vector<std::string> keys;
            for (const auto& key : p.input.grid.keys()) keys.push_back(key.key);
            return keys;
          },
          "The swept keys as written: the first columns of the table.")
      .def("values", [](const SweepPlan& p, std::size_t index) { return p.input.grid.values(index); },
           py::arg("index"), "The values of combination `index`, in key order.")
      .def("describe", [](const SweepPlan& p, std::size_t index) { return p.input.grid.describe(index); },
           py::arg("index"), "Combination `index` as options: '--set dlm.hysteresis=5'.")
      .def(
          "problems",
          [](const SweepPlan& p, std::optional<unsigned> jobs) {
            const py::gil_scoped_release release;
            // The scenario as written first (its problems as `ews validate` gives them), as `ews sweep`.
            run::parseChecked(scenario::loadScenarioYaml(p.input.scenarioText, p.input.scenarioPath), p.input.scenarioPath);
            return run::checkCombinations(p.input, jobs.value_or(defaultJobs()));
          },
          py::arg("jobs") = py::none(),
          "Checks the scenario (raises ews.ValidationError as `ews validate`) then every combination; "
          "returns the problems as `ews sweep` prints them ('--set dlm.x=...: file:line:col: field: reason').")
      .def(
          "run",
          [](const SweepPlan& p, std::size_t index) {
            const py::gil_scoped_release release;
            return run::runForKpis(run::loadCombination(p.input, index));
          },
          py::arg("index"), "Runs combination `index` (GIL released); its KPIs as [(name, value), ...].")
      .def(
          "run_all",
          [](const SweepPlan& p, std::optional<unsigned> jobs) {
            const py::gil_scoped_release release;
            return run::formatKpiCsv(run::runCombinations(
                p.input, [](const scenario::Scenario& s) { return run::runForKpis(s); }, jobs.value_or(defaultJobs())));
          },
          py::arg("jobs") = py::none(),
          "Runs every combination on `jobs` threads (default: all cores), exactly as `ews sweep`; returns "
          "the CSV text it writes.")
      .def(
          "table_csv",
          [](const SweepPlan& p, const std::vector<run::KpiColumns>& results) {
            return run::formatKpiCsv(run::tableOf(p.input, results));
          },
          py::arg("results"),
          "The CSV text of `ews sweep` from run(i) of every combination i, in grid order (runs made elsewhere).")
      .def(py::pickle(
          [](const SweepPlan& p) {
            return py::make_tuple(p.input.scenarioPath, p.sets, p.input.seed, p.durationText, p.input.scenarioText);
          },
          [](const py::tuple& state) {
            return SweepPlan(state[0].cast<std::string>(), state[1].cast<std::vector<std::string>>(),
                             state[2].cast<std::optional<std::uint64_t>>(), state[3].cast<std::optional<std::string>>(),
                             state[4].cast<std::string>());
          }));
}

}  // namespace ews::python
