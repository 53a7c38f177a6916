// The fail-safe (total meter unreadable) and the release notes' switches: "Load control" OFF
// ("it will be assumed to have infinite current available for charging") and "Control logic"
// OFF (no "granting/denying charging authorizations and managing the current reduction steps").
#include <gtest/gtest.h>

#include "dlm_test_support.hpp"

namespace ews::dlm::test {
namespace {

TEST(DlmModes, FailSafeLowersRunningSessionsOnceAndAuthorisesNothingUntilTheMeterReturns) {
  Harness site(siteSettings({threePhase("A"), threePhase("B"), threePhase("C")}));
  site.station(0, StationState::Charging, 32.0);
  site.station(1, StationState::Charging, 32.0);
  EXPECT_EQ(site.decide(0), Strings{});  // 64 A, green

  site.meterReadable(false);
  EXPECT_EQ(site.decide(10), (Strings{"setpoint #0 16A", "setpoint #1 16A"}));
  EXPECT_EQ(site.events, (Strings{"fail_safe on", "reduced #0 second_step 16A", "reduced #1 second_step 16A"}));
  EXPECT_TRUE(site.controller.failSafe());
  site.station(0, StationState::Charging, 16.0);
  site.station(1, StationState::Charging, 16.0);
  site.station(2, StationState::Waiting);
  EXPECT_EQ(site.decide(11), Strings{});  // no new authorisation, no second reduction
  EXPECT_EQ(site.events, Strings{"connected #2"});
  site.others(200.0);  // unseen: no stop on a guess
  EXPECT_EQ(site.decide(12), Strings{});

  // The meter is back (32 A): C starts (64 A), A and B go up one step each (72, 80 A).
  site.others(0.0);
  site.meterReadable(true);
  EXPECT_EQ(site.decide(20), (Strings{"start #2 32A", "setpoint #0 24A", "setpoint #1 24A"}));
  EXPECT_EQ(site.events, (Strings{"fail_safe off", "authorised #2 full 32A", "raised #0 first_step 24A",
                                  "raised #1 first_step 24A"}));
  EXPECT_FALSE(site.controller.failSafe());
  EXPECT_EQ(site.controller.zone(), Zone::Green);
}

TEST(DlmModes, LoadControlOffMeansInfiniteCurrentAndNoFailSafe) {
  Settings settings = siteSettings({threePhase("A"), threePhase("B"), threePhase("C")});
  Harness site(settings);
  site.others(150.0);
  site.decide(0);
  EXPECT_EQ(site.events, Strings{"zone green->red"});
  for (std::size_t i = 0; i < 3; ++i) site.station(i, StationState::Waiting);
  EXPECT_EQ(site.decide(1), Strings{});  // red: nobody starts

  settings.loadControl = false;
  site.controller.setSettings(settings);
  EXPECT_EQ(site.decide(2), (Strings{"start #0 32A", "start #1 32A", "start #2 32A"}));  // 246 A on each line
  EXPECT_EQ(site.events, (Strings{"zone red->green", "authorised #0 full 32A", "authorised #1 full 32A",
                                  "authorised #2 full 32A"}));
  site.meterReadable(false);
  EXPECT_EQ(site.decide(3), Strings{});
  EXPECT_EQ(site.events, Strings{});
  EXPECT_FALSE(site.controller.failSafe());
}

TEST(DlmModes, ControlLogicOffCommandsNothingButStillTracksSessionsAndZones) {
  Settings settings = siteSettings({threePhase("A"), threePhase("B")});
  settings.controlLogic = false;
  Harness site(settings);
  site.station(0, StationState::Waiting);
  site.station(1, StationState::Charging, 32.0);
  EXPECT_EQ(site.decide(0), Strings{});  // green, a request: not granted
  EXPECT_EQ(site.events, (Strings{"connected #0", "connected #1", "charging_began #1"}));
  site.others(90.0);  // 122 A
  EXPECT_EQ(site.decide(10), Strings{});
  EXPECT_EQ(site.events, Strings{"zone green->red"});
  site.meterReadable(false);
  EXPECT_EQ(site.decide(20), Strings{});
  EXPECT_EQ(site.events, Strings{});

  // Switched on: B, found charging, is managed like any running session.
  settings.controlLogic = true;
  site.controller.setSettings(settings);
  site.meterReadable(true);
  EXPECT_EQ(site.decide(30), Strings{"setpoint #1 16A"});
  EXPECT_EQ(site.events, (Strings{"reduced #1 first_step 24A", "reduced #1 second_step 16A"}));
}

}  // namespace
}  // namespace ews::dlm::test
