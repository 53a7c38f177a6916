#include <limits>

#include <gtest/gtest.h>

#include "spec_builders.hpp"

namespace ews::installation {
namespace {

using namespace test;

// One device on one physical gateway: the device's own rules in isolation.
InstallationSpec alone(DeviceSpec spec) { return site({physical("10.0.0.1", {std::move(spec)})}); }

// One device on one virtual gateway.
InstallationSpec onSlave(DeviceSpec spec) { return site({slave("10.0.0.9", {std::move(spec)})}); }

const std::string kDevice = "installation.gateways[0].devices[0]";

TEST(ModelRule, AcceptsListedAndEmptyModels) {
  EXPECT_TRUE(isValid(alone(device(DeviceFamily::EnergyCounter, "4 120 74", 1))));
  EXPECT_TRUE(isValid(alone(device(DeviceFamily::EnergyCounter, "", 1))));  // shows "Configuration"
  DeviceSpec generic = device(DeviceFamily::GenericModbus, "Generic Modbus meter", 1);
  generic.generic = GenericRegisterSpec{};
  EXPECT_TRUE(isValid(alone(generic)));
}

TEST(ModelRule, RefusesAnUnknownModelNamingFamilyAndValidModels) {
  DeviceSpec spec = device(DeviceFamily::EnergyCounter, "4 120 53", 1);
  spec.fieldLocs["model"] = {"site.yaml", 9, 14};
  const auto diagnostics = validate(alone(spec));
  const Diagnostic* found = findDiagnostic(diagnostics, kDevice + ".model", "unknown model \"4 120 53\" for family energy-counter");
  ASSERT_NE(found, nullptr) << describe(diagnostics);
  EXPECT_NE(found->reason.find("\"0 046 77\""), std::string::npos) << found->reason;
  EXPECT_EQ(found->where.line, 9);
}

TEST(AddressRule, AcceptsOneTo247) {
  EXPECT_TRUE(isValid(site({physical("10.0.0.1", {meter(1), meter(247)})})));
}

TEST(AddressRule, RefusesZeroAndAbove247) {
  EXPECT_TRUE(reports(alone(meter(0)), kDevice + ".address", "Modbus address 0 is out of range 1..247"));
  EXPECT_TRUE(reports(alone(meter(248)), kDevice + ".address", "out of range 1..247"));
}

TEST(VirtualDeviceRule, HasItsAddressFilledOrFixedAt247) {
  EXPECT_TRUE(isValid(onSlave(virtualDevice(10003))));
  DeviceSpec fixed = virtualDevice(10003);
  fixed.address = 247;
  EXPECT_TRUE(isValid(onSlave(fixed)));
  DeviceSpec moved = virtualDevice(10003);
  moved.address = 5;
  EXPECT_TRUE(reports(onSlave(moved), kDevice + ".address", "fixed at 247"));
}

TEST(VirtualDeviceRule, LivesOnlyOnVirtualGateways) {
  EXPECT_TRUE(reports(alone(virtualDevice(10003)), kDevice + ".family", "belongs on a virtual gateway"));
  EXPECT_TRUE(reports(onSlave(meter(1)), kDevice + ".family",
                      "a virtual gateway holds only wsmeasure devices, not multifunction-meter"));
}

TEST(VirtualDeviceRule, AcceptsTheFourRemoteIdForms) {
  InstallationSpec spec = site({slave("10.0.0.9", {virtualDevice(10001, "D"), virtualDevice(20014, "L"),
                                                   virtualDevice(39999, "G"), virtualDevice(29999, "All")})});
  EXPECT_TRUE(isValid(spec));
}

TEST(VirtualDeviceRule, RequiresAWellFormedRemoteId) {
  DeviceSpec missing = virtualDevice(10001);
  missing.remoteId.reset();
  EXPECT_TRUE(reports(onSlave(missing), kDevice + ".remoteId", "remoteId is required for a virtual device"));
  for (const int remoteId : {10000, 40001, 5, 30000}) {
    EXPECT_TRUE(reports(onSlave(virtualDevice(remoteId)), kDevice + ".remoteId", "is not 1XXXX (device)")) << remoteId;
  }
}

TEST(VirtualDeviceRule, RemoteIdIsForVirtualDevicesOnly) {
  DeviceSpec spec = meter(1);
  spec.remoteId = 10001;
  EXPECT_TRUE(reports(alone(spec), kDevice + ".remoteId", "remoteId applies only to virtual (wsmeasure) devices"));
}

DeviceSpec genericMeter(GenericRegisterSpec generic) {
  DeviceSpec spec = device(DeviceFamily::GenericModbus, "Generic Modbus meter", 1);
  spec.generic = generic;
  return spec;
}

TEST(GenericRegisterRule, AcceptsTheManualsFourFields) {
  EXPECT_TRUE(isValid(alone(genericMeter({4, 0xFFFF, 4, 0.001}))));
  EXPECT_TRUE(isValid(alone(genericMeter({3, 0, 1, 10.0}))));
}

TEST(GenericRegisterRule, RequiresTheRegisterForGenericMeters) {
  DeviceSpec spec = genericMeter({});
  spec.generic.reset();
  EXPECT_TRUE(reports(alone(spec), kDevice + ".generic", "generic is required for a generic Modbus meter"));
}

TEST(GenericRegisterRule, ChecksEachField) {
  DeviceSpec spec = genericMeter({6, 0x10000, 5, 0.0});
  spec.fieldLocs["generic"] = {"site.yaml", 30, 5};
  spec.fieldLocs["generic.words"] = {"site.yaml", 33, 14};
  const auto diagnostics = validate(alone(spec));
  EXPECT_NE(findDiagnostic(diagnostics, kDevice + ".generic.functionCode", "function code 6 is not 3"), nullptr);
  EXPECT_NE(findDiagnostic(diagnostics, kDevice + ".generic.registerAddress", "register 65536 is out of range"), nullptr);
  const Diagnostic* words = findDiagnostic(diagnostics, kDevice + ".generic.words", "word count 5 is out of range 1..4");
  ASSERT_NE(words, nullptr) << describe(diagnostics);
  EXPECT_EQ(words->where.line, 33);
  const Diagnostic* multiplier = findDiagnostic(diagnostics, kDevice + ".generic.multiplier", "positive");
  ASSERT_NE(multiplier, nullptr);
  EXPECT_EQ(multiplier->where.line, 30);  // falls back to the enclosing "generic" field
  EXPECT_TRUE(reports(alone(genericMeter({3, 0, 2, std::numeric_limits<double>::quiet_NaN()})),
                      kDevice + ".generic.multiplier", "positive"));
}

TEST(GenericRegisterRule, IsForGenericMetersOnly) {
  DeviceSpec spec = meter(1);
  spec.generic = GenericRegisterSpec{};
  EXPECT_TRUE(reports(alone(spec), kDevice + ".generic", "generic applies only to generic Modbus meters"));
}

TEST(PulseCounterRule, NeedsPositionAndMedium) {
  EXPECT_TRUE(isValid(alone(pulseCounter(5, 1))));
  DeviceSpec spec = pulseCounter(5, 1);
  spec.position.reset();
  spec.medium.reset();
  EXPECT_TRUE(reports(alone(spec), kDevice + ".position", "position is required for a pulse counter"));
  EXPECT_TRUE(reports(alone(spec), kDevice + ".medium", "medium is required for a pulse counter"));
}

TEST(PulseCounterRule, PositionMediumAndConcentratorAreForPulseCountersOnly) {
  DeviceSpec spec = meter(1);
  spec.position = 1;
  spec.medium = Medium::Water;
  spec.concentrator = "4 120 65";
  EXPECT_TRUE(reports(alone(spec), kDevice + ".position", "position applies only to pulse counters"));
  EXPECT_TRUE(reports(alone(spec), kDevice + ".medium", "medium applies only to pulse counters"));
  EXPECT_TRUE(reports(alone(spec), kDevice + ".concentrator", "concentrator applies only to pulse counters"));
}

TEST(PulseCounterRule, MediumMatchesAModelThatImpliesOne) {
  EXPECT_TRUE(isValid(alone(pulseCounter(5, 1, Medium::Gas, "Gas counter"))));
  EXPECT_TRUE(reports(alone(pulseCounter(5, 1, Medium::Water, "4 120 80")), kDevice + ".medium",
                      "model \"4 120 80\" counts electricity, not water"));
}

TEST(PulseCounterRule, NamesAKnownConcentrator) {
  DeviceSpec spec = pulseCounter(5, 1);
  spec.concentrator = "4 149 26";
  EXPECT_TRUE(isValid(alone(spec)));
  spec.concentrator = "4 120 53";
  EXPECT_TRUE(reports(alone(spec), kDevice + ".concentrator", "is neither a pulse concentrator"));
}

TEST(StationSideRule, IsRequiredForOldRangeTwoSidedStations) {
  DeviceSpec spec = station("0 590 96", 3);
  EXPECT_TRUE(reports(alone(spec), kDevice + ".side", "side is required for the two-sided station 0 590 96"));
  spec.side = 1;
  EXPECT_TRUE(isValid(alone(spec)));
}

TEST(StationSideRule, IsRefusedElsewhere) {
  DeviceSpec newRange = station("0 590 15", 3);  // two-sided, but one address per side
  newRange.side = 2;
  EXPECT_TRUE(reports(alone(newRange), kDevice + ".side", "side applies only to two-sided old-range"));
  DeviceSpec notAStation = meter(1);
  notAStation.side = 1;
  EXPECT_TRUE(reports(alone(notAStation), kDevice + ".side", "applies only to"));
}

TEST(StationSideRule, IsOneOrTwo) {
  DeviceSpec spec = station("0 590 96", 3);
  spec.side = 3;
  EXPECT_TRUE(reports(alone(spec), kDevice + ".side", "side 3 is out of range 1..2"));
}

TEST(StationPhaseRule, IsRequiredForSinglePhaseStations) {
  DeviceSpec spec = station("0 590 01", 3);
  EXPECT_TRUE(reports(alone(spec), kDevice + ".phase", "phase is required for the single-phase station 0 590 01"));
  spec.phase = LinePhase::L2;
  EXPECT_TRUE(isValid(alone(spec)));
}

TEST(StationPhaseRule, IsRefusedForThreePhaseStationsAndOtherDevices) {
  DeviceSpec three = station("0 590 02", 3);
  three.phase = LinePhase::L1;
  EXPECT_TRUE(reports(alone(three), kDevice + ".phase", "phase applies only to single-phase charging stations"));
  DeviceSpec other = meter(1);
  other.phase = LinePhase::L1;
  EXPECT_TRUE(reports(alone(other), kDevice + ".phase", "applies only to single-phase"));
}

TEST(StationPhaseRule, IsOptionalWhenTheModelIsNotSet) {
  DeviceSpec spec = station("", 3);
  EXPECT_TRUE(isValid(alone(spec)));
  spec.phase = LinePhase::L3;
  spec.side = 1;
  EXPECT_TRUE(isValid(alone(spec)));
}

TEST(InterfaceAddressRule, IsForEmsModulesOnly) {
  DeviceSpec ems = device(DeviceFamily::EmsMeasure, "4 149 20", 2);
  ems.interfaceAddress = 1;
  EXPECT_TRUE(isValid(alone(ems)));
  DeviceSpec spec = meter(2);
  spec.interfaceAddress = 1;
  EXPECT_TRUE(reports(alone(spec), kDevice + ".interfaceAddress", "applies only to EMS CX3 modules"));
}

TEST(InterfaceAddressRule, IsAModbusAddress) {
  DeviceSpec ems = device(DeviceFamily::EmsStateControl, "4 149 31", 2);
  ems.interfaceAddress = 300;
  EXPECT_TRUE(reports(alone(ems), kDevice + ".interfaceAddress", "EMS interface address 300 is out of range"));
}

TEST(ExcludeAlertsRule, IsOfferedForEmsDpx3AndDmx3) {
  for (DeviceSpec spec : {device(DeviceFamily::EmsMeasure, "4 149 21", 1),
                          device(DeviceFamily::EmsStateControl, "4 149 29", 1),
                          device(DeviceFamily::Breaker, "DPX3 630 electronic", 1),
                          device(DeviceFamily::Breaker, "0 288 03", 1), device(DeviceFamily::Breaker, "", 1)}) {
    spec.excludeAlerts = true;
    EXPECT_TRUE(isValid(alone(spec))) << spec.model;
  }
}

TEST(ExcludeAlertsRule, IsRefusedElsewhere) {
  for (DeviceSpec spec : {meter(1), device(DeviceFamily::Breaker, "4 106 59", 1), station("0 590 02", 1)}) {
    spec.excludeAlerts = true;
    EXPECT_TRUE(reports(alone(spec), kDevice + ".excludeAlerts", "only for EMS CX3, DPX3 and DMX3")) << spec.model;
  }
}

}  // namespace
}  // namespace ews::installation
