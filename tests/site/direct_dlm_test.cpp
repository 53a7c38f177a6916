// The DLM run straight on the simulated site's models (site::DirectDlmRun): step by step and
// coalesced give the same run where every input is piecewise constant, agree within the
// taper's and the linear trace's tolerance on the car park, and the direct step-by-step run
// agrees with the DLM of the EWS stack polling the same site over Modbus.
#include "ews/site/direct_dlm.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "ews/scenario/loader.hpp"
#include "ews/site/dlm_ground_truth.hpp"
#include "ews/site/simulated_stack.hpp"
#include "ews/stack/dlm_config.hpp"

namespace {

using ews::Time;
using ews::site::DirectMode;

/// The "dlm" events as the trace's event table shows them.
class EventLog final : public ews::recording::SampleSink {
 public:
  void onSamples(Time, std::span<const ews::recording::DeviceSample>) override {}
  void onEvent(const ews::recording::Event& event) override {
    lines.push_back(fmt::format("{} {} {}", ews::formatUtc(event.at), event.deviceId, event.detail));
  }
  std::vector<std::string> lines;
};

std::size_t countOf(const std::vector<std::string>& lines, const std::string& text) {
  return static_cast<std::size_t>(std::count_if(
      lines.begin(), lines.end(), [&](const std::string& line) { return line.find(text) != std::string::npos; }));
}

/// A 100 A site (80 A for the charging, 2 % hysteresis, 4 Ah minimum charge) with two 32 A
/// three-phase stations and three 16 A single-phase ones, one per line. The building's load is
/// a stepped trace (below) and every vehicle wants less than its battery takes before the
/// taper, so every input of the controller is piecewise constant. Two management-page
/// commands: P2 set to Wait at 09:00:30, S1 given priority at 07:30.
const char* kStepSite = R"(name: direct-dlm-step
ews: {variant: "32", timezone: UTC}
run: {start: "2026-01-05T00:00", duration: 1d, seed: 7}
installation:
  gateways:
    - name: Local
      kind: local
      devices:
        - {name: Main, family: multifunction-meter, model: "4 120 53", address: 1,
           sim: {profile: building, powerFactor: 1, downstream: [P1, P2, S1, S2, S3]}}
        - {name: P1, family: charging-station, model: "0 590 14", address: 2, sim: {}}
        - {name: P2, family: charging-station, model: "0 590 14", address: 3, sim: {}}
        - {name: S1, family: charging-station, model: "0 590 10", address: 4, phase: L1, sim: {}}
        - {name: S2, family: charging-station, model: "0 590 10", address: 5, phase: L2, sim: {}}
        - {name: S3, family: charging-station, model: "0 590 10", address: 6, phase: L3, sim: {}}
loadProfiles:
  - {name: building, kind: constant, power: 0}
sessions:
  - {station: P1, arrival: "2026-01-05T06:30", departure: "2026-01-05T20:00", energyWanted: 30kWh, battery: 80, initialSoc: 20, maxPower: 22kW}
  - {station: P2, arrival: "2026-01-05T06:30:30", departure: "2026-01-05T18:00", energyWanted: 30kWh, battery: 80, initialSoc: 20, maxPower: 22kW}
  - {station: S1, arrival: "2026-01-05T07:00", departure: "2026-01-05T16:00", energyWanted: 12kWh, battery: 40, initialSoc: 30}
  - {station: S2, arrival: "2026-01-05T07:05:10", departure: "2026-01-05T09:40", energyWanted: 20kWh, battery: 60, initialSoc: 20}
  - {station: S3, arrival: "2026-01-05T07:20", departure: "2026-01-05T13:00", energyWanted: 9kWh, battery: 40, initialSoc: 25}
  - {station: P1, arrival: "2026-01-05T20:30", departure: "2026-01-05T23:30", energyWanted: 15kWh, battery: 60, initialSoc: 30, maxPower: 11kW}
dlm:
  on: true
  totalMeter: Main
  maxCurrent: 100
  maxChargingCurrent: 80
  hysteresis: 2%
  minCharge: 22Ah
  overrides:
    - {at: "2026-01-05T07:30", station: S1, priority: priority}
    - {at: "2026-01-05T09:00:30", station: P2, startWait: wait}
)";

/// The building's stepped trace (W, three-phase at unity power factor: 690 W per ampere per
/// line): quiet at night, a morning that pushes the site into red with five vehicles charging,
/// a lull, a second peak into red at 12:00 (87 A per line: with S1 on L1 at 16 A, L1 alone is
/// red; S1 at its second step, 8 A, brings it back) and its end at 12:30 where S1 is raised
/// again, and steps off the control grid (at 07:45:00.4).
ews::scenario::Scenario stepSite() {
  ews::scenario::Scenario scenario = ews::scenario::parseScenario(kStepSite);
  ews::scenario::LoadProfileSpec& building = scenario.loadProfiles.front();
  building.kind = ews::scenario::LoadProfileSpec::Kind::Trace;
  building.interpolation = ews::scenario::LoadProfileSpec::Interpolation::Step;
  building.traceEnd = ews::scenario::LoadProfileSpec::TraceEnd::Hold;
  building.traceOrigin = scenario.run.start;
  building.tracePointsW = {{ews::hours(0), 20700.0},
                           {ews::hours(6), 27600.0},
                           {ews::hours(7) + ews::minutes(45) + ews::milliseconds(400), 62100.0},
                           {ews::hours(9) + ews::minutes(10), 41400.0},
                           {ews::hours(11), 20700.0},
                           {ews::hours(12), 60030.0},
                           {ews::hours(12) + ews::minutes(30), 20700.0},
                           {ews::hours(14) + ews::seconds(17), 13800.0}};
  return scenario;
}

/// A direct run of `scenario` to its end, with what the tests compare.
struct DirectOutcome {
  std::vector<std::pair<std::string, double>> kpis;
  std::vector<std::string> events;
  std::vector<double> stationEnergiesWh;  ///< each station's counter at the end
  std::uint64_t decisions = 0;
};

DirectOutcome runDirect(const ews::scenario::Scenario& scenario, DirectMode mode,
                        const ews::site::RunOverrides& overrides = {}) {
  ews::site::SimulatedSite site(scenario, overrides);
  EventLog log;
  ews::site::DirectDlmRun run(site,
                              {.dlm = *ews::stack::dlmRunnerSettingsOf(site.scenario(), site.installation()),
                               .mode = mode},
                              &log);
  run.runToEnd();
  DirectOutcome outcome{ews::dlm::kpiColumns(run.finish()), log.lines, {}, run.decisions()};
  for (const ews::installation::Device* device : site.installation().devices()) {
    if (const auto* model = site.stationModel(*device)) {
      outcome.stationEnergiesWh.push_back(model->station().snapshotAt(site.end()).energyCounterWh);
    }
  }
  return outcome;
}

/// The KPIs as text, to 12 significant digits: the step-by-step run adds the same
/// piecewise-constant intervals one period at a time, so its sums (A.s above the maximum) may
/// differ from one product in the last bits.
std::string asText(const std::vector<std::pair<std::string, double>>& kpis) {
  std::string text;
  for (const auto& [name, value] : kpis) text += fmt::format("{}={:.12g}\n", name, value);
  return text;
}

double kpi(const std::vector<std::pair<std::string, double>>& kpis, const std::string& name) {
  for (const auto& [key, value] : kpis) {
    if (key == name) return value;
  }
  ADD_FAILURE() << "no KPI " << name;
  return std::nan("");
}

TEST(DirectDlm, CoalescedEqualsStepByStepWhenEveryInputIsPiecewiseConstant) {
  const ews::scenario::Scenario scenario = stepSite();
  const DirectOutcome step = runDirect(scenario, DirectMode::StepByStep);
  const DirectOutcome coalesced = runDirect(scenario, DirectMode::Coalesced);

  EXPECT_EQ(asText(coalesced.kpis), asText(step.kpis));
  EXPECT_EQ(coalesced.events, step.events);
  EXPECT_EQ(coalesced.stationEnergiesWh, step.stationEnergiesWh);  // bit for bit
  EXPECT_EQ(step.decisions, 86401u);  // every second of the day, both ends included
  EXPECT_LT(coalesced.decisions * 400, step.decisions) << coalesced.decisions;  // 116

  // The day exercises what coalescing must not miss: the hold time, reductions and stops in
  // red, raises, the management page's Wait, departures while charging.
  EXPECT_EQ(kpi(step.kpis, "sessions"), 6.0);
  EXPECT_GT(kpi(step.kpis, "red_s"), 0.0);
  EXPECT_GT(kpi(step.kpis, "yellow_s"), 0.0);
  EXPECT_GT(countOf(step.events, " reduced at "), 0u);
  EXPECT_GT(countOf(step.events, " raised at "), 0u) << fmt::format("{}", fmt::join(step.events, "\n"));
  EXPECT_GT(countOf(step.events, " stopped, "), 0u);
  EXPECT_GT(countOf(step.events, "-> red"), 0u);
  EXPECT_EQ(kpi(step.kpis, "sessions_stopped_before_min"), 0.0);
}

TEST(DirectDlm, SlicesDecideLikeOneRun) {
  const DirectOutcome whole = runDirect(stepSite(), DirectMode::Coalesced);
  ews::site::SimulatedSite site(stepSite());
  EventLog log;
  ews::site::DirectDlmRun run(site, {.dlm = *ews::stack::dlmRunnerSettingsOf(site.scenario(), site.installation())},
                              &log);
  for (const ews::Duration slice : {ews::hours(7) + ews::minutes(50), ews::hours(13) + ews::milliseconds(500)}) {
    run.runUntil(site.start() + slice);
  }
  run.runToEnd();
  EXPECT_EQ(log.lines, whole.events);
  EXPECT_EQ(asText(ews::dlm::kpiColumns(run.finish())), asText(whole.kpis));
  EXPECT_EQ(run.decisions(), whole.decisions);
}

ews::site::RunOverrides lasting(ews::Duration duration) {
  ews::site::RunOverrides overrides;
  overrides.duration = duration;
  return overrides;
}

const ews::scenario::Scenario& carpark40() {
  static const ews::scenario::Scenario scenario =
      ews::scenario::loadScenarioFile(std::string(EWS_SOURCE_DIR) + "/scenarios/carpark-40.yaml");
  return scenario;
}

TEST(DirectDlm, CoalescedFollowsStepByStepOnTheCarPark) {
  // Two busy days of the car park: 40 stations, a 15-minute building trace interpolated
  // linearly (coalesced: looked at again when it has moved by 1 %), vehicles that reach the
  // battery taper (stations report 1 % steps there). Within those tolerances the runs agree.
  const ews::site::RunOverrides twoDays = lasting(ews::days(2));
  const DirectOutcome step = runDirect(carpark40(), DirectMode::StepByStep, twoDays);
  const DirectOutcome coalesced = runDirect(carpark40(), DirectMode::Coalesced, twoDays);
  EXPECT_EQ(kpi(coalesced.kpis, "sessions"), kpi(step.kpis, "sessions"));
  EXPECT_EQ(kpi(coalesced.kpis, "sessions_stopped_by_dlm"), kpi(step.kpis, "sessions_stopped_by_dlm"));
  // A request is served as soon as its room exists, even behind one that cannot be (docs/dlm.md):
  // the order of service then follows the exact room, which the 1 % building tolerance moves.
  // Measured with those rules: 24 and 27 vehicles left early, 0.5 % on the energy, 4.6 % on the
  // mean wait, 264 s on the longest wait, 4.7 A on the peak (before them: the same count,
  // 0.01 %, 0.2 %, 1.6 A).
  EXPECT_NEAR(kpi(coalesced.kpis, "sessions_ended_early"), kpi(step.kpis, "sessions_ended_early"), 4.0);
  const auto near = [&](const std::string& name, double tolerance) {
    EXPECT_NEAR(kpi(coalesced.kpis, name), kpi(step.kpis, name), tolerance) << name;
  };
  near("energy_delivered_wh", 0.006 * kpi(step.kpis, "energy_delivered_wh"));
  near("mean_wait_s", 0.06 * kpi(step.kpis, "mean_wait_s"));
  near("max_wait_s", 400.0);
  near("peak_site_current_a", 6.0);  // the building's 1 % (of up to ~100 kW), a taper step, a start
  near("yellow_s", 0.005 * 2 * 86400.0);
  near("green_s", 0.005 * 2 * 86400.0);
  near("jain_index", 0.005);
  // Decisions: every second step by step, about one in 66 coalesced.
  EXPECT_EQ(step.decisions, 2u * 86400u + 1u);
  EXPECT_LT(coalesced.decisions * 30, step.decisions) << coalesced.decisions;
}

/// The DLM of the EWS stack polling the site over its SimLinks, as `ews run` composes it.
std::vector<std::pair<std::string, double>> runOverModbus(const ews::scenario::Scenario& scenario,
                                                         const ews::site::RunOverrides& overrides) {
  ews::site::SimulatedSite site(scenario, overrides);
  ews::site::SimulatedStack twin(site);
  twin.start();
  site.runToEnd();
  ews::dlm::RunKpis kpis = twin.ews().dlm()->kpis().finish(site.engine().now());
  ews::site::addGroundTruth(kpis, site);
  return ews::dlm::kpiColumns(kpis);
}

TEST(DirectDlm, StepByStepAgreesWithTheDlmOverModbus) {
  const ews::site::RunOverrides oneDay = lasting(ews::days(1));
  const auto modbus = runOverModbus(carpark40(), oneDay);
  const DirectOutcome direct = runDirect(carpark40(), DirectMode::StepByStep, oneDay);
  // Over Modbus the decision sees polls of the instant (stations read a few ms apart, the
  // total meter refreshed once a cycle) and a command reaches its station one transaction
  // later; directly everything is read and applied at the decision instant. Measured: 0.003 %
  // apart on 678 kWh, 2 s on the mean wait before requests were served wherever their room
  // exists (docs/dlm.md); since, 4.8 % on the mean wait (1 780 s vs 1 869 s): the order of
  // service follows the exact room, which the poll instants move.
  EXPECT_EQ(kpi(direct.kpis, "sessions"), kpi(modbus, "sessions"));
  EXPECT_NEAR(kpi(direct.kpis, "energy_delivered_wh"), kpi(modbus, "energy_delivered_wh"),
              0.02 * kpi(modbus, "energy_delivered_wh"));
  EXPECT_NEAR(kpi(direct.kpis, "mean_wait_s"), kpi(modbus, "mean_wait_s"), 0.07 * kpi(modbus, "mean_wait_s"));
  EXPECT_NEAR(kpi(direct.kpis, "peak_site_current_a"), kpi(modbus, "peak_site_current_a"), 1.0);
}

}  // namespace
