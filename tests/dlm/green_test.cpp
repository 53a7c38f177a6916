// Green zone (manual 7.16.5.1): "each new charge request is authorized"; coming back from a
// higher zone, waiting processes recover first, the longest waiting first (priority stations
// ahead, 7.16.5.2); with none waiting, reduced processes are raised, "always promoting the
// first process previously reduced".
#include <gtest/gtest.h>

#include "dlm_test_support.hpp"

namespace ews::dlm::test {
namespace {

TEST(DlmGreen, AuthorisesPriorityThenLongestWaitingAtTheHighestLevelThatFits) {
  Harness site(siteSettings({threePhase("A"), threePhase("B"), threePhase("C", /*priority=*/true)}));
  site.others(85.0);  // yellow: the requests queue up
  EXPECT_EQ(site.decide(0), Strings{});
  EXPECT_EQ(site.events, Strings{"zone green->yellow"});
  site.station(0, StationState::Waiting);
  EXPECT_EQ(site.decide(10), Strings{});
  site.station(1, StationState::Waiting);
  EXPECT_EQ(site.decide(20), Strings{});
  site.station(2, StationState::Waiting);
  EXPECT_EQ(site.decide(30), Strings{});
  EXPECT_EQ(site.events, Strings{"connected #2"});

  // The other loads stop: green. C (priority) first, then A (waiting since 10 s) and B (20 s).
  // C 32 A -> 32 A, A 32 A -> 64 A; B: 96 and 88 A exceed 80 A, its second step (16 A) fits.
  site.others(0.0);
  EXPECT_EQ(site.decide(40), (Strings{"start #2 32A", "start #0 32A", "start #1 16A"}));
  EXPECT_EQ(site.events, (Strings{"zone yellow->green", "authorised #2 full 32A", "authorised #0 full 32A",
                                  "authorised #1 second_step 16A"}));
  EXPECT_EQ(site.controller.session(1).level, Level::SecondStep);
  EXPECT_EQ(site.controller.session(1).reducedAt, at(40));  // started reduced: raised like any reduced one
  EXPECT_FALSE(site.controller.session(1).waiting);
  EXPECT_TRUE(site.controller.session(1).authorised);
}

TEST(DlmGreen, KeepsTheOrderWhileRoomIsMadeForTheFirstRequest) {
  // A (three-phase) waits first and does not fit on L1; lowering C makes room for it. B
  // (single-phase, L2), which would fit, waits behind A meanwhile.
  Harness site(siteSettings({threePhase("A"), singlePhase("B", /*L2*/ 1), threePhase("C")}));
  site.others(40.0, 20.0, 40.0);
  site.station(2, StationState::Charging, 32.0, 1000.0);  // L1 72 A
  site.station(0, StationState::Waiting);
  site.station(1, StationState::Waiting);
  // A: 104, 96, 88 A on L1; with C at 24 A its second step fits (80 A).
  EXPECT_EQ(site.decide(0), Strings{"setpoint #2 24A"});
  site.station(2, StationState::Charging, 24.0, 1000.0);
  // Settled: A starts at its second step (L1 80 A), then B at full on L2 (20 + 24 + 16 + 16 = 76 A).
  EXPECT_EQ(site.decide(10), (Strings{"start #0 16A", "start #1 16A"}));
}

TEST(DlmGreen, ARequestNoReductionCanServeDoesNotHoldBackTheNext) {
  // A three-phase request waits first; L1 has room for none of its levels and nothing runs
  // that could be lowered: it waits for a departure. A single-phase request behind it, on L2
  // where there is room, is served meanwhile instead of leaving that room idle.
  Harness site(siteSettings({threePhase("A"), singlePhase("B", /*L2*/ 1)}));
  site.others(70.0, 50.0, 70.0);
  site.station(0, StationState::Waiting);
  EXPECT_EQ(site.decide(0), Strings{});  // 70 + 16 = 86 A > 80 A on L1 and L3
  site.station(1, StationState::Waiting);
  EXPECT_EQ(site.decide(10), Strings{"start #1 16A"});  // L2: 50 + 16 = 66 A
  EXPECT_EQ(site.events, (Strings{"connected #1", "authorised #1 full 16A"}));
}

TEST(DlmGreen, RaisesTheFirstReducedFirstAndNobodyOvertakesIt) {
  Harness site(siteSettings({threePhase("A"), threePhase("B")}));
  site.others(30.0);
  site.station(0, StationState::Charging, 32.0, 1000.0);
  site.station(1, StationState::Charging, 32.0, 2000.0);  // more charge: reduced first
  EXPECT_EQ(site.decide(0), Strings{});
  EXPECT_EQ(site.events, (Strings{"connected #0", "charging_began #0", "connected #1", "charging_began #1",
                                  "zone green->yellow"}));

  site.others(40.0);  // 104 A: red; B to 24 A gives 96 A
  EXPECT_EQ(site.decide(10), Strings{"setpoint #1 24A"});
  EXPECT_EQ(site.events, (Strings{"zone yellow->red", "reduced #1 first_step 24A"}));
  site.station(1, StationState::Charging, 24.0, 2000.0);
  site.others(50.0);  // 32 + 24 + 50 = 106 A: red; A to 24 A gives 98 A
  EXPECT_EQ(site.decide(20), Strings{"setpoint #0 24A"});
  site.station(0, StationState::Charging, 24.0, 1000.0);

  // 24 + 24 + 20 = 68 A: green. B, reduced first, goes back to 32 A (76 A); A would make it
  // 84 A: it waits, and nothing is raised past it.
  site.others(20.0);
  EXPECT_EQ(site.decide(30), Strings{"setpoint #1 32A"});
  EXPECT_EQ(site.events, (Strings{"zone red->green", "raised #1 full 32A"}));
  site.station(1, StationState::Charging, 32.0, 2000.0);
  site.others(10.0);  // 32 + 24 + 10 = 66 A: A's 8 A more fits
  EXPECT_EQ(site.decide(40), Strings{"setpoint #0 32A"});
  EXPECT_EQ(site.events, Strings{"raised #0 full 32A"});
}

}  // namespace
}  // namespace ews::dlm::test
