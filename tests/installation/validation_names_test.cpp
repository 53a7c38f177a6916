#include <gtest/gtest.h>

#include "spec_builders.hpp"

namespace ews::installation {
namespace {

using namespace test;

TEST(NameRule, AcceptsDistinctNames) {
  InstallationSpec spec = site({physical("10.0.0.1", {meter(1, "A")}, "GW1"), physical("10.0.0.2", {meter(1, "B")}, "GW2")});
  spec.loads = {load("Kitchen")};
  spec.groups = {group("Floor 1")};
  spec.panelBoards = {panelBoard("TGBT")};
  EXPECT_TRUE(isValid(spec));
}

TEST(NameRule, RefusesTwoGatewaysOfTheSameName) {
  const InstallationSpec spec = site({physical("10.0.0.1", {}, "GW"), physical("10.0.0.2", {}, "GW")});
  EXPECT_TRUE(reports(spec, "installation.gateways[1].name", "gateway name \"GW\" is already used by installation.gateways[0]"));
}

TEST(NameRule, RefusesTwoDevicesOfTheSameNameAcrossGateways) {
  const InstallationSpec spec = site({physical("10.0.0.1", {meter(1, "M")}), physical("10.0.0.2", {meter(2, "M")})});
  EXPECT_TRUE(reports(spec, "installation.gateways[1].devices[0].name",
                      "device name \"M\" is already used by installation.gateways[0].devices[0]"));
}

TEST(NameRule, SaysWhenTheClashComesFromADefaultName) {
  // Both devices are named after their address, 1, on two different buses.
  const InstallationSpec spec = site({physical("10.0.0.1", {meter(1)}), physical("10.0.0.2", {meter(1)})});
  EXPECT_TRUE(reports(spec, "installation.gateways[1].devices[0].name", "given by default"));
  // A user name equal to an earlier default name.
  const InstallationSpec userAfterDefault = site({physical("10.0.0.1", {meter(1), meter(2, "1")})});
  EXPECT_TRUE(reports(userAfterDefault, "installation.gateways[0].devices[1].name", "there it was given by default"));
}

TEST(NameRule, PointsAtTheNamesLineWhenKnown) {
  InstallationSpec spec = site({physical("10.0.0.1", {meter(1, "M"), meter(2, "M")})});
  spec.gateways[0].devices[1].loc = {"site.yaml", 20, 7};
  spec.gateways[0].devices[1].fieldLocs["name"] = {"site.yaml", 21, 13};
  const auto diagnostics = validate(spec);
  ASSERT_EQ(diagnostics.size(), 1u) << describe(diagnostics);
  EXPECT_EQ(diagnostics[0].where.line, 21);
  EXPECT_EQ(diagnostics[0].where.column, 13);
  EXPECT_EQ(diagnostics[0].str().rfind("site.yaml:21:13: installation.gateways[0].devices[1].name: ", 0), 0u)
      << diagnostics[0].str();
}

TEST(NameRule, FallsBackToTheEntrysLine) {
  InstallationSpec spec = site({physical("10.0.0.1", {meter(1, "M"), meter(2, "M")})});
  spec.gateways[0].devices[1].loc = {"site.yaml", 20, 7};
  const auto diagnostics = validate(spec);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].where.line, 20);
}

TEST(NameRule, RequiresNamesOfLoadsGroupsAndPanelBoards) {
  InstallationSpec spec = site({});
  spec.loads = {load("")};
  spec.groups = {group("")};
  spec.panelBoards = {panelBoard("")};
  EXPECT_TRUE(reports(spec, "installation.loads[0].name", "a load needs a name"));
  EXPECT_TRUE(reports(spec, "installation.groups[0].name", "a measure group needs a name"));
  EXPECT_TRUE(reports(spec, "installation.panelBoards[0].name", "a panel board needs a name"));
}

TEST(NameRule, RefusesDuplicateLoadsGroupsAndPanelBoards) {
  InstallationSpec spec = site({});
  spec.loads = {load("Kitchen"), load("Kitchen")};
  spec.groups = {group("G"), group("G")};
  spec.panelBoards = {panelBoard("P"), panelBoard("P")};
  EXPECT_TRUE(reports(spec, "installation.loads[1].name", "load name \"Kitchen\" is already used by installation.loads[0]"));
  EXPECT_TRUE(reports(spec, "installation.groups[1].name", "already used by installation.groups[0]"));
  EXPECT_TRUE(reports(spec, "installation.panelBoards[1].name", "already used by installation.panelBoards[0]"));
}

TEST(NameRule, CollectsEveryViolationNotOnlyTheFirst) {
  InstallationSpec spec = site({physical("10.0.0.1", {meter(0, "M"), meter(1, "M")}), physical("bad", {}, "")});
  spec.groups = {group("")};
  const auto diagnostics = validate(spec);
  EXPECT_EQ(diagnostics.size(), 4u) << describe(diagnostics);  // address 0, name M, ip, group name
}

}  // namespace
}  // namespace ews::installation
