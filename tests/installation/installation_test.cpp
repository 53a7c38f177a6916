#include <algorithm>

#include <gtest/gtest.h>

#include "ews/installation/installation.hpp"
#include "spec_builders.hpp"

namespace ews::installation {
namespace {

using namespace test;

std::vector<std::string> namesOf(const auto& elements) {
  std::vector<std::string> names;
  for (const auto* element : elements) names.push_back(element->name);
  return names;
}

// Two panel boards, three gateways (one virtual), loads and groups in use.
InstallationSpec sampleSite() {
  DeviceSpec main = meter(1, "Main");
  main.load = "Lighting";
  main.groups = {"Floor 1", "Offices"};
  DeviceSpec water = pulseCounter(5, 1, Medium::Water, "Water counter");
  DeviceSpec states = device(DeviceFamily::EmsStateControl, "4 149 30", 6, "States");
  DeviceSpec excluded = meter(2, "Sub");
  excluded.excludeFromTotals = true;
  excluded.load = "Kitchen";
  DeviceSpec breaker = device(DeviceFamily::Breaker, "0 288 03", 3, "DMX");
  breaker.supply = Supply::Downstream;
  DeviceSpec counter = device(DeviceFamily::EnergyCounter, "4 120 74", 4, "Counter");
  counter.supply = Supply::Downstream;  // no such setting on this model: ignored
  counter.groups = {"Floor 1"};

  InstallationSpec spec = site({physical("10.0.0.1", {main, water, states, excluded}, "GW1"),
                                physical("10.0.0.2", {breaker, counter}, "GW2"),
                                slave("10.0.0.9", {virtualDevice(29999, "Slave total")}, "Slave")});
  spec.gateways[0].panelBoard = "TGBT";
  spec.gateways[1].panelBoard = "TGBT";
  spec.gateways[2].panelBoard = "Annex";
  spec.panelBoards = {panelBoard("TGBT"), panelBoard("Annex")};
  spec.loads = {load("Kitchen"), load("Heating", false)};
  spec.groups = {group("Floor 1"), group("Offices")};
  return spec;
}

TEST(InstallationBuild, ThrowsEveryViolation) {
  const InstallationSpec spec = site({physical("nope", {meter(0), meter(300)})});
  try {
    Installation::build(spec);
    FAIL() << "build accepted an invalid spec";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.diagnostics().size(), 3u) << error.what();
    EXPECT_NE(std::string(error.what()).find("installation.gateways[0].ip"), std::string::npos);
  }
}

TEST(InstallationBuild, GivesDevicesSiteWideIdsInOrderOfAppearance) {
  const Installation installation = Installation::build(sampleSite());
  EXPECT_EQ(namesOf(installation.devices()),
            (std::vector<std::string>{"Main", "5-1", "States", "Sub", "DMX", "Counter", "Slave total"}));
  EXPECT_EQ(installation.device(5).name, "DMX");
  EXPECT_EQ(installation.findDevice("Counter")->id, 6);
  EXPECT_EQ(installation.findDevice("nope"), nullptr);
  EXPECT_THROW(installation.device(99), std::out_of_range);
}

TEST(InstallationBuild, NumbersLoadsPredefinedFirstAndPseudoLoadsLast) {
  const Installation installation = Installation::build(sampleSite());
  const auto loads = installation.loads();
  ASSERT_EQ(loads.size(), 10u);  // 6 predefined, Kitchen, Others, Water, Gas
  EXPECT_EQ(loads[0]->name, "Heating");
  EXPECT_FALSE(loads[0]->enabled);
  EXPECT_EQ(installation.findLoad("Kitchen")->id, 7);
  EXPECT_EQ(installation.findLoad("Kitchen")->kind, LoadKind::User);
  EXPECT_EQ(installation.load(15).name, "Others");
  EXPECT_EQ(installation.load(16).kind, LoadKind::Water);
  EXPECT_EQ(installation.load(17).name, "Gas");
  EXPECT_EQ(installation.findGroup("Offices")->id, 2);
  EXPECT_EQ(installation.findPanelBoard("Annex")->id, 2);
}

TEST(InstallationBuild, AddsTheLocalGatewayOfTheMiniVariants) {
  const Installation mini = Installation::build(site({physical("10.0.0.1", {}, "GW")}, Variant::Ews32));
  EXPECT_EQ(namesOf(mini.gateways()), (std::vector<std::string>{"Local", "GW"}));
  EXPECT_EQ(mini.gateways()[0]->kind, GatewayKind::Local);
  EXPECT_EQ(mini.gateways()[0]->ip, "127.0.0.1");
  const Installation listed = Installation::build(site({local(), physical("10.0.0.1", {}, "GW")}, Variant::Ews10));
  EXPECT_EQ(listed.gateways().size(), 2u);
  const Installation big = Installation::build(site({physical("10.0.0.1", {}, "GW")}, Variant::Ews255));
  EXPECT_EQ(namesOf(big.gateways()), (std::vector<std::string>{"GW"}));
}

TEST(InstallationBuild, NormalisesDeviceSettings) {
  InstallationSpec spec = sampleSite();
  spec.gateways[0].devices[0].model = "412053";
  const Installation installation = Installation::build(spec);
  EXPECT_EQ(installation.findDevice("Main")->model, "4 120 53");  // canonical spelling
  EXPECT_EQ(installation.findDevice("Slave total")->address, 247);
  EXPECT_EQ(installation.findDevice("DMX")->supply, Supply::Downstream);
  EXPECT_EQ(installation.findDevice("Counter")->supply, Supply::Upstream);
  EXPECT_EQ(installation.findDevice("5-1")->medium, Medium::Water);
  EXPECT_EQ(installation.findDevice("Main")->medium, Medium::Electricity);
  EXPECT_TRUE(installation.findDevice("Main")->catalogue->hasThd);
}

TEST(InstallationBuild, PutsEmsModulesOnTheirInterfacesAddress) {
  DeviceSpec module = device(DeviceFamily::EmsMeasure, "4 149 20", 2, "Module");
  module.interfaceAddress = 1;
  const Installation installation = Installation::build(site({physical("10.0.0.1", {module, meter(3, "Meter")})}));
  EXPECT_EQ(installation.findDevice("Module")->lineAddress(), 1);
  EXPECT_EQ(installation.findDevice("Meter")->lineAddress(), 3);
}

TEST(InstallationQueries, FollowGatewaysAndDevices) {
  const Installation installation = Installation::build(sampleSite());
  const Gateway& gw1 = *installation.findGateway("GW1");
  EXPECT_EQ(namesOf(installation.devicesOfGateway(gw1)), (std::vector<std::string>{"Main", "5-1", "States", "Sub"}));
  EXPECT_EQ(installation.gatewayOf(*installation.findDevice("Counter")).name, "GW2");
  EXPECT_EQ(installation.gateway(3).kind, GatewayKind::Virtual);
}

TEST(InstallationQueries, FollowLoads) {
  const Installation installation = Installation::build(sampleSite());
  EXPECT_EQ(installation.loadOf(*installation.findDevice("Main")).name, "Lighting");
  EXPECT_EQ(installation.loadOf(*installation.findDevice("5-1")).name, "Water");
  EXPECT_EQ(installation.loadOf(*installation.findDevice("Counter")).name, "Others");
  EXPECT_EQ(namesOf(installation.devicesOfLoad(*installation.findLoad("Others"))),
            (std::vector<std::string>{"States", "DMX", "Counter", "Slave total"}));
  EXPECT_EQ(namesOf(installation.devicesOfLoad(*installation.findLoad("Kitchen"))), (std::vector<std::string>{"Sub"}));
}

TEST(InstallationQueries, FollowGroups) {
  const Installation installation = Installation::build(sampleSite());
  EXPECT_EQ(namesOf(installation.groupsOf(*installation.findDevice("Main"))),
            (std::vector<std::string>{"Floor 1", "Offices"}));
  EXPECT_EQ(namesOf(installation.devicesOfGroup(*installation.findGroup("Floor 1"))),
            (std::vector<std::string>{"Main", "Counter"}));
  EXPECT_TRUE(installation.groupsOf(*installation.findDevice("Sub")).empty());
}

TEST(InstallationQueries, FollowPanelBoards) {
  const Installation installation = Installation::build(sampleSite());
  const PanelBoard& tgbt = *installation.findPanelBoard("TGBT");
  EXPECT_EQ(namesOf(installation.gatewaysOfPanelBoard(tgbt)), (std::vector<std::string>{"GW1", "GW2"}));
  EXPECT_EQ(installation.devicesOfPanelBoard(tgbt).size(), 6u);
  EXPECT_EQ(installation.panelBoardOf(*installation.findGateway("Slave"))->name, "Annex");
}

TEST(InstallationQueries, FindTheEqDevice) {
  InstallationSpec spec = sampleSite();
  spec.variant = Variant::Ews32;
  spec.gateways[0].eqDevice = "Main";
  const Installation installation = Installation::build(spec);
  EXPECT_EQ(installation.eqDeviceOf(*installation.findGateway("GW1"))->name, "Main");
  EXPECT_EQ(installation.eqDeviceOf(*installation.findGateway("GW2")), nullptr);
}

TEST(InstallationQueries, RefuseElementsOfAnotherInstallation) {
  const Installation first = Installation::build(sampleSite());
  const Installation second = Installation::build(sampleSite());
  EXPECT_THROW(first.devicesOfGateway(*second.findGateway("GW1")), std::invalid_argument);
}

TEST(InstallationQueries, AnOffGatewayTurnsItsDevicesOff) {
  InstallationSpec spec = sampleSite();
  spec.gateways[1].on = false;
  spec.gateways[0].devices[0].on = false;
  const Installation installation = Installation::build(spec);
  EXPECT_FALSE(installation.isActive(*installation.findDevice("Main")));
  EXPECT_TRUE(installation.isActive(*installation.findDevice("Sub")));
  EXPECT_FALSE(installation.isActive(*installation.findDevice("Counter")));
  EXPECT_TRUE(installation.findDevice("Counter")->on);  // its own switch is untouched
}

TEST(InstallationQueries, TotalTheActiveElectricalMeters) {
  // Left out: Sub (excluded from totals), 5-1 (water), States (no metering).
  const Installation installation = Installation::build(sampleSite());
  EXPECT_EQ(namesOf(installation.electricalTotalDevices()),
            (std::vector<std::string>{"Main", "DMX", "Counter", "Slave total"}));
  InstallationSpec withoutMeasures = sampleSite();
  withoutMeasures.gateways[1].devices[0].model = "0 288 00";  // DMX3 with LCD: no measures
  withoutMeasures.gateways[1].devices[1].on = false;
  EXPECT_EQ(namesOf(Installation::build(withoutMeasures).electricalTotalDevices()),
            (std::vector<std::string>{"Main", "Slave total"}));
}

TEST(InstallationQueries, SurviveAMove) {
  Installation installation = Installation::build(sampleSite());
  const Device* main = installation.findDevice("Main");
  const Installation moved = std::move(installation);
  EXPECT_EQ(moved.findDevice("Main"), main);
  EXPECT_EQ(moved.site().name, "Test site");
  EXPECT_EQ(moved.site().variant, Variant::Ews255);
}

}  // namespace
}  // namespace ews::installation
