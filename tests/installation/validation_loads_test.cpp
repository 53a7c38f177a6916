#include <gtest/gtest.h>

#include "spec_builders.hpp"

namespace ews::installation {
namespace {

using namespace test;

const std::string kDevice = "installation.gateways[0].devices[0]";

DeviceSpec withLoad(DeviceSpec spec, std::string load) {
  spec.load = std::move(load);
  return spec;
}

InstallationSpec withUserLoads(int count, std::vector<DeviceSpec> devices = {}) {
  InstallationSpec spec = site({physical("10.0.0.1", std::move(devices))});
  for (int index = 1; index <= count; ++index) spec.loads.push_back(load("User " + std::to_string(index)));
  return spec;
}

TEST(LoadListRule, APredefinedLoadEntryOnlyTogglesIt) {
  InstallationSpec spec = withUserLoads(8);
  spec.loads.push_back(load("Heating", false));
  spec.loads.push_back(load("Lighting", true));
  EXPECT_TRUE(isValid(spec));  // 8 user loads: toggles do not count
}

TEST(LoadListRule, TakesAtMostEightUserLoads) {
  InstallationSpec spec = withUserLoads(9);
  spec.loads[8].fieldLocs["name"] = {"site.yaml", 70, 11};
  const auto diagnostics = validate(spec);
  const Diagnostic* found = findDiagnostic(diagnostics, "installation.loads[8].name",
                                           "at most 8 user loads can be added (14 loads with the 6 predefined ones)");
  ASSERT_NE(found, nullptr) << describe(diagnostics);
  EXPECT_EQ(found->where.line, 70);
  EXPECT_EQ(diagnostics.size(), 1u);
}

TEST(LoadListRule, RefusesThePseudoLoads) {
  InstallationSpec spec = site({});
  spec.loads = {load("Others"), load("Water")};
  EXPECT_TRUE(reports(spec, "installation.loads[0].name", "\"Others\" is not a configurable load"));
  EXPECT_TRUE(reports(spec, "installation.loads[1].name", "gathers the water pulse counters"));
}

TEST(DeviceLoadRule, AcceptsPredefinedUserAndOthers) {
  InstallationSpec spec = withUserLoads(1, {withLoad(meter(1), "Heating"), withLoad(meter(2), "User 1"),
                                            withLoad(meter(3), "Others"), meter(4)});
  EXPECT_TRUE(isValid(spec));
}

TEST(DeviceLoadRule, RefusesAnUnknownLoad) {
  EXPECT_TRUE(reports(withUserLoads(0, {withLoad(meter(1), "Kitchen")}), kDevice + ".load",
                      "no load is named \"Kitchen\" (predefined loads: Heating, Air conditioning"));
}

TEST(DeviceLoadRule, GivesWaterAndGasCountersTheirLoad) {
  EXPECT_TRUE(isValid(withUserLoads(0, {pulseCounter(5, 1, Medium::Water)})));
  EXPECT_TRUE(isValid(withUserLoads(0, {withLoad(pulseCounter(5, 1, Medium::Gas), "Gas")})));
  EXPECT_TRUE(reports(withUserLoads(0, {withLoad(pulseCounter(5, 1, Medium::Water), "Heating")}), kDevice + ".load",
                      "this counter's load is \"Water\", assigned automatically"));
}

TEST(DeviceLoadRule, KeepsWaterAndGasForTheirCounters) {
  EXPECT_TRUE(reports(withUserLoads(0, {withLoad(meter(1), "Water")}), kDevice + ".load",
                      "the \"Water\" load gathers the water pulse counters only"));
  EXPECT_TRUE(reports(withUserLoads(0, {withLoad(pulseCounter(5, 1, Medium::Gas), "Water")}), kDevice + ".load",
                      "this counter's load is \"Gas\""));
}

InstallationSpec withGroups(int count, DeviceSpec spec) {
  InstallationSpec installation = site({physical("10.0.0.1", {std::move(spec)})});
  for (int index = 1; index <= count; ++index) installation.groups.push_back(group("G" + std::to_string(index)));
  return installation;
}

DeviceSpec inGroups(std::vector<std::string> groups) {
  DeviceSpec spec = meter(1);
  spec.groups = std::move(groups);
  return spec;
}

TEST(DeviceGroupsRule, AcceptsUpToFiveExistingGroups) {
  EXPECT_TRUE(isValid(withGroups(6, inGroups({"G1", "G2", "G3", "G4", "G5"}))));
}

TEST(DeviceGroupsRule, RefusesASixthGroup) {
  EXPECT_TRUE(reports(withGroups(6, inGroups({"G1", "G2", "G3", "G4", "G5", "G6"})), kDevice + ".groups",
                      "at most 5 measure groups; this one lists 6"));
}

TEST(DeviceGroupsRule, RefusesAnUnknownGroup) {
  DeviceSpec spec = inGroups({"G1", "Nope"});
  spec.fieldLocs["groups"] = {"site.yaml", 12, 17};
  const auto diagnostics = validate(withGroups(1, spec));
  const Diagnostic* found = findDiagnostic(diagnostics, kDevice + ".groups[1]", "no measure group is named \"Nope\"");
  ASSERT_NE(found, nullptr) << describe(diagnostics);
  EXPECT_EQ(found->where.line, 12);
}

TEST(DeviceGroupsRule, RefusesAGroupListedTwice) {
  EXPECT_TRUE(reports(withGroups(2, inGroups({"G1", "G2", "G1"})), kDevice + ".groups[2]",
                      "measure group \"G1\" is listed twice (also at groups[0])"));
}

}  // namespace
}  // namespace ews::installation
