// sim.lines: where a device's own load draws (docs/scenario-format.md): the forms it takes, and
// each mistake reported at its position.
#include <gtest/gtest.h>

#include "ews/scenario/loader.hpp"
#include "scenario_test_support.hpp"

namespace ews::scenario {
namespace {

using testing::diagnosticsOf;
using testing::hasDiagnostic;
using testing::kRunHeader;

TEST(SimLines, SingleThreePhaseAndUnbalancedForms) {
  const Scenario scenario = testing::parseValid(
      kRunHeader +
      "installation:\n"
      "  gateways:\n"
      "    - ip: 10.0.0.2\n"
      "      devices:\n"
      "      - {name: A, family: energy-counter, model: \"4 120 74\", address: 1, sim: {lines: L2}}\n"
      "      - {name: B, family: energy-counter, model: \"4 120 74\", address: 2, sim: {lines: three-phase}}\n"
      "      - {name: C, family: energy-counter, model: \"4 120 74\", address: 3, sim: {lines: [50%, 0.3, 20 %]}}\n"
      "      - {name: D, family: energy-counter, model: \"4 120 74\", address: 4, sim: {}}\n");
  ASSERT_EQ(scenario.deviceSims.size(), 4u);
  EXPECT_EQ(scenario.deviceSims[0].lineShares, (std::array<double, 3>{0.0, 1.0, 0.0}));
  EXPECT_EQ(scenario.deviceSims[1].lineShares, (std::array<double, 3>{1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0}));
  ASSERT_TRUE(scenario.deviceSims[2].lineShares);
  EXPECT_DOUBLE_EQ((*scenario.deviceSims[2].lineShares)[0], 0.5);
  EXPECT_DOUBLE_EQ((*scenario.deviceSims[2].lineShares)[1], 0.3);
  EXPECT_DOUBLE_EQ((*scenario.deviceSims[2].lineShares)[2], 0.2);
  EXPECT_FALSE(scenario.deviceSims[3].lineShares);  // the meter's default, decided by the site
}

TEST(SimLines, MistakesAreReportedAtTheirPosition) {
  const auto d = diagnosticsOf(
      kRunHeader +
      "installation:\n"
      "  gateways:\n"
      "    - ip: 10.0.0.2\n"
      "      devices:\n"
      "      - {name: A, family: energy-counter, model: \"4 120 74\", address: 1, sim: {lines: L4}}\n"
      "      - {name: B, family: energy-counter, model: \"4 120 74\", address: 2, sim: {lines: [50%, 30%, 10%]}}\n"
      "      - {name: C, family: energy-counter, model: \"4 120 74\", address: 3, sim: {lines: [50%, 50%]}}\n"
      "      - {name: D, family: charging-station, model: \"0 590 14\", address: 4, sim: {lines: L1}}\n"
      "      - {name: E, family: energy-counter, model: \"4 120 74\", address: 5, sim: {lines: [50%, x, 50%]}}\n");
  ASSERT_EQ(d.size(), 5u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 7, 87, "installation.gateways[0].devices[0].sim.lines",
                            "unknown value 'L4' (expected one of: L1, L2, L3, three-phase)"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 87, "installation.gateways[0].devices[1].sim.lines",
                            "the shares of the three lines must add up to 100 %, got 90 %"));
  EXPECT_TRUE(hasDiagnostic(d, 9, 87, "installation.gateways[0].devices[2].sim.lines",
                            "expected the shares of L1, L2 and L3 (three items), got 2"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 89, "installation.gateways[0].devices[3].sim.lines",
                            "a charging station draws on its `phase`"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 93, "installation.gateways[0].devices[4].sim.lines[1]", ""));
}

}  // namespace
}  // namespace ews::scenario
