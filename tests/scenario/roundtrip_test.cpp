// Every key of the format lands in its struct field, with its unit converted and its
// position recorded.
#include <gtest/gtest.h>

#include "scenario_test_support.hpp"

namespace ews::scenario {
namespace {

using testing::parseValid;
namespace inst = ews::installation;

// Every key with a value that differs from its default.
const char* const kEverything = R"(name: everything
description: Every key of the format
ews:
  variant: "10"
  timezone: America/New_York
  sampleRate: 15min
  currency: USD
  csv: {decimalSeparator: point, fieldSeparator: semicolon}
  modbus: {baud: 9600, parity: odd, stopBits: 2, timeout: 1s, tcpServer: true, tcpServerPort: 1502}
run:
  start: "2026-07-01 06:30"
  timezone: Europe/Paris
  duration: 2d12h
  seed: 18446744073709551615
  clock: wall
  speed: 60
  controlPeriod: 500ms
installation:
  site: Plant
  panelBoards: [{name: Board 1, description: North, enabled: false}]
  loads: [{name: Servers}, {name: Heating, enabled: false}]
  groups: [{name: Floor 1, description: First floor, enabled: false}]
  gateways:
    - name: Local
      kind: local
      port: 503
      description: The Mini itself
      panelBoard: Board 1
      on: false
      eqDevice: Main
      devices:
        - name: Main
          family: multifunction-meter
          model: "4 120 53"
          description: Incomer
          address: 1
          supply: downstream
          load: Servers
          groups: [Floor 1, Tenant]
          on: false
          excludeFromTotals: true
          excludeAlerts: true
          sim: {profile: office, scale: 0.5, powerFactor: 0.9, downstream: [EMS]}
        - {name: EMS, family: ems-measure, address: "2-1", sim: {profile: base}}
        - {name: Water, family: pulse-counter, address: 5, position: 3, medium: water}
        - {family: charging-station, address: 7, side: 2, phase: L3}
        - {name: Other, family: generic-modbus, address: 9, generic: {function: 4, register: "0x01A0", words: 3, multiplier: 0.01}}
    - name: Slave
      kind: virtual
      ip: 192.168.1.50
      devices:
        - {name: Remote all, family: wsmeasure, remoteId: all}
        - {name: Remote 12, family: wsmeasure, remoteId: 10012}
loadProfiles:
  - {name: office, kind: daily, points: [["00:00", 800], ["08:00", 5kW], ["24:00", 0.8kW]], weekendFactor: 0.3, noise: 5%}
  - {name: base, kind: constant, power: 1.2kW, noise: 0.05}
deviceSims:
  - {device: Water, profile: base, scale: 2}
sessions:
  - {station: 7-2, arrival: "2026-07-01T08:10", departure: "2026-07-01T17:30:15", energyWanted: 20500Wh, battery: 60kWh, initialSoc: 20%}
faults:
  - {kind: exception, target: Other, from: "2026-07-01T10:00", to: "2026-07-01T11:00", probability: 0.25, exceptionCode: 2}
  - {kind: gateway-down, target: Slave}
  - {kind: device-offline, target: Main, from: "2026-07-02T00:00"}
  - {kind: timeout, target: EMS, to: "2026-07-01T07:00"}
  - {kind: crc, target: Water}
dlm:
  on: true
  totalMeter: Main
  scope: charging-only
  maxCurrent: 250A
  maxChargingCurrent: 230
  hysteresis: 5%
  firstStep: 80
  secondStep: 40
  minCharge: 20Ah
  priorityStations: [7-2]
)";

TEST(RoundTrip, TopLevelEwsAndRun) {
  const Scenario s = parseValid(kEverything);
  EXPECT_EQ(s.file, "test.yaml");
  EXPECT_EQ(s.name, "everything");
  EXPECT_EQ(s.description, "Every key of the format");
  EXPECT_EQ(s.installation.variant, inst::Variant::Ews10);
  EXPECT_EQ(s.ews.timezone, "America/New_York");
  EXPECT_EQ(s.ews.sampleRate, minutes(15));
  EXPECT_EQ(s.ews.currency, "USD");
  EXPECT_EQ(s.ews.csvDecimalSeparator, '.');
  EXPECT_EQ(s.ews.csvFieldSeparator, ';');
  EXPECT_EQ(s.ews.modbus.baud, 9600);
  EXPECT_EQ(s.ews.modbus.parity, Parity::Odd);
  EXPECT_EQ(s.ews.modbus.stopBits, 2);
  EXPECT_EQ(s.ews.modbus.timeout, seconds(1));
  EXPECT_TRUE(s.ews.modbus.tcpServer);
  EXPECT_EQ(s.ews.modbus.tcpServerPort, 1502);
  EXPECT_EQ(s.ews.loc.line, 4);
  // run.timezone overrides ews.timezone for the run's date-times: 06:30 CEST = 04:30 UTC.
  EXPECT_EQ(s.run.timezone, "Europe/Paris");
  EXPECT_EQ(s.run.startLocal, "2026-07-01 06:30");
  EXPECT_EQ(formatUtc(s.run.start), "2026-07-01T04:30:00.000000Z");
  EXPECT_EQ(s.run.duration, days(2) + hours(12));
  EXPECT_EQ(s.run.seed, 18446744073709551615ULL);
  EXPECT_EQ(s.run.clock, ClockMode::Wall);
  EXPECT_DOUBLE_EQ(s.run.speed, 60.0);
  EXPECT_EQ(s.run.controlPeriod, milliseconds(500));
  EXPECT_EQ(s.run.loc.line, 11);
  EXPECT_EQ(s.run.loc.column, 3);
}

TEST(RoundTrip, InstallationEntries) {
  const Scenario s = parseValid(kEverything);
  const auto& in = s.installation;
  EXPECT_EQ(in.siteName, "Plant");
  EXPECT_EQ(in.fieldLocs.at("siteName").line, 19);
  EXPECT_EQ(in.fieldLocs.at("variant").line, 4);
  EXPECT_EQ(in.fieldLocs.at("variant").column, 12);
  ASSERT_EQ(in.panelBoards.size(), 1u);
  EXPECT_EQ(in.panelBoards[0].name, "Board 1");
  EXPECT_EQ(in.panelBoards[0].description, "North");
  EXPECT_FALSE(in.panelBoards[0].enabled);
  ASSERT_EQ(in.loads.size(), 2u);
  EXPECT_TRUE(in.loads[0].enabled);
  EXPECT_EQ(in.loads[1].name, "Heating");
  EXPECT_FALSE(in.loads[1].enabled);
  EXPECT_EQ(in.loads[1].fieldLocs.at("enabled").line, 21);
  ASSERT_EQ(in.groups.size(), 1u);
  EXPECT_EQ(in.groups[0].description, "First floor");
  EXPECT_FALSE(in.groups[0].enabled);

  ASSERT_EQ(in.gateways.size(), 2u);
  const auto& local = in.gateways[0];
  EXPECT_EQ(local.name, "Local");
  EXPECT_EQ(local.kind, inst::GatewayKind::Local);
  EXPECT_EQ(local.ip, "127.0.0.1");
  EXPECT_EQ(local.port, 503);
  EXPECT_EQ(local.description, "The Mini itself");
  EXPECT_EQ(local.panelBoard, "Board 1");
  EXPECT_FALSE(local.on);
  EXPECT_EQ(local.eqDevice, "Main");
  EXPECT_EQ(local.loc.line, 24);
  EXPECT_EQ(local.loc.column, 7);
  EXPECT_EQ(local.fieldLocs.at("eqDevice").line, 30);
  ASSERT_EQ(local.devices.size(), 5u);

  const auto& main = local.devices[0];
  EXPECT_EQ(main.family, inst::DeviceFamily::MultifunctionMeter);
  EXPECT_EQ(main.model, "4 120 53");
  EXPECT_EQ(main.description, "Incomer");
  EXPECT_EQ(main.address, 1);
  EXPECT_EQ(main.supply, inst::Supply::Downstream);
  EXPECT_EQ(main.load, "Servers");
  EXPECT_EQ(main.groups, (std::vector<std::string>{"Floor 1", "Tenant"}));
  EXPECT_FALSE(main.on);
  EXPECT_TRUE(main.excludeFromTotals);
  EXPECT_TRUE(main.excludeAlerts);
  EXPECT_EQ(main.loc.line, 32);
  EXPECT_EQ(main.loc.column, 11);
  EXPECT_EQ(main.fieldLocs.at("address").line, 36);
  EXPECT_EQ(main.fieldLocs.at("address").column, 20);
  EXPECT_EQ(main.fieldLocs.at("groups[1]").line, 39);
  EXPECT_EQ(main.fieldLocs.at("groups[1]").column, 29);

  const auto& ems = local.devices[1];
  EXPECT_EQ(ems.address, 2);
  EXPECT_EQ(ems.interfaceAddress, 1);
  EXPECT_EQ(ems.fieldLocs.at("interfaceAddress").line, 44);
  EXPECT_EQ(ems.fieldLocs.at("interfaceAddress").column, 53);

  const auto& water = local.devices[2];
  EXPECT_EQ(water.position, 3);
  EXPECT_EQ(water.medium, inst::Medium::Water);

  const auto& station = local.devices[3];
  EXPECT_EQ(station.name, "7-2");  // default name: address-side
  EXPECT_EQ(station.side, 2);
  EXPECT_EQ(station.phase, inst::LinePhase::L3);

  const auto& generic = local.devices[4];
  ASSERT_TRUE(generic.generic.has_value());
  EXPECT_EQ(generic.generic->functionCode, 4);
  EXPECT_EQ(generic.generic->registerAddress, 0x01A0);
  EXPECT_EQ(generic.generic->words, 3);
  EXPECT_DOUBLE_EQ(generic.generic->multiplier, 0.01);
  EXPECT_EQ(generic.fieldLocs.count("generic.registerAddress"), 1u);
  EXPECT_EQ(generic.fieldLocs.count("generic.register"), 1u);

  const auto& slave = in.gateways[1];
  EXPECT_EQ(slave.kind, inst::GatewayKind::Virtual);
  EXPECT_EQ(slave.ip, "192.168.1.50");
  EXPECT_EQ(slave.port, 502);
  EXPECT_EQ(slave.devices[0].address, 247);  // filled automatically for WSMEASURE
  EXPECT_EQ(slave.devices[0].remoteId, 29999);
  EXPECT_EQ(slave.devices[1].remoteId, 10012);
}

TEST(RoundTrip, ProfilesAndSims) {
  const Scenario s = parseValid(kEverything);
  ASSERT_EQ(s.loadProfiles.size(), 2u);
  const auto& office = s.loadProfiles[0];
  EXPECT_EQ(office.kind, LoadProfileSpec::Kind::Daily);
  ASSERT_EQ(office.dailyPointsW.size(), 3u);
  EXPECT_EQ(office.dailyPointsW[1].first, hours(8));
  EXPECT_DOUBLE_EQ(office.dailyPointsW[1].second, 5000.0);
  EXPECT_EQ(office.dailyPointsW[2].first, hours(24));
  EXPECT_DOUBLE_EQ(office.dailyPointsW[2].second, 800.0);
  EXPECT_DOUBLE_EQ(office.weekendFactor, 0.3);
  EXPECT_DOUBLE_EQ(office.noiseFraction, 0.05);
  const auto& base = s.loadProfiles[1];
  EXPECT_EQ(base.kind, LoadProfileSpec::Kind::Constant);
  EXPECT_DOUBLE_EQ(base.powerW, 1200.0);

  // Nested sims first, in device order, then the top-level list.
  ASSERT_EQ(s.deviceSims.size(), 3u);
  EXPECT_EQ(s.deviceSims[0].device, "Main");
  EXPECT_EQ(s.deviceSims[0].profile, "office");
  EXPECT_DOUBLE_EQ(s.deviceSims[0].scale, 0.5);
  EXPECT_DOUBLE_EQ(s.deviceSims[0].powerFactor, 0.9);
  EXPECT_DOUBLE_EQ(s.deviceSims[1].powerFactor, 0.95);  // the default
  EXPECT_EQ(s.deviceSims[0].downstream, (std::vector<std::string>{"EMS"}));
  EXPECT_EQ(s.deviceSims[0].fieldLocs.at("device").line, 32);  // the device's name
  EXPECT_EQ(s.deviceSims[1].device, "EMS");
  EXPECT_EQ(s.deviceSims[2].device, "Water");
  EXPECT_DOUBLE_EQ(s.deviceSims[2].scale, 2.0);
}

TEST(RoundTrip, SessionsFaultsAndDlm) {
  const Scenario s = parseValid(kEverything);
  ASSERT_EQ(s.sessions.size(), 1u);
  const auto& session = s.sessions[0];
  EXPECT_EQ(session.station, "7-2");
  EXPECT_EQ(formatUtc(session.arrival), "2026-07-01T06:10:00.000000Z");
  EXPECT_EQ(formatUtc(session.departure), "2026-07-01T15:30:15.000000Z");
  EXPECT_DOUBLE_EQ(session.energyWantedKWh, 20.5);
  EXPECT_DOUBLE_EQ(session.batteryKWh, 60.0);
  EXPECT_DOUBLE_EQ(session.initialSocPct, 20.0);

  ASSERT_EQ(s.faults.size(), 5u);
  EXPECT_EQ(s.faults[0].kind, FaultSpec::Kind::Exception);
  EXPECT_EQ(s.faults[0].target, "Other");
  EXPECT_EQ(formatUtc(s.faults[0].from), "2026-07-01T08:00:00.000000Z");
  EXPECT_EQ(formatUtc(s.faults[0].to), "2026-07-01T09:00:00.000000Z");
  EXPECT_DOUBLE_EQ(s.faults[0].probability, 0.25);
  EXPECT_EQ(s.faults[0].exceptionCode, 2);
  // No window: the whole run.
  EXPECT_EQ(s.faults[1].kind, FaultSpec::Kind::GatewayDown);
  EXPECT_EQ(s.faults[1].from, s.run.start);
  EXPECT_EQ(s.faults[1].to, s.run.start + s.run.duration);
  EXPECT_EQ(s.faults[2].kind, FaultSpec::Kind::DeviceOffline);
  EXPECT_EQ(s.faults[2].to, s.run.start + s.run.duration);
  EXPECT_EQ(s.faults[3].kind, FaultSpec::Kind::Timeout);
  EXPECT_EQ(s.faults[3].from, s.run.start);
  EXPECT_EQ(s.faults[4].kind, FaultSpec::Kind::CrcError);

  EXPECT_TRUE(s.dlm.on);
  EXPECT_EQ(s.dlm.totalMeter, "Main");
  EXPECT_EQ(s.dlm.scope, DlmSpec::MeterScope::ChargingOnly);
  EXPECT_DOUBLE_EQ(s.dlm.maxCurrentA, 250.0);
  EXPECT_DOUBLE_EQ(s.dlm.maxChargingCurrentA, 230.0);
  EXPECT_DOUBLE_EQ(s.dlm.hysteresisPct, 5.0);
  EXPECT_DOUBLE_EQ(s.dlm.firstStepPct, 80.0);
  EXPECT_DOUBLE_EQ(s.dlm.secondStepPct, 40.0);
  EXPECT_DOUBLE_EQ(s.dlm.minChargeAh, 20.0);
  EXPECT_EQ(s.dlm.priorityStations, (std::vector<std::string>{"7-2"}));
  EXPECT_EQ(s.dlm.fieldLocs.at("maxCurrent").line, 71);
  EXPECT_EQ(s.dlm.fieldLocs.at("maxCurrent").column, 15);
}

TEST(RoundTrip, DefaultsOfAMinimalScenario) {
  const Scenario s = parseValid(testing::kRunHeader);
  EXPECT_EQ(s.installation.variant, inst::Variant::Ews255);
  EXPECT_EQ(s.ews.timezone, "Europe/Paris");
  EXPECT_EQ(s.ews.sampleRate, minutes(10));
  EXPECT_EQ(s.ews.modbus.baud, 19200);
  EXPECT_EQ(s.ews.modbus.parity, Parity::Even);
  EXPECT_EQ(s.ews.modbus.stopBits, 1);
  EXPECT_EQ(s.ews.modbus.timeout, milliseconds(300));
  EXPECT_EQ(s.ews.csvDecimalSeparator, ',');
  EXPECT_EQ(s.ews.csvFieldSeparator, ';');
  EXPECT_EQ(s.run.timezone, "Europe/Paris");
  EXPECT_EQ(formatUtc(s.run.start), "2026-01-04T23:00:00.000000Z");
  EXPECT_EQ(s.run.duration, days(1));
  EXPECT_EQ(s.run.seed, 1u);
  EXPECT_EQ(s.run.clock, ClockMode::Virtual);
  EXPECT_FALSE(s.dlm.on);
  EXPECT_DOUBLE_EQ(s.dlm.firstStepPct, 75.0);
  EXPECT_DOUBLE_EQ(s.dlm.secondStepPct, 50.0);
  EXPECT_DOUBLE_EQ(s.dlm.minChargeAh, 32.0);
  EXPECT_TRUE(s.installation.gateways.empty());
}

TEST(RoundTrip, MaxChargingCurrentDefaultsToMaxCurrent) {
  const Scenario s = parseValid(testing::kRunHeader + "dlm: {maxCurrent: 100}\n");
  EXPECT_DOUBLE_EQ(s.dlm.maxChargingCurrentA, 100.0);
}

TEST(RoundTrip, LoadScenarioFileNamesThePathInPositions) {
  const std::string path = std::string(EWS_SOURCE_DIR) + "/scenarios/default.yaml";
  const Scenario s = loadScenarioFile(path);
  EXPECT_EQ(s.file, path);
  EXPECT_EQ(s.run.loc.file, path);
  EXPECT_EQ(s.installation.gateways.at(0).devices.at(0).loc.file, path);
}

}  // namespace
}  // namespace ews::scenario
