// Yellow and red zones (manual 7.16.5.1). Yellow: "If there is a charge request in waiting
// status, control logics try to return the system in the green area by reducing the charging
// current of the processes already in progress". Red: reduce "according to the reduction
// steps"; "If all charging currents have been reduced at the second reduction step, and the
// system remains in the red area, control logics begin to stop the processes in progress
// starting from the non-priority station connected for the longest time, which has already
// received the minimum guaranteed charging quantity."
#include <gtest/gtest.h>

#include "dlm_test_support.hpp"

namespace ews::dlm::test {
namespace {

// Session energies of three-phase sessions (Ah = Wh / (230 V x 3)).
constexpr double k7AhWh = 5000.0;    // 7.2 Ah: under the 32 Ah minimum
constexpr double k14AhWh = 10000.0;  // 14.5 Ah
constexpr double k36AhWh = 25000.0;  // 36.2 Ah: over the minimum
constexpr double k43AhWh = 30000.0;  // 43.5 Ah

TEST(DlmYellow, MakesRoomForTheWaitingRequestPassByPassThenAuthorisesIt) {
  Harness site(siteSettings({threePhase("A"), threePhase("B"), threePhase("C")}));
  site.others(20.0);
  site.station(0, StationState::Charging, 32.0, k14AhWh);
  site.station(1, StationState::Charging, 32.0, k7AhWh);
  EXPECT_EQ(site.decide(0), Strings{});  // 84 A: yellow, nobody waits: sessions continue
  EXPECT_EQ(site.controller.zone(), Zone::Yellow);

  // C waits: room for its second step (16 A) means 64 A or less. Everyone to the first step
  // first (A, with more charge, then B: 76, 68 A), then A to the second step: 60 A.
  site.station(2, StationState::Waiting);
  EXPECT_EQ(site.decide(10), (Strings{"setpoint #0 16A", "setpoint #1 24A"}));  // one write per station
  EXPECT_EQ(site.events, (Strings{"connected #2", "reduced #0 first_step 24A", "reduced #1 first_step 24A",
                                  "reduced #0 second_step 16A"}));

  // One second later the vehicles have not followed yet (the meter still reads 84 A): the
  // prediction (60 A) is back in green, but nothing more is given while the reductions settle.
  EXPECT_EQ(site.decide(11), Strings{});
  EXPECT_EQ(site.events, (Strings{"zone yellow->green"}));

  // Settled (5 s): the vehicles follow, 60 A measured. C starts at its second step (76 A), and
  // nobody is raised (A's next step would make 84 A).
  site.station(0, StationState::Charging, 16.0, k14AhWh);
  site.station(1, StationState::Charging, 24.0, k7AhWh);
  EXPECT_EQ(site.decide(15), Strings{"start #2 16A"});
  EXPECT_EQ(site.events, (Strings{"authorised #2 second_step 16A"}));
}

TEST(DlmRed, FirstStepThenSecondStepThenStopsTheLongestConnectedWithItsMinimumNeverBelow) {
  Harness site(siteSettings({threePhase("A"), threePhase("B"), threePhase("C")}));
  site.station(0, StationState::Charging, 32.0, k36AhWh);
  site.decide(0);
  site.station(1, StationState::Charging, 32.0, k43AhWh);
  site.decide(10);
  site.station(2, StationState::Charging, 32.0, k7AhWh);
  site.decide(20);
  EXPECT_EQ(site.controller.zone(), Zone::Yellow);  // 96 A

  // 116 A: red. First steps, most charge first: B (108 A), A (100 A): back out of red.
  site.others(20.0);
  EXPECT_EQ(site.decide(100), (Strings{"setpoint #1 24A", "setpoint #0 24A"}));
  EXPECT_EQ(site.events, (Strings{"zone yellow->red", "reduced #1 first_step 24A", "reduced #0 first_step 24A"}));
  site.station(0, StationState::Charging, 24.0, k36AhWh);
  site.station(1, StationState::Charging, 24.0, k43AhWh);
  EXPECT_EQ(site.decide(106), Strings{});  // 100 A
  EXPECT_EQ(site.events, Strings{"zone red->yellow"});

  // 120 A: C to its first step (112 A), then second steps, most charge first: B, A (96 A).
  site.others(40.0);
  EXPECT_EQ(site.decide(110), (Strings{"setpoint #2 24A", "setpoint #1 16A", "setpoint #0 16A"}));
  EXPECT_EQ(site.events, (Strings{"zone yellow->red", "reduced #2 first_step 24A", "reduced #1 second_step 16A",
                                  "reduced #0 second_step 16A"}));
  site.station(0, StationState::Charging, 16.0, k36AhWh);
  site.station(1, StationState::Charging, 16.0, k43AhWh);
  site.station(2, StationState::Charging, 24.0, k7AhWh);

  // 116 A: C to its second step (108 A): everyone at the second step, still red, but the
  // reduction is on its way: no stop yet.
  site.others(60.0);
  EXPECT_EQ(site.decide(116), Strings{"setpoint #2 16A"});
  site.station(2, StationState::Charging, 16.0, k7AhWh);

  // Settled at 148 A: stop A (connected longest, 36 Ah: 132 A), then B (116 A). C has 7 Ah:
  // never stopped, although the site stays red.
  site.others(100.0);
  EXPECT_EQ(site.decide(122), (Strings{"wait #0", "wait #1"}));
  EXPECT_EQ(site.events, (Strings{"stopped #0", "stopped #1"}));
  for (const DlmEvent& e : site.raw) EXPECT_GE(e.chargeAh, 32.0);
  EXPECT_TRUE(site.controller.session(0).waiting);  // a request again, waiting since the stop
  EXPECT_EQ(site.controller.session(0).waitingSince, at(122));
  site.station(0, StationState::Waiting, 0.0, k36AhWh);
  site.station(1, StationState::Waiting, 0.0, k43AhWh);
  EXPECT_EQ(site.decide(128), Strings{});  // 116 A, red, only C left: below its minimum
  EXPECT_EQ(site.controller.zone(), Zone::Red);
  EXPECT_TRUE(site.controller.session(2).authorised);
}

TEST(DlmRed, ReducesNonPriorityFullyBeforePriorityAndStopsThemFirst) {
  Harness site(siteSettings({threePhase("P", /*priority=*/true), threePhase("N")}));
  site.station(0, StationState::Charging, 32.0, k36AhWh);  // priority, connected first
  site.decide(0);
  site.station(1, StationState::Charging, 32.0, k36AhWh);
  site.decide(10);

  // 124 A: N to its first step (116 A) and second step (108 A) before P is touched (100 A).
  site.others(60.0);
  EXPECT_EQ(site.decide(20), (Strings{"setpoint #1 16A", "setpoint #0 24A"}));
  EXPECT_EQ(site.events, (Strings{"zone green->red", "reduced #1 first_step 24A", "reduced #1 second_step 16A",
                                  "reduced #0 first_step 24A"}));
  site.station(0, StationState::Charging, 24.0, k36AhWh);
  site.station(1, StationState::Charging, 16.0, k36AhWh);
  site.others(70.0);  // 110 A
  EXPECT_EQ(site.decide(26), Strings{"setpoint #0 16A"});
  site.station(0, StationState::Charging, 16.0, k36AhWh);

  // 102 A, settled: N is stopped although P has been connected longer.
  EXPECT_EQ(site.decide(32), Strings{"wait #1"});
  site.station(1, StationState::Waiting, 0.0, k36AhWh);
  site.others(90.0);  // 106 A: then P, which has its minimum
  EXPECT_EQ(site.decide(38), Strings{"wait #0"});
  EXPECT_EQ(site.events, Strings{"stopped #0"});
}

TEST(DlmRed, StoppedSessionsRestartLongestWaitingFirst) {
  Harness site(siteSettings({threePhase("A"), threePhase("B"), threePhase("C")}));
  site.station(1, StationState::Charging, 32.0, k43AhWh);  // B connected first
  site.decide(0);
  site.station(0, StationState::Charging, 32.0, k36AhWh);
  site.decide(10);
  site.station(2, StationState::Charging, 32.0, k7AhWh);
  site.decide(20);

  site.others(60.0);  // 156 A: everyone to the second step at once (108 A)
  EXPECT_EQ(site.decide(30), (Strings{"setpoint #1 16A", "setpoint #0 16A", "setpoint #2 16A"}));
  for (const std::size_t i : {0u, 1u, 2u}) site.observed(i).currentsA = {16.0, 16.0, 16.0};
  EXPECT_EQ(site.decide(36), Strings{"wait #1"});  // B, connected longest: 92 A
  site.station(1, StationState::Waiting, 0.0, k43AhWh);
  EXPECT_EQ(site.decide(42), Strings{});  // yellow: B waits, nothing left to reduce
  site.others(75.0);                      // 107 A
  EXPECT_EQ(site.decide(50), Strings{"wait #0"});
  site.station(0, StationState::Waiting, 0.0, k36AhWh);
  EXPECT_EQ(site.decide(56), Strings{});

  // Power comes back: B (waiting since 36 s) restarts before A (since 50 s).
  site.others(0.0);
  EXPECT_EQ(site.decide(60), (Strings{"start #1 32A", "start #0 32A"}));
  EXPECT_EQ(site.events, (Strings{"zone yellow->green", "authorised #1 full 32A", "authorised #0 full 32A"}));
}

}  // namespace
}  // namespace ews::dlm::test
