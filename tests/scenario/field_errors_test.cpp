// One value at fault: unknown keys, wrong types, out-of-range values, bad enums, durations,
// date-times and time zones. Each case checks the exact line:column of the offending node,
// the dotted field path and the reason. Documents start with kRunHeader (lines 1-2).
#include <gtest/gtest.h>

#include "scenario_test_support.hpp"

namespace ews::scenario {
namespace {

using testing::diagnosticsOf;
using testing::hasDiagnostic;
using testing::kRunHeader;

TEST(FieldErrors, UnknownKeySuggestsTheClosestOne) {
  const auto d = diagnosticsOf(kRunHeader +
                               "installation:\n"              // 3
                               "  gateways:\n"                // 4
                               "    - name: Local\n"          // 5
                               "      kind: local\n"          // 6
                               "      devices:\n"             // 7
                               "        - name: Meter\n"      // 8
                               "          family: energy-counter\n"
                               "          adress: 3\n");      // 10
  ASSERT_EQ(d.size(), 2u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 10, 11, "installation.gateways[0].devices[0].adress",
                            "unknown key 'adress' (did you mean 'address'?)"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 11, "installation.gateways[0].devices[0].address", "missing required key 'address'"));
  EXPECT_EQ(d[1].str(), "test.yaml:10:11: installation.gateways[0].devices[0].adress: "
                        "unknown key 'adress' (did you mean 'address'?)");
}

TEST(FieldErrors, UnknownKeyWithoutCloseMatchListsTheKnownOnes) {
  const auto d = diagnosticsOf(kRunHeader + "colour: red\n");
  EXPECT_TRUE(hasDiagnostic(d, 3, 1, "colour", "unknown key 'colour' (expected one of: description, deviceSims, dlm, ews, faults, installation, "
                            "loadProfiles, name, run, sessions, sessionsFile, slaves, tariffs)"));
}

TEST(FieldErrors, WrongTypes) {
  const auto d = diagnosticsOf(kRunHeader +
                               "name: [a, b]\n"                                  // 3
                               "ews:\n"                                          // 4
                               "  modbus:\n"                                     // 5
                               "    baud: fast\n"                                // 6
                               "    tcpServer: maybe\n"                          // 7
                               "installation:\n"                                 // 8
                               "  groups: Floor 1\n"                             // 9
                               "dlm: 5\n"                                        // 10
                               "loadProfiles:\n"                                 // 11
                               "  - {name: base, kind: constant, power: high}\n"  // 12
                               "sessions: {station: CP1}\n");                    // 13
  ASSERT_EQ(d.size(), 7u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 3, 7, "name", "expected a string, got a list"));
  EXPECT_TRUE(hasDiagnostic(d, 6, 11, "ews.modbus.baud", "expected an integer, got 'fast'"));
  EXPECT_TRUE(hasDiagnostic(d, 7, 16, "ews.modbus.tcpServer", "expected a boolean (true/false), got 'maybe'"));
  EXPECT_TRUE(hasDiagnostic(d, 9, 11, "installation.groups", "expected a list, got 'Floor 1'"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 6, "dlm", "expected a map, got '5'"));
  EXPECT_TRUE(hasDiagnostic(d, 12, 41, "loadProfiles[0].power", "expected a number"));
  EXPECT_TRUE(hasDiagnostic(d, 13, 11, "sessions", "expected a list, got a map"));
}

TEST(FieldErrors, EmptyValuePointsAtItsKey) {
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf(kRunHeader + "ews:\n  currency:\n"), 4, 3, "ews.currency",
                            "expected a string, got an empty value"));
}

TEST(FieldErrors, EwsValuesOutOfRange) {
  const auto d = diagnosticsOf(kRunHeader +
                               "ews:\n"                                                       // 3
                               "  sampleRate: 7min\n"                                         // 4
                               "  currency: euro\n"                                           // 5
                               "  csv: {decimalSeparator: comma, fieldSeparator: comma}\n"    // 6
                               "  modbus:\n"                                                  // 7
                               "    baud: 12345\n"                                            // 8
                               "    parity: mark\n"                                           // 9
                               "    stopBits: 3\n"                                            // 10
                               "    timeout: 10ms\n"                                          // 11
                               "    tcpServerPort: 70000\n"                                   // 12
                               "  variant: \"64\"\n");                                        // 13
  ASSERT_EQ(d.size(), 9u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 4, 15, "ews.sampleRate", "whole number of minutes that divides a day evenly"));
  EXPECT_TRUE(hasDiagnostic(d, 5, 13, "ews.currency", "three-letter ISO 4217 code such as EUR, got 'euro'"));
  EXPECT_TRUE(hasDiagnostic(d, 6, 50, "ews.csv.fieldSeparator", "must differ from decimalSeparator"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 11, "ews.modbus.baud",
                            "must be one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, got 12345"));
  EXPECT_TRUE(hasDiagnostic(d, 9, 13, "ews.modbus.parity", "unknown value 'mark' (expected one of: none, even, odd)"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 15, "ews.modbus.stopBits", "must be one of 1, 2, got 3"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 14, "ews.modbus.timeout", "must be between 50ms and 10s, got 10ms"));
  EXPECT_TRUE(hasDiagnostic(d, 12, 20, "ews.modbus.tcpServerPort", "must be between 1 and 65535, got 70000"));
  EXPECT_TRUE(hasDiagnostic(d, 13, 12, "ews.variant", "unknown value '64' (expected one of: 10, 32, 255)"));
}

TEST(FieldErrors, SampleRateBounds) {
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf(kRunHeader + "ews: {sampleRate: 30s}\n"), 3, 19, "ews.sampleRate",
                            "must be between 1min and 1d, got 30s"));
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf(kRunHeader + "ews: {sampleRate: 2d}\n"), 3, 19, "ews.sampleRate",
                            "must be between 1min and 1d"));
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf(kRunHeader + "ews: {sampleRate: 90s}\n"), 3, 19, "ews.sampleRate",
                            "whole number of minutes"));
}

TEST(FieldErrors, GasConversionBounds) {
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf(kRunHeader + "ews: {gasConversion: 0}\n"), 3, 22, "ews.gasConversion",
                            "must be greater than 0 and at most 20, got 0"));
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf(kRunHeader + "ews: {gasConversion: 10500}\n"), 3, 22, "ews.gasConversion",
                            "at most 20"));
  EXPECT_DOUBLE_EQ(testing::parseValid(kRunHeader + "ews: {gasConversion: 9.8}\n").ews.gasKWhPerM3, 9.8);
  EXPECT_DOUBLE_EQ(testing::parseValid(kRunHeader).ews.gasKWhPerM3, 11.2);
}

TEST(FieldErrors, RunValuesOutOfRange) {
  const auto d = diagnosticsOf(
      "run:\n"                            // 1
      "  start: \"2026-01-05T00:00:00\"\n"  // 2
      "  duration: 0s\n"                  // 3
      "  speed: 0\n"                      // 4
      "  clock: sundial\n"                // 5
      "  controlPeriod: 7s\n"             // 6
      "  seed: -1\n");                    // 7
  ASSERT_EQ(d.size(), 5u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 3, 13, "run.duration", "must be between 1us and"));
  EXPECT_TRUE(hasDiagnostic(d, 4, 10, "run.speed", "must be greater than 0 and at most 1e+09, got 0"));
  EXPECT_TRUE(hasDiagnostic(d, 5, 10, "run.clock", "unknown value 'sundial' (expected one of: virtual, wall)"));
  EXPECT_TRUE(hasDiagnostic(d, 6, 18, "run.controlPeriod", "must divide ews.sampleRate (10min) evenly, got 7s"));
  EXPECT_TRUE(hasDiagnostic(d, 7, 9, "run.seed", "expected a non-negative integer, got '-1'"));
}

TEST(FieldErrors, BadDurations) {
  const auto d = diagnosticsOf(
      "run:\n"                                  // 1
      "  start: \"2026-01-05T00:00:00\"\n"        // 2
      "  duration: 15\n"                        // 3
      "ews:\n"                                  // 4
      "  sampleRate: 15 minutes\n"              // 5
      "  modbus: {timeout: 999999999999d}\n");  // 6
  ASSERT_EQ(d.size(), 3u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 3, 13, "run.duration", "unknown or missing unit"));
  EXPECT_TRUE(hasDiagnostic(d, 5, 15, "ews.sampleRate", "(e.g. 500ms, 15min, 1h30min, 1d)"));
  EXPECT_TRUE(hasDiagnostic(d, 6, 21, "ews.modbus.timeout", "duration '999999999999d' is too large"));
}

TEST(FieldErrors, MissingStart) {
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf("run:\n  duration: 1d\n"), 2, 3, "run.start", "missing required key 'start'"));
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf("name: x\n"), 1, 1, "run.start", "missing required key 'start'"));
}

TEST(FieldErrors, BadDateTimes) {
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf("run:\n  start: \"2026-02-30T00:00\"\n"), 2, 10, "run.start",
                            "'2026-02-30T00:00' is not a valid calendar date"));
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf("run:\n  start: 05/01/2026\n"), 2, 10, "run.start",
                            "expected a local date-time YYYY-MM-DDTHH:MM[:SS], got '05/01/2026'"));
}

TEST(FieldErrors, StartInADaylightSavingGap) {
  const auto d = diagnosticsOf("run:\n  start: \"2026-03-29T02:30:00\"\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(hasDiagnostic(d, 2, 10, "run.start",
                            "local time 2026-03-29 02:30:00 does not exist in Europe/Paris (skipped by the change "
                            "to daylight saving time)"));
}

TEST(FieldErrors, GapDependsOnTheRunZone) {
  // 02:30 on 2026-03-29 exists in New York (its change was on 03-08) but not on 03-08.
  EXPECT_NO_THROW(parseScenario("run: {start: \"2026-03-29T02:30\", timezone: America/New_York}\n"));
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf("run: {start: \"2026-03-08T02:30\", timezone: America/New_York}\n"), 1,
                            14, "run.start", "does not exist in America/New_York"));
}

TEST(FieldErrors, UnknownTimeZones) {
  const auto d = diagnosticsOf(
      "ews:\n"                             // 1
      "  timezone: Mars/Olympus\n"         // 2
      "run:\n"                             // 3
      "  start: \"2026-01-05T00:00:00\"\n"   // 4
      "  timezone: Europe/Pariss\n");      // 5
  ASSERT_EQ(d.size(), 2u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 2, 13, "ews.timezone", "unknown time zone 'Mars/Olympus'"));
  EXPECT_TRUE(hasDiagnostic(d, 5, 13, "run.timezone", "unknown time zone 'Europe/Pariss'"));
}

TEST(FieldErrors, LoadProfileValues) {
  const auto d = diagnosticsOf(
      kRunHeader +
      "loadProfiles:\n"                                                                                    // 3
      "  - name: office\n"                                                                                 // 4
      "    kind: daily\n"                                                                                  // 5
      "    points: [[\"00:00\", 800], [\"25:00\", 900], [\"12:00\", 5000], [\"08:00\", 100], [1, 2, 3]]\n"  // 6
      "    noise: 2\n"                                                                                     // 7
      "  - {name: flat, kind: constant, power: -5}\n"                                                      // 8
      "  - {name: wrong, kind: weekly}\n"                                                                  // 9
      "  - {name: mixed, kind: constant, power: 1, points: []}\n"                                          // 10
      "  - {name: empty, kind: daily, points: []}\n");                                                     // 11
  ASSERT_EQ(d.size(), 8u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 6, 31, "loadProfiles[0].points[1]", "expected a time of day HH:MM"));
  EXPECT_TRUE(hasDiagnostic(d, 6, 64, "loadProfiles[0].points[3]",
                            "time 08:00 must come after the previous point's (12:00)"));
  EXPECT_TRUE(hasDiagnostic(d, 6, 79, "loadProfiles[0].points[4]", "expected a pair [\"HH:MM\", power]"));
  EXPECT_TRUE(hasDiagnostic(d, 7, 12, "loadProfiles[0].noise", "must be between 0 and 1, got 2"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 41, "loadProfiles[1].power", "must be at least 0 W, got -5 W"));
  EXPECT_TRUE(hasDiagnostic(d, 9, 25, "loadProfiles[2].kind", "unknown value 'weekly' (expected one of: constant, daily, trace, office, home)"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 53, "loadProfiles[3].points", "'points' applies only to kind daily"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 40, "loadProfiles[4].points", "needs at least one point"));
}

TEST(FieldErrors, QuantityUnits) {
  const auto d = diagnosticsOf(kRunHeader +
                               "loadProfiles: [{name: a, kind: constant, power: 5kWh}]\n"  // 3
                               "dlm: {maxCurrent: 10kA}\n");                               // 4
  ASSERT_EQ(d.size(), 2u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 3, 49, "loadProfiles[0].power", "unknown unit 'kWh' (expected W, kW, MW)"));
  EXPECT_TRUE(hasDiagnostic(d, 4, 19, "dlm.maxCurrent", "unknown unit 'kA' (expected A)"));
}

TEST(FieldErrors, InstallationFieldValues) {
  const auto d = diagnosticsOf(kRunHeader +
                               "installation:\n"                                                        // 3
                               "  gateways:\n"                                                          // 4
                               "    - name: Gw\n"                                                       // 5
                               "      ip: 300.1.1.1\n"                                                  // 6
                               "      kind: remote\n"                                                   // 7
                               "      devices:\n"                                                       // 8
                               "        - {name: A, family: meter, address: 1}\n"                       // 9
                               "        - {name: B, family: breaker, address: 248}\n"                   // 10
                               "        - {name: C, family: ems-measure, address: \"2-0\"}\n"           // 11
                               "        - {name: D, family: charging-station, address: 4, side: 3}\n"   // 12
                               "        - {name: E, family: charging-station, address: 5, phase: L4}\n" // 13
                               "        - {name: F, family: wsmeasure, remoteId: 5}\n"                  // 14
                               "        - {name: G, family: generic-modbus, address: 6, generic: {register: 256}}\n"  // 15
                               "        - {name: H, family: pulse-counter, address: 7, position: 0}\n");  // 16
  ASSERT_EQ(d.size(), 10u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 6, 11, "installation.gateways[0].ip", "expected an IPv4 address"));
  EXPECT_TRUE(hasDiagnostic(d, 7, 13, "installation.gateways[0].kind",
                            "unknown value 'remote' (expected one of: local, physical, virtual)"));
  EXPECT_TRUE(hasDiagnostic(d, 9, 29, "installation.gateways[0].devices[0].family",
                            "unknown value 'meter' (expected one of: energy-counter, multifunction-meter, "
                            "ems-measure, ems-state-control, pulse-counter, breaker, power-supervision, "
                            "charging-station, generic-modbus, wsmeasure)"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 47, "installation.gateways[0].devices[1].address",
                            "must be between 1 and 247, got 248"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 51, "installation.gateways[0].devices[2].address", "'device-interface'"));
  EXPECT_TRUE(hasDiagnostic(d, 12, 65, "installation.gateways[0].devices[3].side", "must be one of 1, 2, got 3"));
  EXPECT_TRUE(hasDiagnostic(d, 13, 66, "installation.gateways[0].devices[4].phase",
                            "unknown value 'L4' (expected one of: L1, L2, L3)"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 50, "installation.gateways[0].devices[5].remoteId",
                            "must be between 10000 and 39999, got 5"));
  EXPECT_TRUE(hasDiagnostic(d, 15, 77, "installation.gateways[0].devices[6].generic.register",
                            "hexadecimal value with a 0x prefix"));
  EXPECT_TRUE(hasDiagnostic(d, 16, 66, "installation.gateways[0].devices[7].position",
                            "must be between 1 and 255, got 0"));
}

TEST(FieldErrors, AGenericRegisterWhoseWordsRunPastTheLastRegister) {
  const auto d = diagnosticsOf(kRunHeader +
                               "installation:\n"                                                        // 3
                               "  gateways:\n"                                                          // 4
                               "    - ip: 10.0.0.2\n"                                                   // 5
                               "      devices:\n"                                                       // 6
                               "        - {family: generic-modbus, address: 1, generic: {register: \"0xFFFE\", words: 4}}\n"  // 7
                               "        - {family: generic-modbus, address: 2, generic: {register: \"0xFFFF\"}}\n"  // 8
                               "        - {family: generic-modbus, address: 3, generic: {register: \"0xFFFC\", words: 4}}\n");  // 9
  ASSERT_EQ(d.size(), 2u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 7, 85, "installation.gateways[0].devices[0].generic.words",
                            "register 0xFFFE plus 4 words runs past 0xFFFF, the last register"));
  // Two words by default.
  EXPECT_TRUE(hasDiagnostic(d, 8, 68, "installation.gateways[0].devices[1].generic.register",
                            "register 0xFFFF plus 2 words runs past 0xFFFF, the last register"));
}

TEST(FieldErrors, SessionValues) {
  const auto d = diagnosticsOf(
      kRunHeader +
      "installation: {gateways: [{ip: 10.0.0.2, devices: [{name: CP1, family: charging-station, address: 1}]}]}\n"  // 3
      "sessions:\n"                                                                                   // 4
      "  - station: CP1\n"                                                                            // 5
      "    arrival: \"2026-01-05T10:00\"\n"                                                            // 6
      "    departure: \"2026-01-05T09:00\"\n"                                                          // 7
      "    energyWanted: 0\n"                                                                         // 8
      "    initialSoc: 120\n"                                                                         // 9
      "    battery: 1200kWh\n"                                                                        // 10
      "  - {station: CP1}\n");                                                                         // 11
  ASSERT_EQ(d.size(), 7u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 7, 16, "sessions[0].departure", "must be after the arrival (2026-01-05T10:00), got 2026-01-05T09:00"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 19, "sessions[0].energyWanted", "must be greater than 0 kWh, got 0 kWh"));
  EXPECT_TRUE(hasDiagnostic(d, 9, 17, "sessions[0].initialSoc", "must be between 0 and 100 %, got 120 %"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 14, "sessions[0].battery", "must be greater than 0 kWh and at most 1000 kWh, got 1200 kWh"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 5, "sessions[1].arrival", "missing required key 'arrival'"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 5, "sessions[1].departure", "missing required key 'departure'"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 5, "sessions[1].energyWanted", "missing required key 'energyWanted'"));
}

TEST(FieldErrors, FaultValues) {
  const auto d = diagnosticsOf(
      kRunHeader +
      "installation: {gateways: [{ip: 10.0.0.2, devices: [{name: M, family: energy-counter, address: 1}]}]}\n"  // 3
      "faults:\n"                                                                                           // 4
      "  - {kind: crc, target: M, from: \"2026-01-05T10:00\", to: \"2026-01-05T10:00\"}\n"                     // 5
      "  - {kind: device-offline, target: M, probability: 0.5}\n"                                            // 6
      "  - {kind: timeout, target: M, probability: 1.5, exceptionCode: 4}\n"                                 // 7
      "  - {kind: exception, target: M, exceptionCode: 7}\n"                                                 // 8
      "  - {kind: lightning, target: M}\n");                                                                 // 9
  ASSERT_EQ(d.size(), 6u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 5, 58, "faults[0].to", "the window must end after it starts"));
  EXPECT_TRUE(hasDiagnostic(d, 6, 52, "faults[1].probability", "applies only to kinds timeout, crc and exception"));
  EXPECT_TRUE(hasDiagnostic(d, 7, 45, "faults[2].probability", "must be between 0 and 1, got 1.5"));
  EXPECT_TRUE(hasDiagnostic(d, 7, 65, "faults[2].exceptionCode", "applies only to kind exception"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 49, "faults[3].exceptionCode", "must be one of 1, 2, 3, 4, 5, 6, 8, 10, 11, got 7"));
  EXPECT_TRUE(hasDiagnostic(d, 9, 12, "faults[4].kind",
                            "unknown value 'lightning' (expected one of: timeout, crc, exception, device-offline, "
                            "gateway-down, installation-error)"));
}

TEST(FieldErrors, DlmValues) {
  const auto d = diagnosticsOf(kRunHeader +
                               "dlm:\n"                          // 3
                               "  on: true\n"                    // 4
                               "  maxCurrent: 100\n"             // 5
                               "  maxChargingCurrent: 120\n"     // 6
                               "  firstStep: 50\n"               // 7
                               "  secondStep: 60\n"              // 8
                               "  hysteresis: 150\n"             // 9
                               "  minCharge: -1\n"               // 10
                               "  scope: building\n");           // 11
  ASSERT_EQ(d.size(), 6u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 4, 3, "dlm.totalMeter", "missing required key 'totalMeter'"));
  EXPECT_TRUE(hasDiagnostic(d, 6, 23, "dlm.maxChargingCurrent", "must not exceed maxCurrent (100 A), got 120 A"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 15, "dlm.secondStep", "the second reduction step (60 %) must not exceed the first (50 %)"));
  EXPECT_TRUE(hasDiagnostic(d, 9, 15, "dlm.hysteresis", "must be between 0 and 100 %, got 150 %"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 14, "dlm.minCharge", "must be at least 0 Ah, got -1 Ah"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 10, "dlm.scope", "unknown value 'building' (expected one of: whole-site, charging-only)"));
}

TEST(FieldErrors, DlmOnNeedsItsMaximumCurrent) {
  const auto d = diagnosticsOf(kRunHeader + "dlm: {on: true, totalMeter: M}\n");
  EXPECT_TRUE(hasDiagnostic(d, 3, 6, "dlm.maxCurrent", "missing required key 'maxCurrent'"));
}

TEST(FieldErrors, ManyErrorsAreReportedTogether) {
  const auto d = diagnosticsOf(
      "ews: {timezone: Nowhere/City, sampleRate: 7min}\n"  // 1
      "run: {start: \"2026-01-05T00:00\", speed: -1}\n"     // 2
      "dlm: {firstStep: 101}\n"                             // 3
      "extra: 1\n");                                        // 4
  ASSERT_EQ(d.size(), 5u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 1, 17, "ews.timezone", "unknown time zone"));
  EXPECT_TRUE(hasDiagnostic(d, 1, 43, "ews.sampleRate", "divides a day evenly"));
  EXPECT_TRUE(hasDiagnostic(d, 2, 41, "run.speed", "must be greater than 0"));
  EXPECT_TRUE(hasDiagnostic(d, 3, 18, "dlm.firstStep", "must be between 0 and 100 %"));
  EXPECT_TRUE(hasDiagnostic(d, 4, 1, "extra", "unknown key 'extra'"));
}


TEST(FieldErrors, PowerFactorOutOfRange) {
  const auto d = diagnosticsOf(
      kRunHeader +
      "installation: {gateways: [{ip: 10.0.0.2, devices: [{name: M, family: energy-counter, address: 1, sim: {powerFactor: 0}},\n"  // 3
      "  {name: N, family: energy-counter, address: 2, sim: {powerFactor: 1.5}}]}]}\n");                                              // 4
  ASSERT_EQ(d.size(), 2u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 3, 117, "installation.gateways[0].devices[0].sim.powerFactor",
                            "must be greater than 0 and at most 1, got 0"));
  EXPECT_TRUE(hasDiagnostic(d, 4, 68, "installation.gateways[0].devices[1].sim.powerFactor",
                            "must be greater than 0 and at most 1, got 1.5"));
}

}  // namespace
}  // namespace ews::scenario
