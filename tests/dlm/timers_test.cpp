// Hold, Waiting and Skip times (release notes, "DLM Improvement"), at the recommended 60 s,
// 90 s and 300 s. Hold: "the minimum time that the Energy Web Server waits before granting the
// authorization ... when this reports that is waiting for the charge". Waiting: "the maximum
// time that the Energy Web Server can continuously authorize the same ... station"; beyond it
// "the charging station will be skipped". Skip: "the minimum time in which the Energy Web
// Server will ignore a ... station that has been continuously authorized without success".
#include <gtest/gtest.h>

#include "dlm_test_support.hpp"

namespace ews::dlm::test {
namespace {

Settings recommendedTimes(std::vector<StationConfig> stations) {
  Settings settings = siteSettings(std::move(stations));
  settings.holdTime = seconds(60);
  settings.waitingTime = seconds(90);
  settings.skipTime = seconds(300);
  return settings;
}

TEST(DlmTimers, NothingRunsNoTimer) {
  Harness site(recommendedTimes({threePhase("A")}));
  EXPECT_EQ(site.controller.nextTimerAt(), kNever);
  site.decide(0);
  EXPECT_EQ(site.controller.nextTimerAt(), kNever);
}

TEST(DlmTimers, HoldTimeDelaysTheAuthorisation) {
  Harness site(recommendedTimes({threePhase("A")}));
  site.station(0, StationState::Waiting);
  EXPECT_EQ(site.decide(0), Strings{});
  EXPECT_EQ(site.controller.nextTimerAt(), at(60));
  EXPECT_EQ(site.decide(59), Strings{});
  EXPECT_EQ(site.decide(60), Strings{"start #0 32A"});
  EXPECT_EQ(site.controller.nextTimerAt(), at(65));  // the start settles; then the waiting time runs
  site.decide(65);
  EXPECT_EQ(site.controller.nextTimerAt(), at(150));
}

TEST(DlmTimers, WaitingTimeSkipsAStationThatDoesNotChargeAndSkipTimeIgnoresIt) {
  Harness site(recommendedTimes({threePhase("Postponed"), threePhase("Other")}));
  site.station(0, StationState::Waiting);  // its vehicle has postponed its charge
  site.decide(0);
  EXPECT_EQ(site.decide(60), Strings{"start #0 32A"});
  site.decide(65);
  site.station(1, StationState::Waiting);
  site.decide(100);
  EXPECT_EQ(site.controller.nextTimerAt(), at(150));  // before the other's hold ends (160 s)

  EXPECT_EQ(site.decide(149), Strings{});
  EXPECT_EQ(site.decide(150), Strings{"wait #0"});  // authorised 90 s without charging
  EXPECT_EQ(site.events, Strings{"skipped #0"});
  const SessionView& skipped = site.controller.session(0);
  EXPECT_FALSE(skipped.authorised);
  EXPECT_FALSE(skipped.waiting);
  EXPECT_EQ(skipped.skippedUntil, at(450));

  // The other station is served meanwhile and, charging, is never skipped.
  EXPECT_EQ(site.decide(160), Strings{"start #1 32A"});
  site.station(1, StationState::Charging, 32.0);
  EXPECT_EQ(site.decide(165), Strings{});
  EXPECT_EQ(site.events, Strings{"charging_began #1"});
  EXPECT_EQ(site.decide(300), Strings{});

  // Ignored until 450 s, then a request again, held like any new one.
  EXPECT_EQ(site.decide(449), Strings{});
  EXPECT_FALSE(site.controller.session(0).waiting);
  EXPECT_EQ(site.decide(450), Strings{});
  EXPECT_TRUE(site.controller.session(0).waiting);
  EXPECT_EQ(site.controller.session(0).waitingSince, at(450));
  EXPECT_EQ(site.controller.nextTimerAt(), at(510));
  EXPECT_EQ(site.decide(510), Strings{"start #0 32A"});
}

}  // namespace
}  // namespace ews::dlm::test
