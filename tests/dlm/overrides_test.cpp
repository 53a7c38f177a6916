// The management page's per-session settings (manual 8.3.2): Start / Wait and Normal /
// Priority "affect only the current charging process. They don't change the default
// parameters of the stations!"
#include <gtest/gtest.h>

#include "dlm_test_support.hpp"

namespace ews::dlm::test {
namespace {

TEST(DlmOverrides, WaitStopsARunningSessionAndHoldsItUntilReleased) {
  Settings settings = siteSettings({threePhase("A")});
  settings.holdTime = seconds(60);
  Harness site(settings);
  site.station(0, StationState::Charging, 32.0);
  site.decide(0);
  site.controller.setStartWait(0, StartWaitOverride::Wait);
  EXPECT_EQ(site.decide(10), Strings{"wait #0"});
  EXPECT_EQ(site.events, Strings{});  // the user's stop, not the DLM's
  EXPECT_TRUE(site.controller.session(0).waiting);
  EXPECT_EQ(site.controller.session(0).startWait, StartWaitOverride::Wait);

  site.station(0, StationState::Waiting);
  EXPECT_EQ(site.decide(16), Strings{});
  EXPECT_EQ(site.decide(100), Strings{});  // green, room, hold long over: still not authorised
  site.controller.setStartWait(0, StartWaitOverride::None);
  EXPECT_EQ(site.decide(101), Strings{"start #0 32A"});  // waiting since 10 s: hold elapsed
}

TEST(DlmOverrides, StartIgnoresTheHoldTimeButNotTheZones) {
  Settings settings = siteSettings({threePhase("A"), threePhase("B")});
  settings.holdTime = seconds(60);
  Harness site(settings);
  site.others(60.0);
  site.station(0, StationState::Waiting);
  site.station(1, StationState::Waiting);
  EXPECT_EQ(site.decide(0), Strings{});
  site.controller.setStartWait(1, StartWaitOverride::Start);
  // B at once, at the level that fits (60 + 16 = 76 A); A keeps its hold time.
  EXPECT_EQ(site.decide(1), Strings{"start #1 16A"});
}

TEST(DlmOverrides, PriorityAppliesToThisSessionOnly) {
  Harness site(siteSettings({threePhase("A"), threePhase("B")}));
  site.others(85.0);  // yellow: both queue
  site.station(0, StationState::Waiting);
  site.decide(0);
  site.station(1, StationState::Waiting);
  site.decide(10);
  site.controller.setSessionPriority(1, true);
  site.others(20.0);
  // B first although A waited longer: 52 A; A then at its first step (76 A).
  EXPECT_EQ(site.decide(20), (Strings{"start #1 32A", "start #0 24A"}));
  EXPECT_TRUE(site.controller.session(1).priority);
  EXPECT_FALSE(site.controller.settings().stations[1].priority);

  // The vehicle leaves: the next one at B has the station's default again.
  site.controller.setStartWait(1, StartWaitOverride::Wait);
  site.station(1, StationState::Available);
  site.decide(30);
  site.station(1, StationState::Waiting);
  site.decide(40);
  EXPECT_FALSE(site.controller.session(1).priority);
  EXPECT_EQ(site.controller.session(1).startWait, StartWaitOverride::None);
}

TEST(DlmOverrides, WithoutASessionThereIsNothingToOverride) {
  Harness site(siteSettings({threePhase("A")}));
  site.decide(0);
  site.controller.setStartWait(0, StartWaitOverride::Wait);  // nobody there
  site.station(0, StationState::Waiting);
  EXPECT_EQ(site.decide(10), Strings{"start #0 32A"});
  EXPECT_THROW(site.controller.setSessionPriority(1, true), std::out_of_range);
}

}  // namespace
}  // namespace ews::dlm::test
