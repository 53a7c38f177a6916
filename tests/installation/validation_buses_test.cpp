#include <gtest/gtest.h>

#include "spec_builders.hpp"

namespace ews::installation {
namespace {

using namespace test;

InstallationSpec bus(std::vector<DeviceSpec> devices, Variant variant = Variant::Ews255) {
  return site({physical("10.0.0.1", std::move(devices))}, variant);
}

std::string devicePath(int index) { return "installation.gateways[0].devices[" + std::to_string(index) + "]"; }

TEST(BusAddressRule, AcceptsDistinctAddressesAndTheSameAddressOnAnotherBus) {
  EXPECT_TRUE(isValid(bus({meter(1, "A"), meter(2, "B")})));
  EXPECT_TRUE(isValid(site({physical("10.0.0.1", {meter(1, "A")}), physical("10.0.0.2", {meter(1, "B")})})));
}

TEST(BusAddressRule, RefusesTwoDevicesOnOneAddress) {
  DeviceSpec second = meter(7, "B");
  second.fieldLocs["address"] = {"site.yaml", 40, 16};
  const auto diagnostics = validate(bus({meter(7, "A"), second}));
  const Diagnostic* found = findDiagnostic(diagnostics, devicePath(1) + ".address",
                                           "Modbus address 7 is already used on this RS485 line by "
                                           "installation.gateways[0].devices[0] (\"A\")");
  ASSERT_NE(found, nullptr) << describe(diagnostics);
  EXPECT_EQ(found->where.line, 40);
}

TEST(BusAddressRule, DoesNotApplyToVirtualGateways) {
  EXPECT_TRUE(isValid(site({slave("10.0.0.9", {virtualDevice(10001), virtualDevice(10002)})})));
}

TEST(PulseSharingRule, PulseCountersShareTheirConcentratorsAddress) {
  EXPECT_TRUE(isValid(bus({pulseCounter(5, 1), pulseCounter(5, 2, Medium::Water, "Water counter"), meter(6)})));
}

TEST(PulseSharingRule, PositionsDiffer) {
  EXPECT_TRUE(reports(bus({pulseCounter(5, 1), pulseCounter(5, 1, Medium::Gas, "Gas counter")}),
                      devicePath(1) + ".position", "position 1 on Modbus address 5 is already used by"));
}

TEST(PulseSharingRule, OtherDevicesDoNotShare) {
  EXPECT_TRUE(reports(bus({meter(5, "M"), pulseCounter(5, 1)}), devicePath(1) + ".address",
                      "Modbus address 5 is already used"));
}

TEST(PulseSharingRule, AnEnergyCounterWithPulseInputsHostsThem) {
  const DeviceSpec host = device(DeviceFamily::EnergyCounter, "4 120 91", 5, "Host");
  EXPECT_TRUE(isValid(bus({host, pulseCounter(5, 1), pulseCounter(5, 2)})));
  EXPECT_TRUE(reports(bus({host, pulseCounter(5, 3)}), devicePath(1) + ".position",
                      "position 3 is out of range 1..2 (4 120 91 has 2 inputs)"));
  const DeviceSpec plain = device(DeviceFamily::EnergyCounter, "4 120 93", 5, "Plain");
  EXPECT_TRUE(reports(bus({plain, pulseCounter(5, 1)}), devicePath(1) + ".address", "already used"));
}

TEST(PulseSharingRule, PositionsStayWithinTheConcentratorsInputs) {
  DeviceSpec twelfth = pulseCounter(5, 12);
  twelfth.concentrator = "4 120 65";
  EXPECT_TRUE(isValid(bus({twelfth})));
  DeviceSpec thirteenth = pulseCounter(5, 13);
  thirteenth.concentrator = "4 120 65";
  EXPECT_TRUE(reports(bus({thirteenth}), devicePath(0) + ".position", "(4 120 65 has 12 inputs)"));
}

TEST(PulseSharingRule, AssumesEightInputsWhenNoConcentratorIsNamed) {
  EXPECT_TRUE(isValid(bus({pulseCounter(5, 8)})));
  EXPECT_TRUE(reports(bus({pulseCounter(5, 9)}), devicePath(0) + ".position",
                      "position 9 is out of range 1..8 (8 inputs assumed when no concentrator is named)"));
  EXPECT_TRUE(reports(bus({pulseCounter(5, 0)}), devicePath(0) + ".position", "out of range"));
}

TEST(PulseSharingRule, CountersOfOneAddressNameOneConcentrator) {
  DeviceSpec first = pulseCounter(5, 1);
  first.concentrator = "4 120 65";
  DeviceSpec second = pulseCounter(5, 2);
  second.concentrator = "0 046 87";
  EXPECT_TRUE(reports(bus({first, second}), devicePath(1) + ".concentrator",
                      "wired to 4 120 65, as installation.gateways[0].devices[0]"));
  DeviceSpec same = pulseCounter(5, 2);
  same.concentrator = "412065";
  EXPECT_TRUE(isValid(bus({first, same})));
}

DeviceSpec side(std::string model, int address, int sideNumber) {
  DeviceSpec spec = station(std::move(model), address);
  spec.side = sideNumber;
  spec.phase = LinePhase::L1;
  return spec;
}

TEST(StationSharingRule, TheTwoSidesOfAnOldRangeStationShareAnAddress) {
  EXPECT_TRUE(isValid(bus({side("0 590 32", 4, 1), side("0 590 32", 4, 2)})));
}

TEST(StationSharingRule, EachSideOnce) {
  EXPECT_TRUE(reports(bus({side("0 590 32", 4, 1), side("0 590 32", 4, 1)}), devicePath(1) + ".side",
                      "side 1 of the station at Modbus address 4 is already"));
}

TEST(StationSharingRule, TwoDifferentStationsDoNotShare) {
  DeviceSpec other = side("0 590 96", 4, 2);
  other.phase.reset();
  EXPECT_TRUE(reports(bus({side("0 590 32", 4, 1), other}), devicePath(1) + ".address", "already used"));
}

TEST(StationSharingRule, NewRangeTwoSidedStationsUseTwoAddresses) {
  DeviceSpec a = station("0 590 44", 4);
  a.phase = LinePhase::L1;
  DeviceSpec b = station("0 590 44", 5);
  b.phase = LinePhase::L2;
  EXPECT_TRUE(isValid(bus({a, b})));
  b.address = 4;
  EXPECT_TRUE(reports(bus({a, b}), devicePath(1) + ".address", "already used"));
}

DeviceSpec emsModule(int moduleAddress, int interfaceAddress) {
  DeviceSpec spec = device(DeviceFamily::EmsMeasure, "4 149 21", moduleAddress);
  spec.interfaceAddress = interfaceAddress;
  return spec;
}

TEST(EmsAddressingRule, ModulesBehindOneInterfaceHaveDistinctAddresses) {
  EXPECT_TRUE(isValid(bus({emsModule(2, 1), emsModule(3, 1), emsModule(2, 9)})));
  EXPECT_TRUE(reports(bus({emsModule(2, 1), emsModule(2, 1)}), devicePath(1) + ".address",
                      "EMS module address 2 behind the interface at Modbus address 1 is already used"));
}

TEST(EmsAddressingRule, TheInterfacesAddressIsTakenOnTheLine) {
  EXPECT_TRUE(reports(bus({emsModule(2, 1), meter(1)}), devicePath(1) + ".address", "Modbus address 1 is already used"));
  EXPECT_TRUE(reports(bus({meter(1), emsModule(2, 1)}), devicePath(1) + ".interfaceAddress", "already used"));
  EXPECT_TRUE(isValid(bus({emsModule(2, 1), meter(2)})));  // module address 2 lives behind the interface
}

// `count` meters at addresses 1..count, named prefix + address.
std::vector<DeviceSpec> meters(int count, const std::string& prefix = "M") {
  std::vector<DeviceSpec> devices;
  for (int address = 1; address <= count; ++address) devices.push_back(meter(address, prefix + std::to_string(address)));
  return devices;
}

TEST(LineCapacityRule, CarriesThirtyTwoAddresses) {
  std::vector<DeviceSpec> devices = meters(32);
  for (int position = 1; position <= 8; ++position) devices.push_back(pulseCounter(100, position));
  devices.erase(devices.begin());  // 31 meters + one concentrator address
  EXPECT_TRUE(isValid(bus(devices)));
}

TEST(LineCapacityRule, RefusesTheThirtyThirdAddress) {
  EXPECT_TRUE(reports(bus(meters(33)), devicePath(32) + ".address",
                      "gateway \"10.0.0.1\" already has 32 Modbus addresses: an RS485 line carries at most 32"));
  const auto diagnostics = validate(bus(meters(40)));
  EXPECT_EQ(diagnostics.size(), 1u) << describe(diagnostics);  // said once per line
}

TEST(DeviceCapacityRule, FollowsTheVariant) {
  EXPECT_TRUE(isValid(bus(meters(10), Variant::Ews10)));
  EXPECT_TRUE(reports(bus(meters(11), Variant::Ews10), devicePath(10),
                      "the Mini Energy Web Server 10 (4 149 47) manages at most 10 devices; this site has 11"));
  EXPECT_TRUE(isValid(site({physical("10.0.0.1", meters(16, "A")), physical("10.0.0.2", meters(16, "B"))},
                           Variant::Ews32)));
  EXPECT_TRUE(reports(site({physical("10.0.0.1", meters(17, "A")), physical("10.0.0.2", meters(16, "B"))},
                           Variant::Ews32),
                      "installation.gateways[1].devices[15]", "at most 32 devices"));
}

TEST(DeviceCapacityRule, CountsVirtualDevicesAndPulseCounters) {
  InstallationSpec spec = site({physical("10.0.0.1", {pulseCounter(5, 1), pulseCounter(5, 2)}),
                                slave("10.0.0.9", {virtualDevice(10001, "V1"), virtualDevice(10002, "V2")})},
                               Variant::Ews10);
  EXPECT_TRUE(isValid(spec));
  for (int index = 3; index <= 9; ++index) spec.gateways[1].devices.push_back(virtualDevice(10000 + index, "V" + std::to_string(index)));
  EXPECT_TRUE(reports(spec, "installation.gateways[1].devices[8]", "at most 10 devices"));
}

}  // namespace
}  // namespace ews::installation
