#include <gtest/gtest.h>

#include "ews/installation/installation.hpp"
#include "spec_builders.hpp"

namespace ews::installation {
namespace {

using namespace test;

Installation sample(Variant variant = Variant::Ews32) {
  DeviceSpec main = meter(1, "Main");
  main.load = "Kitchen";
  main.groups = {"Floor 1"};
  InstallationSpec spec = site({physical("10.0.0.1", {main, meter(2, "Sub")}, "GW1"), physical("10.0.0.2", {}, "Empty")},
                               variant);
  spec.gateways[0].eqDevice = "Main";
  spec.gateways[0].panelBoard = "TGBT";
  spec.loads = {load("Kitchen")};
  spec.groups = {group("Floor 1")};
  spec.panelBoards = {panelBoard("TGBT")};
  return Installation::build(spec);
}

// The change is refused with a message naming the element and the reason.
template <class Change>
void expectRefused(Change change, const std::string& subject, const std::string& reasonPart) {
  try {
    change();
    FAIL() << "accepted a change that should be refused: " << subject;
  } catch (const ValidationError& error) {
    ASSERT_EQ(error.diagnostics().size(), 1u);
    EXPECT_EQ(error.diagnostics()[0].field, subject);
    EXPECT_NE(error.diagnostics()[0].reason.find(reasonPart), std::string::npos) << error.diagnostics()[0].reason;
  }
}

TEST(Changes, SwitchGatewaysAndDevicesOnAndOff) {
  Installation installation = sample();
  const Device& main = *installation.findDevice("Main");
  installation.setGatewayOn("GW1", false);
  EXPECT_FALSE(installation.isActive(main));
  installation.setGatewayOn("GW1", true);
  installation.setDeviceOn("Main", false);
  EXPECT_FALSE(installation.isActive(main));
  installation.setGatewayOn("Local", false);  // the Local gateway may be OFF
  EXPECT_FALSE(installation.findGateway("Local")->on);
}

TEST(Changes, RefuseUnknownNames) {
  Installation installation = sample();
  expectRefused([&] { installation.setGatewayOn("Nope", false); }, "gateway \"Nope\"", "there is no gateway");
  expectRefused([&] { installation.removeDevice("Nope"); }, "device \"Nope\"", "there is no device");
  expectRefused([&] { installation.setGroupEnabled("Nope", false); }, "measure group \"Nope\"", "no measure group");
}

TEST(Changes, DeleteOnlyEmptyGateways) {
  Installation installation = sample();
  expectRefused([&] { installation.removeGateway("GW1"); }, "gateway \"GW1\"", "still holds 2 device(s)");
  EXPECT_NE(installation.findGateway("GW1"), nullptr);
  installation.removeGateway("Empty");
  EXPECT_EQ(installation.findGateway("Empty"), nullptr);
  EXPECT_EQ(installation.gateways().size(), 2u);
}

TEST(Changes, NeverDeleteTheLocalGateway) {
  Installation installation = sample();
  expectRefused([&] { installation.removeGateway("Local"); }, "gateway \"Local\"", "cannot be deleted, only put OFF");
}

TEST(Changes, DeleteADeviceWithItsRelations) {
  Installation installation = sample();
  const Device* sub = installation.findDevice("Sub");
  installation.removeDevice("Main");
  EXPECT_EQ(installation.findDevice("Main"), nullptr);
  EXPECT_EQ(installation.eqDeviceOf(*installation.findGateway("GW1")), nullptr);
  EXPECT_TRUE(installation.devicesOfGroup(*installation.findGroup("Floor 1")).empty());
  EXPECT_TRUE(installation.devicesOfLoad(*installation.findLoad("Kitchen")).empty());
  EXPECT_EQ(installation.devicesOfGateway(*installation.findGateway("GW1")), (std::vector<const Device*>{sub}));
  EXPECT_EQ(installation.findDevice("Sub"), sub);  // other elements stay where they were
  EXPECT_EQ(installation.device(2).name, "Sub");   // ids are not renumbered
  installation.removeDevice("Sub");
  installation.removeGateway("GW1");
}

TEST(Changes, EraseOnlyUserLoadsAndMoveTheirDevicesToOthers) {
  Installation installation = sample();
  expectRefused([&] { installation.removeLoad("Heating"); }, "load \"Heating\"", "can only be disabled");
  expectRefused([&] { installation.removeLoad("Others"); }, "load \"Others\"", "not configurable");
  installation.removeLoad("Kitchen");
  EXPECT_EQ(installation.findLoad("Kitchen"), nullptr);
  EXPECT_EQ(installation.loadOf(*installation.findDevice("Main")).name, "Others");
}

TEST(Changes, DisableLoadsButNotThePseudoLoads) {
  Installation installation = sample();
  installation.setLoadEnabled("Heating", false);
  EXPECT_FALSE(installation.findLoad("Heating")->enabled);
  installation.setLoadEnabled("Kitchen", false);
  EXPECT_FALSE(installation.findLoad("Kitchen")->enabled);
  expectRefused([&] { installation.setLoadEnabled("Water", false); }, "load \"Water\"", "not configurable");
  EXPECT_TRUE(installation.findLoad("Water")->enabled);
}

TEST(Changes, DisableAndEraseGroupsAndPanelBoards) {
  Installation installation = sample();
  installation.setGroupEnabled("Floor 1", false);
  EXPECT_FALSE(installation.findGroup("Floor 1")->enabled);
  installation.setPanelBoardEnabled("TGBT", false);
  EXPECT_FALSE(installation.findPanelBoard("TGBT")->enabled);
  installation.removeGroup("Floor 1");
  EXPECT_TRUE(installation.groupsOf(*installation.findDevice("Main")).empty());
  installation.removePanelBoard("TGBT");
  EXPECT_EQ(installation.panelBoardOf(*installation.findGateway("GW1")), nullptr);
  EXPECT_TRUE(installation.panelBoards().empty());
}

}  // namespace
}  // namespace ews::installation
