// Addressing: where each configured device answers, and which units a line carries.
#include "ews/profiles/addressing.hpp"

#include <gtest/gtest.h>

#include "ews/installation/defaults.hpp"
#include "ews/scenario/loader.hpp"

namespace {

using ews::profiles::UnitKind;

ews::installation::Installation build(const std::string& devicesYaml) {
  auto scenario = ews::scenario::parseScenario(
      "ews: {variant: \"255\"}\n"
      "run: {start: \"2026-01-05T00:00\"}\n"
      "installation:\n"
      "  gateways:\n"
      "    - {name: GW, ip: 10.0.0.1, devices: [\n" +
      devicesYaml + "]}\n");
  ews::installation::applyDefaultNames(scenario.installation);
  return ews::installation::Installation::build(scenario.installation);
}

TEST(Addressing, PlainDevicesAnswerAtTheirAddress) {
  const auto site = build("{name: M, family: energy-counter, model: \"4 120 74\", address: 7}");
  const auto* meter = site.findDevice("M");
  EXPECT_EQ(ews::profiles::unitAddressOf(*meter), (ews::profiles::UnitAddress{7, 0}));
  const auto units = ews::profiles::unitsOf(site, *site.findGateway("GW"));
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].unitId, 7);
  EXPECT_EQ(units[0].kind, UnitKind::Device);
}

TEST(Addressing, RemoteEmsModulesShareTheInterfaceUnitAtTheirWindows) {
  const auto site = build(
      "{name: A, family: ems-measure, model: \"4 149 20\", address: \"3-31\"},\n"
      "{name: B, family: ems-state-control, model: \"4 149 29\", address: \"14-31\"},\n"
      "{name: C, family: ems-measure, model: \"4 149 18\", address: 3}");
  EXPECT_EQ(ews::profiles::unitAddressOf(*site.findDevice("A")), (ews::profiles::UnitAddress{31, 3 * 0x400}));
  EXPECT_EQ(ews::profiles::unitAddressOf(*site.findDevice("B")), (ews::profiles::UnitAddress{31, 14 * 0x400}));
  EXPECT_EQ(ews::profiles::unitAddressOf(*site.findDevice("C")), (ews::profiles::UnitAddress{3, 0}));
  const auto units = ews::profiles::unitsOf(site, *site.findGateway("GW"));
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].unitId, 3);
  EXPECT_EQ(units[1].unitId, 31);
  EXPECT_EQ(units[1].kind, UnitKind::EmsInterface);
  ASSERT_EQ(units[1].devices.size(), 2u);
  EXPECT_EQ(units[1].devices[0]->name, "A");  // by module address
}

TEST(Addressing, ModulesBeyondTheLastWindowAreRefused) {
  const auto site = build("{name: A, family: ems-measure, model: \"4 149 20\", address: \"60-31\"}");
  EXPECT_THROW(ews::profiles::unitAddressOf(*site.findDevice("A")), std::invalid_argument);
}

TEST(Addressing, PulseCountersAnswerAtTheirHostWithPositionFields) {
  const auto site = build(
      "{name: W, family: pulse-counter, model: Water counter, concentrator: \"4 120 65\", address: 5, position: 2,"
      " medium: water},\n"
      "{name: E, family: pulse-counter, model: Electricity counter, address: 6, position: 1, medium: electricity},\n"
      "{name: H, family: energy-counter, model: \"4 120 81\", address: 6}");
  const auto units = ews::profiles::unitsOf(site, *site.findGateway("GW"));
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].kind, UnitKind::PulseHost);
  EXPECT_EQ(units[1].kind, UnitKind::PulseHost);
  ASSERT_EQ(units[1].devices.size(), 2u);
  EXPECT_EQ(units[1].devices[0]->name, "H");  // the host counter first
  const auto map = ews::profiles::RegisterMap::generic(3, 0, 2, 1.0);
  EXPECT_EQ(ews::profiles::fieldPrefixOf(*site.findDevice("W"), map), "position.2.");
  EXPECT_EQ(ews::profiles::fieldPrefixOf(*site.findDevice("H"), map), "");
}

TEST(Addressing, OldRangeSidesShareOneUnit) {
  const auto site = build(
      "{name: S2, family: charging-station, model: \"0 590 96\", address: 4, side: 2},\n"
      "{name: S1, family: charging-station, model: \"0 590 96\", address: 4, side: 1}");
  const auto units = ews::profiles::unitsOf(site, *site.findGateway("GW"));
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].kind, UnitKind::StationSides);
  ASSERT_EQ(units[0].devices.size(), 2u);
  EXPECT_EQ(units[0].devices[0]->name, "S1");
}

}  // namespace
