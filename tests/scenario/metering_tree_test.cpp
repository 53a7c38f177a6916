// The metering tree of the device sims: double counting in the totals (a warning naming both
// devices, at the downstream one) and the main meters (its counted tops).
#include "ews/scenario/metering_tree.hpp"

#include <gtest/gtest.h>

#include "scenario_test_support.hpp"

namespace ews::scenario {
namespace {

using testing::kRunHeader;
using testing::parseValid;

// Lines 3-12: Main measures Sub (excluded) and EV (counted); Sub measures Tool (counted);
// Water is another medium with no downstream list.
std::string site(const std::string& subExclusion, const std::string& toolExclusion) {
  return kRunHeader +
         "installation:\n"                                                                                // 3
         "  gateways:\n"                                                                                  // 4
         "    - ip: 10.0.0.2\n"                                                                           // 5
         "      devices:\n"                                                                               // 6
         "        - {name: Main, family: multifunction-meter, address: 1, sim: {downstream: [Sub, EV]}}\n"  // 7
         "        - {name: Sub, family: energy-counter, address: 2" + subExclusion + ", sim: {downstream: [Tool]}}\n"  // 8
         "        - {name: Tool, family: energy-counter, address: 3" + toolExclusion + ", sim: {}}\n"   // 9
         "        - {name: EV, family: charging-station, address: 4, sim: {}}\n"                       // 10
         "        - {name: Water, family: pulse-counter, address: 5, position: 1, medium: water}\n";   // 11
}

TEST(MeteringTree, CountedDevicesBelowACountedMeterAreWarnedOnceInFileOrder) {
  const Scenario s = parseValid(site(", excludeFromTotals: true", ""));
  const auto warnings = doubleCountingWarnings(s);
  ASSERT_EQ(warnings.size(), 2u);
  // Tool is found through the excluded sub-meter: still inside Main's measurement.
  EXPECT_EQ(warnings[0].where.line, 9);
  EXPECT_EQ(warnings[0].field, "installation.gateways[0].devices[2].excludeFromTotals");
  EXPECT_NE(warnings[0].reason.find("device 'Tool' is counted in the totals and is downstream of 'Main'"),
            std::string::npos)
      << warnings[0].reason;
  EXPECT_EQ(warnings[1].where.line, 10);
  EXPECT_NE(warnings[1].reason.find("device 'EV'"), std::string::npos) << warnings[1].reason;
  EXPECT_EQ(mainMeters(s), std::vector<std::string>{"Main"});
}

TEST(MeteringTree, ACountedSubMeterIsNamedAgainstItsOwnMeter) {
  // Sub counted under Main: Sub is warned about; Tool (counted under Sub) is named against Sub.
  const Scenario s = parseValid(site("", ""));
  const auto warnings = doubleCountingWarnings(s);
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_NE(warnings[0].reason.find("device 'Sub' is counted in the totals and is downstream of 'Main'"),
            std::string::npos);
  EXPECT_NE(warnings[1].reason.find("device 'Tool' is counted in the totals and is downstream of 'Sub'"),
            std::string::npos);
  EXPECT_NE(warnings[2].reason.find("device 'EV'"), std::string::npos);
}

TEST(MeteringTree, NoWarningWhenEverythingBelowIsExcluded) {
  std::string yaml = site(", excludeFromTotals: true", ", excludeFromTotals: true");
  yaml.replace(yaml.find("address: 4"), std::string("address: 4").size(), "address: 4, excludeFromTotals: true");
  const Scenario s = parseValid(yaml);
  EXPECT_TRUE(doubleCountingWarnings(s).empty());
  EXPECT_EQ(mainMeters(s), std::vector<std::string>{"Main"});
}

TEST(MeteringTree, AnExcludedTopIsNoMainMeterAndCountsNothingTwice) {
  std::string yaml = site(", excludeFromTotals: true", "");
  yaml.replace(yaml.find("address: 1,"), std::string("address: 1,").size(), "address: 1, excludeFromTotals: true,");
  const Scenario s = parseValid(yaml);
  EXPECT_TRUE(doubleCountingWarnings(s).empty());  // Tool and EV are the only counted ones
  EXPECT_TRUE(mainMeters(s).empty());
}

}  // namespace
}  // namespace ews::scenario
