// The DLM inside the EWS stack (stack::DlmRunner): observations come from the poller's
// measurements of the simulated total meter and stations, commands go out as Modbus register
// writes through the same lines, and the simulated vehicles follow after their response
// delay. The figures are worked out by hand from the manual's rules (docs/dlm.md) for a 100 A
// site with 80 A for the charging.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/site/simulated_stack.hpp"

namespace {

using ews::Time;

/// Keeps the DLM's events.
class EventLog final : public ews::recording::SampleSink {
 public:
  void onSamples(Time, std::span<const ews::recording::DeviceSample>) override {}
  void onEvent(const ews::recording::Event& event) override {
    if (event.kind.starts_with("dlm")) events.push_back(event);
  }
  bool has(const std::string& text) const {
    return std::any_of(events.begin(), events.end(),
                       [&](const ews::recording::Event& e) { return e.detail.find(text) != std::string::npos; });
  }
  std::vector<ews::recording::Event> events;
};

/// Other loads drawing `buildingW` until 01:00 and `laterW` after (three-phase, unity power
/// factor: 20 700 W is 30 A per line), and two 32 A three-phase stations whose vehicles arrive
/// at 00:10 and stay all day; their on-board chargers take 23 kW, so the station's setpoint is
/// what limits them. Hold time 60 s, settle time 5 s (the defaults).
std::string siteYaml(int buildingW, int laterW, const std::string& dlmExtra = "") {
  return fmt::format(R"(name: dlm-runner
ews: {{variant: "32", timezone: Europe/Paris}}
run: {{start: "2026-01-05T00:00", duration: 3h, seed: 7}}
installation:
  gateways:
    - name: Local
      kind: local
      devices:
        - {{name: Main, family: multifunction-meter, model: "4 120 53", address: 1,
           sim: {{profile: building, powerFactor: 1, downstream: [P1, P2]}}}}
        - {{name: P1, family: charging-station, model: "0 590 14", address: 2, sim: {{}}}}
        - {{name: P2, family: charging-station, model: "0 590 14", address: 3, sim: {{}}}}
loadProfiles:
  - {{name: building, kind: daily, points: [["00:00", {0}], ["00:59", {0}], ["01:00", {1}], ["24:00", {1}]]}}
sessions:
  - {{station: P1, arrival: "2026-01-05T00:10", departure: "2026-01-05T23:00", energyWanted: 80kWh, battery: 100, initialSoc: 10, maxPower: 23kW}}
  - {{station: P2, arrival: "2026-01-05T00:10", departure: "2026-01-05T23:00", energyWanted: 80kWh, battery: 100, initialSoc: 10, maxPower: 23kW}}
dlm:
  on: true
  totalMeter: Main
  maxCurrent: 100
  maxChargingCurrent: 80
{2})",
                     buildingW, laterW, dlmExtra);
}

/// The simulated site polled by the EWS stack with its DLM, as `ews run` composes it.
class DlmSite {
 public:
  explicit DlmSite(const std::string& yaml) : site_(ews::scenario::parseScenario(yaml)), twin_(site_) {
    twin_.ews().addSink(events);
    twin_.start();
  }
  void runTo(int minutes, int seconds = 0) {
    site_.runUntil(site_.start() + ews::minutes(minutes) + ews::seconds(seconds));
  }
  /// What the vehicle at `station` draws per phase now (ground truth).
  double currentA(const std::string& station) {
    const auto& device = *site_.installation().findDevice(station);
    return site_.stationModel(device)->station().snapshotAt(site_.engine().now()).currentPerPhaseA;
  }
  ews::stack::DlmRunner& dlm() { return *twin_.ews().dlm(); }
  Time at(int minutes) const { return site_.start() + ews::minutes(minutes); }
  ews::Duration controlPeriod() const { return site_.scenario().run.controlPeriod; }
  /// The back-off cap of a DLM-critical device: the longest a returning meter waits for its probe.
  ews::Duration probeInterval() { return twin_.ews().poller().settings().criticalMaxBackoff; }
  EventLog events;

 private:
  ews::site::SimulatedSite site_;
  ews::site::SimulatedStack twin_;
};

TEST(DlmOverModbus, VehiclesWaitForTheHoldTimeThenStartAtWhatFits) {
  // 30 A of other loads: P1 fits at 32 A (62 A); P2 then fits only at the second step,
  // 16 A (78 A <= 80 A; 24 A would give 86 A).
  DlmSite site(siteYaml(20700, 20700));
  site.runTo(10, 50);
  EXPECT_EQ(site.currentA("P1"), 0.0) << "authorised before the 60 s hold time";
  EXPECT_EQ(site.currentA("P2"), 0.0);
  site.runTo(11, 30);
  EXPECT_NEAR(site.currentA("P1"), 32.0, 1e-9);
  EXPECT_NEAR(site.currentA("P2"), 16.0, 1e-9);
  EXPECT_TRUE(site.events.has("'P1' authorised at full (32 A)")) << site.events.events.size();
  EXPECT_TRUE(site.events.has("'P2' authorised at second_step (16 A)"));
  EXPECT_EQ(site.dlm().failedCommands(), 0u);
}

TEST(DlmOverModbus, RedIsResolvedByReductionsWithinTheReactionTime) {
  // From 00:59 to 01:00 the other loads ramp up to 65 A: 65 + 32 + 16 = 113 A would be red.
  // P1 goes to the first step, then to the second: 65 + 16 + 16 = 97 A, yellow.
  DlmSite site(siteYaml(20700, 44850));
  site.runTo(59);
  ASSERT_NEAR(site.currentA("P1"), 32.0, 1e-9);
  site.runTo(60, 15);
  EXPECT_NEAR(site.currentA("P1"), 16.0, 1e-9);
  EXPECT_NEAR(site.currentA("P2"), 16.0, 1e-9);
  const ews::dlm::RunKpis kpis = site.dlm().kpis().finish(site.dlm().lastObservation().at);
  EXPECT_GT(kpis.overshootS, 0.0);
  // One control period to see it, the write, the vehicle's 2 s response, the next polls.
  EXPECT_LE(kpis.longestOvershootS, 6.0);
  // The controller follows the ramp: far less than the 13 A it would overshoot unmanaged.
  EXPECT_LT(kpis.overshootMaxA, 5.0);
  EXPECT_EQ(kpis.sessionsStoppedByDlm, 0);
  EXPECT_EQ(site.dlm().controller().zone(), ews::dlm::Zone::Yellow);
}

TEST(DlmOverModbus, SessionCommandsOfTheManagementPageReachTheController) {
  // 8.3.2 Wait on P1 at 00:30: the DLM stops its charge and P2, alone, rises to full.
  DlmSite site(siteYaml(20700, 20700,
                        "  overrides:\n"
                        "    - {at: \"2026-01-05T00:30\", station: P1, startWait: wait}\n"));
  site.runTo(29);
  ASSERT_NEAR(site.currentA("P1"), 32.0, 1e-9);
  site.runTo(31);
  EXPECT_EQ(site.currentA("P1"), 0.0);
  EXPECT_NEAR(site.currentA("P2"), 32.0, 1e-9);
  EXPECT_EQ(site.dlm().controller().session(0).startWait, ews::dlm::StartWaitOverride::Wait);
}

TEST(DlmOverModbus, ATotalMeterInCommunicationErrorAppliesTheFailSafe) {
  DlmSite site(siteYaml(20700, 20700,
                        "faults:\n"
                        "  - {kind: device-offline, target: Main, from: \"2026-01-05T00:30\", to: \"2026-01-05T00:40\"}\n"));
  site.runTo(29);
  ASSERT_NEAR(site.currentA("P1"), 32.0, 1e-9);
  site.runTo(32);
  EXPECT_TRUE(site.dlm().controller().failSafe());
  EXPECT_NEAR(site.currentA("P1"), 16.0, 1e-9) << "fail-safe: every running session at the second step";
  site.runTo(45);
  EXPECT_FALSE(site.dlm().controller().failSafe());
  // Raised again one level at a time, first reduced first: P2 (at the second step since it
  // started) to 24 A, P1 to 24 A (78 A); P2 at full would make 86 A > 80 A, so it stops there.
  EXPECT_NEAR(site.currentA("P1"), 24.0, 1e-9);
  EXPECT_NEAR(site.currentA("P2"), 24.0, 1e-9);
}

TEST(DlmOverModbus, TheFailSafeEndsWithinTwoControlPeriodsAndTheProbeIntervalOfTheMeterComingBack) {
  // Ten minutes offline: the ordinary back-off would have grown to minutes by then.
  DlmSite site(siteYaml(20700, 20700,
                        "faults:\n"
                        "  - {kind: device-offline, target: Main, from: \"2026-01-05T00:30\", to: \"2026-01-05T00:40\"}\n"));
  site.runTo(50);
  const auto failSafe = [&](bool on) {
    const std::string text = on ? "fail-safe on" : "fail-safe off";
    return std::find_if(site.events.events.begin(), site.events.events.end(),
                        [&](const ews::recording::Event& e) { return e.detail.find(text) != std::string::npos && e.at > site.at(29); });
  };
  ASSERT_NE(failSafe(true), site.events.events.end());
  const auto off = failSafe(false);
  ASSERT_NE(off, site.events.events.end());
  const ews::Time back = site.at(40);
  const ews::Duration bound = 2 * site.controlPeriod() + site.probeInterval();
  EXPECT_GE(off->at, back);
  EXPECT_LE(off->at - back, bound) << "fail-safe left " << ews::toSeconds(off->at - back) << " s after the meter came back";
}

}  // namespace
