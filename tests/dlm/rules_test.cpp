// The rules that keep the controller from taking more than it needs and from taking back what
// it gave (docs/dlm.md, "Settling, waiting first, no reversal"), each against the manual's
// text (7.16.5.1 and the release notes' Hold time): a second reduction only once the first has
// settled and been seen; waiting sessions first, "otherwise" raises; raises line by line
// wherever the room allows; no reversal of a level change within the hold time unless the zone
// changed meanwhile.
#include <gtest/gtest.h>

#include "dlm_test_support.hpp"

namespace ews::dlm::test {
namespace {

TEST(DlmRules, ASecondReductionWaitsUntilTheFirstHasSettledAndBeenSeen) {
  // "Control logics try to return the system in the yellow area reducing the charging current
  // of the processes in progress": one reduction is enough here, once it shows.
  Harness site(siteSettings({threePhase("A"), threePhase("B")}));
  site.station(0, StationState::Charging, 32.0, 1000.0);
  site.station(1, StationState::Charging, 32.0, 2000.0);  // more charge: reduced first
  site.others(40.0);                                      // 104 A: red
  EXPECT_EQ(site.decide(0), Strings{"setpoint #1 24A"});  // predicted 96 A
  // Two seconds later B already reads 24 A but the meter, polled at another instant, still
  // reads 104 A: the prediction says red, yet nothing is sent while B's command settles.
  site.station(1, StationState::Charging, 24.0, 2000.0);
  site.others(48.0);
  EXPECT_EQ(site.decide(2), Strings{});
  EXPECT_EQ(site.decide(4), Strings{});
  // Settled (5 s) and seen: still 104 A, so the next reduction goes out now.
  EXPECT_EQ(site.decide(5), Strings{"setpoint #0 24A"});
  EXPECT_EQ(site.events, Strings{"reduced #0 first_step 24A"});
}

TEST(DlmRules, WaitingRequestsKeepTheirRoomFromRaises) {
  // "If many charging processes are in waiting mode, control logic will promote the recovery
  // of the charging processes ...; otherwise, control logic will allow increasing the current
  // level of the charging processes already in progress."
  Settings settings = siteSettings({threePhase("A"), threePhase("B")});
  settings.holdTime = seconds(60);
  Harness site(settings);
  site.station(0, StationState::Charging, 32.0, 1000.0);
  site.others(70.0);  // 102 A: red, A to its first step
  EXPECT_EQ(site.decide(0), Strings{"setpoint #0 24A"});
  site.station(0, StationState::Charging, 24.0, 1000.0);
  // Green (64 A); B arrives and is held for 60 s. A to 32 A would leave 8 A, less than B's
  // second step (16 A): A stays, B's room is kept.
  site.others(40.0);
  site.station(1, StationState::Waiting);
  EXPECT_EQ(site.decide(10), Strings{});
  EXPECT_EQ(site.events, (Strings{"connected #1", "zone red->green"}));
  EXPECT_EQ(site.decide(40), Strings{});
  // Held no more: B starts at its second step in the room kept for it, A is not touched.
  EXPECT_EQ(site.decide(70), Strings{"start #1 16A"});
  EXPECT_EQ(site.events, Strings{"authorised #1 second_step 16A"});
}

TEST(DlmRules, RaisesWhereverTheRoomAllowsLineByLine) {
  // "... always promoting the first process previously reduced": on its own line. A on L1 was
  // reduced first and has no room; B on L2 has room and is raised.
  Harness site(siteSettings({singlePhase("A", 0), singlePhase("B", 1)}));
  site.station(0, StationState::Charging, 16.0, 2000.0);  // more charge: reduced first
  site.station(1, StationState::Charging, 16.0, 1000.0);
  site.others(90.0, 50.0, 50.0);  // L1 106 A: red
  // Full -> first step: A (L1 102 A), B; first -> second step: A (L1 98 A).
  EXPECT_EQ(site.decide(0), (Strings{"setpoint #0 8A", "setpoint #1 12A"}));
  site.station(0, StationState::Charging, 8.0, 2000.0);
  site.station(1, StationState::Charging, 12.0, 1000.0);
  site.others(72.0, 50.0, 50.0);  // L1 80 A, L2 62 A: green
  // A to 12 A would make L1 84 A; B to 16 A makes L2 66 A.
  EXPECT_EQ(site.decide(10), Strings{"setpoint #1 16A"});
  EXPECT_EQ(site.events, (Strings{"zone red->green", "raised #1 full 16A"}));
}

/// A (three-phase, charging at full) is lowered in green at 30 s to make room for B, whose
/// hold time ends then; B leaves at 31 s before it draws.
Harness loweredInGreenForARequestThatLeaves() {
  Settings settings = siteSettings({threePhase("A"), threePhase("B")});
  settings.holdTime = seconds(30);
  Harness site(settings);
  site.station(0, StationState::Charging, 32.0, 1000.0);
  site.others(40.0);  // 72 A
  site.station(1, StationState::Waiting);
  EXPECT_EQ(site.decide(0), Strings{});
  // B would make 88 A even at its second step: A gives 8 A (40 + 24 + 16 = 80 A).
  EXPECT_EQ(site.decide(30), Strings{"setpoint #0 24A"});
  site.station(0, StationState::Charging, 24.0, 1000.0);
  site.station(1, StationState::Available);
  return site;
}

TEST(DlmRules, NoRaiseWithinTheHoldTimeOfALoweringInTheSameZone) {
  // Hold time: "the minimum time that the Energy Web Server waits before granting"; a
  // setpoint taken and given back within it, with nothing changed on site, is flapping.
  Harness site = loweredInGreenForARequestThatLeaves();
  EXPECT_EQ(site.decide(31), Strings{});  // 64 A: A's 8 A more would fit, but not yet
  EXPECT_EQ(site.decide(45), Strings{});
  EXPECT_EQ(site.decide(60), Strings{"setpoint #0 32A"});  // the hold time is over
  EXPECT_EQ(site.events, Strings{"raised #0 full 32A"});
}

TEST(DlmRules, AZoneChangeLiftsTheNoReversalRule) {
  Harness site = loweredInGreenForARequestThatLeaves();
  site.others(58.0);  // 82 A: yellow; the site changed
  EXPECT_EQ(site.decide(35), Strings{});
  site.others(40.0);  // 64 A: green again, the lowering was made in another zone episode
  EXPECT_EQ(site.decide(36), Strings{"setpoint #0 32A"});
  EXPECT_EQ(site.events, (Strings{"zone yellow->green", "raised #0 full 32A"}));
}

TEST(DlmRules, NoLoweringOfARaiseWithinTheHoldTimeInTheSameZone) {
  // A raise followed, in the same green zone, by a request the user starts at once (8.3.2
  // Start ignores the hold time): the room is made on B, not by taking back A's raise.
  Settings settings = siteSettings({threePhase("A"), threePhase("B"), threePhase("C")});
  settings.holdTime = seconds(30);
  Harness site(settings);
  site.station(0, StationState::Charging, 32.0, 1000.0);
  site.station(1, StationState::Charging, 32.0, 500.0);
  site.others(40.0);  // 104 A: red; A has more charge, to 24 A
  EXPECT_EQ(site.decide(0), Strings{"setpoint #0 24A"});
  site.station(0, StationState::Charging, 24.0, 1000.0);
  site.others(20.0);  // 76 A: green; A back to 32 (84 A > 80 A: no)
  EXPECT_EQ(site.decide(10), Strings{});
  site.others(10.0);  // 66 A: A's 8 A fit
  EXPECT_EQ(site.decide(20), Strings{"setpoint #0 32A"});
  site.station(0, StationState::Charging, 32.0, 1000.0);
  site.station(2, StationState::Waiting);
  EXPECT_EQ(site.decide(26), Strings{});
  site.controller.setStartWait(2, StartWaitOverride::Start);
  // 74 A: C needs 16 A at least (90 A); A was raised 7 s ago in this green zone: B gives.
  EXPECT_EQ(site.decide(27), Strings{"setpoint #1 16A"});
  EXPECT_EQ(site.events, (Strings{"reduced #1 first_step 24A", "reduced #1 second_step 16A"}));
}

}  // namespace
}  // namespace ews::dlm::test
