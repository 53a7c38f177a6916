// Names that tie sections together, resolved after the installation's default names.
#include <gtest/gtest.h>

#include "scenario_test_support.hpp"

namespace ews::scenario {
namespace {

using testing::diagnosticsOf;
using testing::hasDiagnostic;
using testing::kRunHeader;
using testing::parseValid;

// Lines 3-10: a gateway with a station, a meter and an unnamed two-sided station ("3-2").
const std::string kSite = kRunHeader +
                          "installation:\n"                                                          // 3
                          "  gateways:\n"                                                            // 4
                          "    - name: Parking\n"                                                    // 5
                          "      ip: 10.0.0.2\n"                                                     // 6
                          "      devices:\n"                                                         // 7
                          "        - {name: CP1, family: charging-station, address: 1}\n"            // 8
                          "        - {name: Meter, family: energy-counter, address: 2, sim: {profile: nowhere}}\n"  // 9
                          "        - {family: charging-station, address: 3, side: 2}\n";              // 10

TEST(ReferenceErrors, DefaultNamesCanBeReferenced) {
  const Scenario s = parseValid(kRunHeader +
                                "installation:\n"
                                "  gateways:\n"
                                "    - ip: 10.0.0.2\n"
                                "      devices: [{family: charging-station, address: 3, side: 2},\n"
                                "                {family: energy-counter, address: 4, sim: {profile: p}}]\n"
                                "loadProfiles: [{name: p, kind: constant, power: 1}]\n"
                                "sessions: [{station: 3-2, arrival: \"2026-01-05T08:00\", "
                                "departure: \"2026-01-05T09:00\", energyWanted: 5}]\n"
                                "faults: [{kind: gateway-down, target: 10.0.0.2}, {kind: timeout, target: \"4\"}]\n"
                                "dlm: {totalMeter: \"4\", priorityStations: [3-2]}\n");
  ASSERT_EQ(s.deviceSims.size(), 1u);
  EXPECT_EQ(s.deviceSims[0].device, "4");
  EXPECT_EQ(s.installation.gateways[0].name, "10.0.0.2");
}

TEST(ReferenceErrors, SimNamesAMissingProfile) {
  const auto d = diagnosticsOf(kSite);
  ASSERT_EQ(d.size(), 1u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 9, 76, "installation.gateways[0].devices[1].sim.profile",
                            "no load profile named 'nowhere'"));
}

TEST(ReferenceErrors, TopLevelSimsNameMissingOrAlreadySimulatedDevices) {
  const auto d = diagnosticsOf(kSite +
                               "loadProfiles: [{name: nowhere, kind: constant, power: 1}]\n"  // 11
                               "deviceSims:\n"                                                // 12
                               "  - {device: Nobody}\n"                                       // 13
                               "  - {device: Meter, profile: nowhere}\n");                    // 14
  ASSERT_EQ(d.size(), 2u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 13, 14, "deviceSims[0].device", "no device named 'Nobody' in the installation"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 14, "deviceSims[1].device",
                            "device 'Meter' is already simulated by installation.gateways[0].devices[1].sim"));
}

TEST(ReferenceErrors, TwoSimulatedDevicesOfTheSameNameReportTheName) {
  const auto d = diagnosticsOf(kRunHeader +
                               "installation:\n"                                                    // 3
                               "  gateways:\n"                                                      // 4
                               "    - ip: 10.0.0.2\n"                                               // 5
                               "      devices:\n"                                                   // 6
                               "        - {name: Meter, family: energy-counter, address: 1, sim: {}}\n"  // 7
                               "        - {name: Meter, family: energy-counter, address: 2, sim: {}}\n");  // 8
  ASSERT_EQ(d.size(), 1u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 8, 18, "installation.gateways[0].devices[1].name",
                            "device name 'Meter' is already used by installation.gateways[0].devices[0] "
                            "(each device needs its own name)"));
}

TEST(ReferenceErrors, DownstreamMustExistAndNotLoop) {
  const auto d = diagnosticsOf(kRunHeader +
                               "installation:\n"                                                              // 3
                               "  gateways:\n"                                                                // 4
                               "    - ip: 10.0.0.2\n"                                                         // 5
                               "      devices:\n"                                                             // 6
                               "        - {name: A, family: energy-counter, address: 1, sim: {downstream: [B, Z]}}\n"  // 7
                               "        - {name: B, family: energy-counter, address: 2, sim: {downstream: [A]}}\n");   // 8
  ASSERT_EQ(d.size(), 3u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 7, 76, "installation.gateways[0].devices[0].sim.downstream[0]",
                            "'B' leads back to 'A'"));
  EXPECT_TRUE(hasDiagnostic(d, 7, 79, "installation.gateways[0].devices[0].sim.downstream[1]",
                            "no device named 'Z'"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 76, "installation.gateways[0].devices[1].sim.downstream[0]",
                            "'A' leads back to 'B'"));
}

TEST(ReferenceErrors, DuplicateProfileNames) {
  const auto d = diagnosticsOf(kRunHeader +
                               "loadProfiles:\n"                                // 3
                               "  - {name: base, kind: constant, power: 1}\n"   // 4
                               "  - {name: base, kind: constant, power: 2}\n"); // 5
  ASSERT_EQ(d.size(), 1u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 5, 12, "loadProfiles[1].name", "duplicate profile name 'base' (first at line 4, column 12)"));
}

TEST(ReferenceErrors, SessionStations) {
  const auto d = diagnosticsOf(
      kSite +
      "loadProfiles: [{name: nowhere, kind: constant, power: 1}]\n"                                                  // 11
      "sessions:\n"                                                                                                   // 12
      "  - {station: CP9, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T09:00\", energyWanted: 5}\n"           // 13
      "  - {station: Meter, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T09:00\", energyWanted: 5}\n"         // 14
      "  - {station: 3-2, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T12:00\", energyWanted: 5}\n"           // 15
      "  - {station: 3-2, arrival: \"2026-01-05T11:00\", departure: \"2026-01-05T13:00\", energyWanted: 5}\n"           // 16
      "  - {station: 3-2, arrival: \"2026-01-05T13:00\", departure: \"2026-01-05T14:00\", energyWanted: 5}\n");         // 17
  ASSERT_EQ(d.size(), 3u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 13, 15, "sessions[0].station", "no device named 'CP9' in the installation"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 15, "sessions[1].station", "device 'Meter' is not a charging station"));
  EXPECT_TRUE(hasDiagnostic(d, 16, 29, "sessions[3].arrival", "station '3-2' is still occupied by sessions[2]"));
}

TEST(ReferenceErrors, FaultTargets) {
  const auto d = diagnosticsOf(kSite +
                               "loadProfiles: [{name: nowhere, kind: constant, power: 1}]\n"  // 11
                               "faults:\n"                                                    // 12
                               "  - {kind: timeout, target: Ghost}\n"                         // 13
                               "  - {kind: gateway-down, target: CP1}\n"                      // 14
                               "  - {kind: device-offline, target: Parking}\n"                // 15
                               "  - {kind: gateway-down, target: Parking}\n");                // 16
  ASSERT_EQ(d.size(), 3u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 13, 29, "faults[0].target", "no device named 'Ghost' in the installation"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 34, "faults[1].target", "no gateway named 'CP1' in the installation"));
  EXPECT_TRUE(hasDiagnostic(d, 15, 36, "faults[2].target", "no device named 'Parking' in the installation"));
}

TEST(ReferenceErrors, DlmMeterAndPriorityStations) {
  const auto d = diagnosticsOf(kSite +
                               "loadProfiles: [{name: nowhere, kind: constant, power: 1}]\n"  // 11
                               "dlm:\n"                                                       // 12
                               "  totalMeter: CP1\n"                                          // 13
                               "  priorityStations: [CP1, Meter, CP1, Nope, 3-2]\n");         // 14
  ASSERT_EQ(d.size(), 4u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 13, 15, "dlm.totalMeter", "device 'CP1' does not measure currents"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 27, "dlm.priorityStations[1]", "device 'Meter' is not a charging station"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 34, "dlm.priorityStations[2]", "station 'CP1' is listed twice"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 39, "dlm.priorityStations[3]", "no device named 'Nope' in the installation"));
}

TEST(ReferenceErrors, DlmMissingTotalMeter) {
  const auto d = diagnosticsOf(kSite + "loadProfiles: [{name: nowhere, kind: constant, power: 1}]\n" +
                               "dlm: {on: true, totalMeter: Main, maxCurrent: 100}\n");  // 12
  ASSERT_EQ(d.size(), 1u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 12, 29, "dlm.totalMeter", "no device named 'Main' in the installation"));
}

}  // namespace
}  // namespace ews::scenario
