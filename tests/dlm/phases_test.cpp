// Three-phase sites: zones on the most loaded line, single-phase stations on their own line,
// three-phase ones on all three (manual 7.16.5.1: the total meter measures each phase).
#include <gtest/gtest.h>

#include "dlm_test_support.hpp"

namespace ews::dlm::test {
namespace {

TEST(DlmPhases, DecidesOnTheWorstLineWithSinglePhaseStationsOnDifferentLines) {
  Harness site(siteSettings({singlePhase("L1 station", 0), singlePhase("L2 station", 1), threePhase("3P")}));
  site.others(60.0, 30.0, 30.0);
  site.station(0, StationState::Charging, 16.0);
  EXPECT_EQ(site.decide(0), Strings{});  // L1 76 A: green
  EXPECT_EQ(site.controller.zone(), Zone::Green);

  // The three-phase request needs at least 16 A on L1 too: 76 + 16 = 92 A, and still 84 A
  // with the L1 station at its second step: no reduction can make room for it, so none is
  // made (the L2 and L3 headroom does not help it); it waits for a departure.
  site.station(2, StationState::Waiting);
  EXPECT_EQ(site.decide(10), Strings{});
  EXPECT_EQ(site.events, Strings{"connected #2"});

  // A single-phase request on L2 (30 + 16 = 46 A) fits: it is not held behind the other.
  site.station(1, StationState::Waiting);
  EXPECT_EQ(site.decide(12), Strings{"start #1 16A"});
  site.station(1, StationState::Charging, 16.0);

  // L1 alone at 83 A makes the site yellow, though the lines average 53 A.
  site.others(67.0, 30.0, 30.0);
  EXPECT_EQ(site.decide(20), Strings{});
  EXPECT_EQ(site.events, (Strings{"charging_began #1", "zone green->yellow"}));

  // The three-phase vehicle leaves and L1 falls to 76 A: green; nothing was reduced, nothing to raise.
  site.station(2, StationState::Available);
  site.others(60.0, 30.0, 30.0);
  EXPECT_EQ(site.decide(30), Strings{});
  EXPECT_EQ(site.events, (Strings{"disconnected #2", "zone yellow->green"}));
}

TEST(DlmPhases, ReducingAStationOnAnotherLineDoesNotCountForTheWorstLine) {
  // Red on L3 only: the L1 station's reduction would not lower L3, so it still happens (the
  // order is the manual's, not a search) but the three-phase station's does count.
  Harness site(siteSettings({singlePhase("L1 station", 0), threePhase("3P")}));
  site.station(0, StationState::Charging, 16.0, 8000.0);  // more charge: reduced first
  site.station(1, StationState::Charging, 32.0, 1000.0);
  site.others(10.0, 10.0, 75.0);  // L3: 107 A
  EXPECT_EQ(site.decide(0), (Strings{"setpoint #0 12A", "setpoint #1 24A"}));
  EXPECT_EQ(site.events, (Strings{"connected #0", "charging_began #0", "connected #1", "charging_began #1",
                                  "zone green->red", "reduced #0 first_step 12A", "reduced #1 first_step 24A"}));
}

}  // namespace
}  // namespace ews::dlm::test
