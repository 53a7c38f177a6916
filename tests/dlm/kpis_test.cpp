// The run KPIs: time-weighted zone times and overshoot from the decisions' observations,
// session figures from the controller's events, Jain's fairness index.
#include "ews/dlm/kpis.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "dlm_test_support.hpp"

namespace ews::dlm::test {
namespace {

Observation meterAt(std::int64_t s, double worstA, bool valid = true) {
  Observation obs;
  obs.at = at(s);
  obs.meter.valid = valid;
  obs.meter.currentsA = {worstA, worstA / 2, 0.0};
  return obs;
}

TEST(DlmKpis, TimeInZonesIsAttributedToTheZoneInForce) {
  KpiCollector kpis(siteSettings({}));
  kpis.onDecision(meterAt(0, 50.0), Zone::Green, /*sessionsHeldBack=*/false);
  kpis.onDecision(meterAt(10, 85.0), Zone::Yellow, /*sessionsHeldBack=*/false);
  kpis.onDecision(meterAt(25, 99.0), Zone::Red, /*sessionsHeldBack=*/false);  // red by hysteresis, under the maximum
  kpis.onDecision(meterAt(30, 50.0), Zone::Green, /*sessionsHeldBack=*/false);
  kpis.onDecision(meterAt(40, 0.0, /*valid=*/false), Zone::Green, /*sessionsHeldBack=*/false);
  const RunKpis run = kpis.finish(at(52));
  EXPECT_DOUBLE_EQ(run.greenS, 20.0);  // [0, 10) and [30, 40)
  EXPECT_DOUBLE_EQ(run.yellowS, 15.0);
  EXPECT_DOUBLE_EQ(run.redS, 5.0);
  EXPECT_DOUBLE_EQ(run.failSafeS, 12.0);  // meter unreadable: no zone
  EXPECT_DOUBLE_EQ(run.overshootS, 0.0);
  EXPECT_DOUBLE_EQ(run.peakSiteCurrentA, 99.0);
}

TEST(DlmKpis, OvershootAmountDurationAndLongestEpisode) {
  KpiCollector kpis(siteSettings({}));  // 100 A maximum
  kpis.onDecision(meterAt(0, 90.0), Zone::Yellow, /*sessionsHeldBack=*/false);
  kpis.onDecision(meterAt(10, 110.0), Zone::Red, /*sessionsHeldBack=*/false);
  kpis.onDecision(meterAt(15, 120.0), Zone::Red, /*sessionsHeldBack=*/false);
  kpis.onDecision(meterAt(20, 95.0), Zone::Red, /*sessionsHeldBack=*/false);
  kpis.onDecision(meterAt(30, 105.0), Zone::Red, /*sessionsHeldBack=*/false);
  const RunKpis run = kpis.finish(at(32));
  EXPECT_DOUBLE_EQ(run.overshootS, 12.0);                          // [10, 20) and [30, 32)
  EXPECT_DOUBLE_EQ(run.overshootAs, 10.0 * 5 + 20.0 * 5 + 5.0 * 2);  // 160 A.s
  EXPECT_DOUBLE_EQ(run.longestOvershootS, 10.0);
  EXPECT_DOUBLE_EQ(run.overshootMaxA, 20.0);
  EXPECT_DOUBLE_EQ(run.peakSiteCurrentA, 120.0);
  EXPECT_DOUBLE_EQ(run.redS, 22.0);
}

TEST(DlmKpis, HeadroomUnusedCountsOnlyWhileSessionsAreHeldBack) {
  KpiCollector kpis(siteSettings({}));  // 80 A charging threshold
  kpis.onDecision(meterAt(0, 50.0), Zone::Green, /*sessionsHeldBack=*/false);   // nobody waits: free room
  kpis.onDecision(meterAt(10, 60.0), Zone::Green, /*sessionsHeldBack=*/true);   // 20 A unused for 5 s
  kpis.onDecision(meterAt(15, 90.0), Zone::Yellow, /*sessionsHeldBack=*/true);  // above: no headroom
  kpis.onDecision(meterAt(20, 0.0, /*valid=*/false), Zone::Yellow, /*sessionsHeldBack=*/true);  // unknown
  kpis.onDecision(meterAt(30, 75.0), Zone::Green, /*sessionsHeldBack=*/true);   // 5 A for 10 s
  const RunKpis run = kpis.finish(at(40));
  EXPECT_DOUBLE_EQ(run.headroomUnusedAs, 20.0 * 5 + 5.0 * 10);
  EXPECT_DOUBLE_EQ(run.heldBackS, 5.0 + 5.0 + 10.0);  // [10, 20) and [30, 40)
}

TEST(DlmKpis, JainIndexOfEqualAndUnequalShares) {
  const std::vector<double> equal = {0.8, 0.8, 0.8};
  const std::vector<double> oneTakesAll = {1.0, 0.0, 0.0, 0.0};
  const std::vector<double> twoToOne = {1.0, 0.5};
  EXPECT_DOUBLE_EQ(jainIndex(equal), 1.0);
  EXPECT_DOUBLE_EQ(jainIndex(oneTakesAll), 0.25);  // 1/n
  EXPECT_DOUBLE_EQ(jainIndex(twoToOne), 0.9);      // 1.5^2 / (2 x 1.25)
  EXPECT_TRUE(std::isnan(jainIndex({})));
  EXPECT_DOUBLE_EQ(jainIndex(std::vector<double>{0.0, 0.0}), 1.0);
}

TEST(DlmKpis, JainIndexOverSessionsNormalisesByTheRating) {
  // A 32 A station at its rating for an hour and a 16 A one at half of it: shares 1 and 0.5.
  Settings settings = siteSettings({threePhase("3P"), singlePhase("1P", 0)});
  KpiCollector kpis(settings);
  for (const std::size_t station : {0u, 1u}) {
    kpis.onEvent({.at = at(0), .kind = DlmEvent::Kind::Connected, .station = station});
  }
  Observation obs = meterAt(0, 40.0);
  obs.stations.resize(2);
  kpis.onDecision(obs, Zone::Green, /*sessionsHeldBack=*/false);
  obs.at = at(3600);
  obs.stations[0] = {StationState::Charging, {32.0, 32.0, 32.0}, 3 * 230.0 * 32.0};
  obs.stations[1] = {StationState::Charging, {8.0, 0.0, 0.0}, 230.0 * 8.0};
  kpis.onDecision(obs, Zone::Green, /*sessionsHeldBack=*/false);
  const RunKpis run = kpis.finish(at(3600));
  ASSERT_EQ(kpis.sessions().size(), 2u);
  EXPECT_DOUBLE_EQ(kpis.sessions()[0].chargeAh, 32.0);
  EXPECT_TRUE(kpis.sessions()[0].minReached);
  EXPECT_DOUBLE_EQ(kpis.sessions()[1].chargeAh, 8.0);
  EXPECT_DOUBLE_EQ(run.jainIndex, 0.9);
  EXPECT_DOUBLE_EQ(run.energyDeliveredWh, 22080.0 + 1840.0);
}

TEST(DlmKpis, SessionFiguresFromARunAndNoStopBeforeTheMinimum) {
  Harness site(siteSettings({threePhase("A"), threePhase("B")}));
  KpiCollector kpis(site.controller.settings());
  site.controller.setEventSink([&](const DlmEvent& e) { kpis.onEvent(e); });
  const auto decide = [&](std::int64_t s) {
    site.decide(s);
    kpis.onDecision(site.obs, site.controller.zone(), site.controller.sessionsHeldBack());
  };
  site.station(0, StationState::Charging, 32.0, 25000.0);  // 36.2 Ah: may be stopped
  site.station(1, StationState::Waiting);
  decide(0);  // B authorised at once
  site.station(1, StationState::Charging, 32.0, 1000.0);
  decide(30);
  site.others(60.0);  // 124 A: A to 24 then 16 A, B to 24 A
  decide(60);
  site.station(0, StationState::Charging, 16.0, 25000.0);
  site.station(1, StationState::Charging, 24.0, 1000.0);
  decide(66);  // 100 A: yellow
  site.others(80.0);  // 120 A: B to 16 A
  decide(70);
  site.station(1, StationState::Charging, 16.0, 1000.0);
  decide(76);  // 112 A, settled: A is stopped; B (1.4 Ah) never
  site.station(0, StationState::Waiting, 0.0, 25000.0);
  decide(82);  // 96 A: yellow
  site.station(0, StationState::Available, 0.0, 25000.0);
  decide(100);
  const RunKpis run = kpis.finish(at(120));

  ASSERT_EQ(kpis.sessions().size(), 2u);
  const SessionKpis& a = kpis.sessions()[0];
  EXPECT_EQ(a.station, 0u);
  EXPECT_EQ(a.connectedAt, at(0));
  EXPECT_EQ(a.endedAt, at(100));
  EXPECT_EQ(a.firstChargingAt, at(0));
  EXPECT_DOUBLE_EQ(a.waitS, 0.0);
  EXPECT_DOUBLE_EQ(a.energyWh, 25000.0);
  EXPECT_NEAR(a.chargeAh, 25000.0 / 690.0, 1e-9);
  EXPECT_TRUE(a.minReached);
  EXPECT_EQ(a.reductions, 2);
  EXPECT_EQ(a.stops, 1);
  EXPECT_EQ(a.stoppedBeforeMin, 0);
  const SessionKpis& b = kpis.sessions()[1];
  EXPECT_EQ(b.endedAt, kNever);
  EXPECT_EQ(b.firstChargingAt, at(30));
  EXPECT_DOUBLE_EQ(b.waitS, 30.0);
  EXPECT_EQ(b.reductions, 2);
  EXPECT_EQ(b.stops, 0);
  EXPECT_FALSE(b.minReached);

  EXPECT_EQ(run.sessions, 2);
  EXPECT_EQ(run.sessionsStoppedByDlm, 1);
  EXPECT_EQ(run.sessionsStoppedBeforeMin, 0);
  EXPECT_DOUBLE_EQ(run.meanWaitS, 15.0);
  EXPECT_DOUBLE_EQ(run.maxWaitS, 30.0);
  EXPECT_DOUBLE_EQ(run.energyDeliveredWh, 26000.0);
  EXPECT_DOUBLE_EQ(run.greenS, 60.0);
  EXPECT_DOUBLE_EQ(run.redS, 18.0);     // [60, 66) and [70, 82)
  EXPECT_DOUBLE_EQ(run.yellowS, 42.0);  // [66, 70) and [82, 120)
  EXPECT_DOUBLE_EQ(run.overshootS, 18.0);
  EXPECT_DOUBLE_EQ(run.overshootAs, 24.0 * 6 + 20.0 * 6 + 12.0 * 6);
  EXPECT_DOUBLE_EQ(run.longestOvershootS, 12.0);
  EXPECT_DOUBLE_EQ(run.peakSiteCurrentA, 124.0);
  EXPECT_TRUE(std::isnan(run.energyRequestedWh));  // for the runner to fill
  EXPECT_EQ(run.sessionsEndedEarly, -1);
}

TEST(DlmKpis, AStopBeforeTheMinimumWouldBeCounted) {
  // The controller never does it (previous test); the KPI must still see one if it happened.
  KpiCollector kpis(siteSettings({threePhase("A")}));
  kpis.onEvent({.at = at(0), .kind = DlmEvent::Kind::Connected, .station = 0});
  kpis.onEvent({.at = at(9), .kind = DlmEvent::Kind::Stopped, .station = 0, .chargeAh = 10.0});
  EXPECT_EQ(kpis.sessions()[0].stoppedBeforeMin, 1);
  EXPECT_EQ(kpis.finish(at(10)).sessionsStoppedBeforeMin, 1);
}

TEST(DlmKpis, ColumnsHaveStableSnakeCaseNames) {
  RunKpis run;
  run.redS = 12.5;
  const auto columns = kpiColumns(run);
  Strings names;
  for (const auto& [name, value] : columns) names.push_back(name);
  EXPECT_EQ(names, (Strings{"sessions", "energy_delivered_wh", "sessions_stopped_by_dlm",
                            "sessions_stopped_before_min", "mean_wait_s", "max_wait_s", "green_s", "yellow_s",
                            "red_s", "fail_safe_s", "peak_site_current_a", "overshoot_max_a", "overshoot_as",
                            "overshoot_s", "longest_overshoot_s", "headroom_unused_as", "held_back_s", "jain_index", "energy_requested_wh",
                            "energy_unmet_wh", "sessions_ended_early"}));
  EXPECT_DOUBLE_EQ(columns[8].second, 12.5);
  EXPECT_DOUBLE_EQ(columns.back().second, -1.0);
}

}  // namespace
}  // namespace ews::dlm::test
