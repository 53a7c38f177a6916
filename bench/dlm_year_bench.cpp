// The DLM issue's benchmark: one simulated year of the 40-station car park
// (scenarios/carpark-40.yaml) with a 1 s control period, end to end in virtual time (scenario
// read, site built, run, KPIs finished), target <= 60 s on one core. The year runs the DLM
// directly on the site's models, coalesced (site::DirectDlmRun, docs/dlm.md "Direct and
// coalesced runs"); one week of the direct step-by-step run and of the full Modbus stack
// (poller over SimLinks, 41 devices polled every second) gives the comparison.
//
// Arguments: weeks of sessions. 1 = the scenario as shipped (its sessions file covers the first
// week; the building trace loops all year); 52 = the recorded week of sessions replayed every
// week, so every week of the year is as busy as the first.
// Counters: simulated_s_per_s (simulated seconds per wall second) and decisions.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "ews/dlm/kpis.hpp"
#include "ews/link/async_link.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/direct_dlm.hpp"
#include "ews/site/dlm_ground_truth.hpp"
#include "ews/stack/dlm_config.hpp"
#include "ews/stack/ews_stack.hpp"

namespace {

using namespace ews;

/// carpark-40 with its recorded week of sessions repeated `weeks` times.
scenario::Scenario carpark40(int weeks) {
  scenario::Scenario scenario =
      scenario::loadScenarioFile(std::string(EWS_SOURCE_DIR) + "/scenarios/carpark-40.yaml");
  const std::vector<scenario::EvSessionSpec> recorded = scenario.sessions;
  for (int week = 1; week < weeks; ++week) {
    for (scenario::EvSessionSpec session : recorded) {
      session.arrival += days(7) * week;
      session.departure += days(7) * week;
      scenario.sessions.push_back(session);
    }
  }
  return scenario;
}

site::RunOverrides lasting(Duration duration) {
  site::RunOverrides overrides;
  overrides.duration = duration;
  return overrides;
}

void report(benchmark::State& state, Duration simulated, std::uint64_t decisions) {
  state.counters["simulated_s_per_s"] =
      benchmark::Counter(toSeconds(simulated) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["decisions"] = static_cast<double>(decisions);
}

/// End to end: the scenario read, the site built, the direct run, the KPIs finished.
void runDirect(benchmark::State& state, Duration duration, site::DirectMode mode) {
  const int weeks = static_cast<int>(state.range(0));
  std::uint64_t decisions = 0;
  for (auto _ : state) {
    site::SimulatedSite site(carpark40(weeks), lasting(duration));
    site::DirectDlmRun run(site,
                           {.dlm = *stack::dlmRunnerSettingsOf(site.scenario(), site.installation()), .mode = mode});
    run.runToEnd();
    const dlm::RunKpis kpis = run.finish();
    benchmark::DoNotOptimize(kpis.energyDeliveredWh);
    decisions = run.decisions();
  }
  report(state, duration, decisions);
}

void BM_DlmYearCarpark40(benchmark::State& state) { runDirect(state, days(365), site::DirectMode::Coalesced); }
void BM_DlmWeekCarpark40Coalesced(benchmark::State& state) { runDirect(state, days(7), site::DirectMode::Coalesced); }
void BM_DlmWeekCarpark40StepByStep(benchmark::State& state) { runDirect(state, days(7), site::DirectMode::StepByStep); }

/// The week through the EWS stack: every device polled over its SimLink each second, the
/// DLM's commands written as Modbus registers (as `ews run` composes it).
void BM_DlmWeekCarpark40Modbus(benchmark::State& state) {
  const Duration week = days(7);
  for (auto _ : state) {
    site::SimulatedSite site(carpark40(1), lasting(week));
    stack::StackSettings settings;
    settings.dlm = stack::dlmRunnerSettingsOf(site.scenario(), site.installation());
    stack::EwsStack ews(site.engine(), site.installation(), site.deviceProfiles(), site.zone(), settings);
    std::vector<std::unique_ptr<link::VirtualTimeLink>> links;
    for (const auto& line : site.links()) {
      links.push_back(std::make_unique<link::VirtualTimeLink>(site.engine(), *line.link));
      ews.attachLine(*line.gateway, *links.back());
    }
    ews.start();
    site.runToEnd();
    dlm::RunKpis kpis = ews.dlm()->kpis().finish(site.engine().now());
    site::addGroundTruth(kpis, site);
    benchmark::DoNotOptimize(kpis.energyDeliveredWh);
  }
  report(state, week, static_cast<std::uint64_t>(week / seconds(1)) + 1);
}

BENCHMARK(BM_DlmYearCarpark40)->Arg(1)->Arg(52)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
BENCHMARK(BM_DlmWeekCarpark40Coalesced)->Arg(1)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
BENCHMARK(BM_DlmWeekCarpark40StepByStep)->Arg(1)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
BENCHMARK(BM_DlmWeekCarpark40Modbus)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
