// Green'Up stations through the link: the DLM's commands (setpoint, start/wait, plugs) and
// what the vehicle then draws, old-range sides, mode-3-only stations.
#include <gtest/gtest.h>

#include "device_test_support.hpp"

namespace {

using ews::devices::test::readAll;
using ews::devices::test::runFor;
using ews::devices::test::siteFrom;
using ews::devices::test::writeField;

const std::string kStations =
    "name: stations\n"
    "ews: {variant: \"255\", timezone: Europe/Paris}\n"
    "run: {start: \"2026-01-05T00:00\", duration: 1d, seed: 3}\n"
    "installation:\n"
    "  gateways:\n"
    "    - name: Car park\n"
    "      ip: 10.0.0.1\n"
    "      devices:\n"
    "        - {name: Main, family: multifunction-meter, model: \"4 120 53\", address: 1,"
    " sim: {profile: base, downstream: [P3, P1, Old 1]}}\n"
    "        - {name: P3, family: charging-station, model: \"0 590 14\", address: 2, sim: {}}\n"
    "        - {name: P1, family: charging-station, model: \"0 590 10\", address: 3, phase: L2, sim: {}}\n"
    "        - {name: Mode3, family: charging-station, model: \"0 590 00\", address: 4, phase: L1}\n"
    "        - {name: Old 1, family: charging-station, model: \"0 590 96\", address: 5, side: 1, sim: {}}\n"
    "loadProfiles:\n"
    "  - {name: base, kind: constant, power: 1000}\n"
    "sessions:\n"
    "  - {station: P3, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T18:00\", energyWanted: 60kWh,"
    " battery: 100, initialSoc: 20}\n"
    "  - {station: P1, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T18:00\", energyWanted: 20kWh}\n"
    "  - {station: Old 1, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T18:00\", energyWanted: 40kWh,"
    " battery: 80}\n";

void runToLocal(ews::site::SimulatedSite& site, int hour, int minute) {
  site.runUntil(site.start() + ews::hours(hour) + ews::minutes(minute));
}

TEST(Stations, ChargeAtTheEvsMaximumThenFollowTheSetpoint) {
  auto site = siteFrom(kStations);
  runToLocal(*site, 9, 0);
  auto v = readAll(*site, "P3");
  EXPECT_EQ(v.at("station.state"), 1.0);  // charging
  EXPECT_EQ(v.at("station.phase"), 3.0);
  EXPECT_EQ(v.at("station.ratedCurrentA"), 32.0);
  EXPECT_NEAR(v.at("current.L1"), 22000.0 / (3 * 230), 0.01);  // the 22 kW on-board charger
  EXPECT_NEAR(v.at("power.active.total"), 22000.0, 1.0);

  // The DLM limits it to 10 A: the register shows 10 A at once, the car follows 2 s later.
  ASSERT_TRUE(writeField(*site, "P3", "station.setpointA", 10.0).ok());
  EXPECT_EQ(readAll(*site, "P3").at("station.setpointA"), 10.0);
  EXPECT_NEAR(readAll(*site, "P3").at("current.L2"), 22000.0 / (3 * 230), 0.01);
  runFor(*site, ews::seconds(3));
  v = readAll(*site, "P3");
  for (const char* line : {"current.L1", "current.L2", "current.L3"}) EXPECT_NEAR(v.at(line), 10.0, 0.005) << line;
  EXPECT_NEAR(v.at("power.active.total"), 3 * 230 * 10.0, 1.0);
  EXPECT_EQ(v.at("station.state"), 1.0);

  // Under 6 A the pilot does not allow charging (IEC 61851-1): paused, then resumed.
  ASSERT_TRUE(writeField(*site, "P3", "station.setpointA", 5.0).ok());
  runFor(*site, ews::seconds(3));
  v = readAll(*site, "P3");
  EXPECT_EQ(v.at("current.L1"), 0.0);
  EXPECT_EQ(v.at("station.state"), 2.0);  // waiting
  ASSERT_TRUE(writeField(*site, "P3", "station.setpointA", 16.0).ok());
  runFor(*site, ews::seconds(3));
  EXPECT_NEAR(readAll(*site, "P3").at("current.L3"), 16.0, 0.005);

  // Above the rated current: refused, nothing changes.
  const auto refused = writeField(*site, "P3", "station.setpointA", 40.0);
  EXPECT_EQ(refused.status, ews::link::Status::Exception);
  EXPECT_EQ(refused.exception, ews::link::ExceptionCode::IllegalDataValue);
  EXPECT_EQ(readAll(*site, "P3").at("station.setpointA"), 16.0);
}

TEST(Stations, WaitAndStartTheCurrentProcess) {
  auto site = siteFrom(kStations);
  runToLocal(*site, 9, 0);
  ASSERT_TRUE(writeField(*site, "P3", "station.command.startWait", 0).ok());
  EXPECT_EQ(readAll(*site, "P3").at("station.command.startWait"), 0.0);
  runFor(*site, ews::seconds(3));
  auto v = readAll(*site, "P3");
  EXPECT_EQ(v.at("station.state"), 2.0);
  EXPECT_EQ(v.at("power.active.total"), 0.0);
  EXPECT_EQ(v.at("station.command.startWait"), 0.0);
  ASSERT_TRUE(writeField(*site, "P3", "station.command.startWait", 1).ok());
  runFor(*site, ews::seconds(3));
  v = readAll(*site, "P3");
  EXPECT_EQ(v.at("station.state"), 1.0);
  EXPECT_GT(v.at("current.L1"), 30.0);
  EXPECT_EQ(v.at("station.command.startWait"), 1.0);

  ASSERT_TRUE(writeField(*site, "P3", "station.evPlugEnabled", 0).ok());
  runFor(*site, ews::seconds(3));
  EXPECT_EQ(readAll(*site, "P3").at("current.L1"), 0.0);
}

TEST(Stations, EnergyIsTheStationsAndTheFeederUpstreamSeesIt) {
  auto site = siteFrom(kStations);
  runToLocal(*site, 11, 30);
  const auto& installation = site->installation();
  const auto* p3 = installation.findDevice("P3");
  const double stationWh = site->stationModel(*p3)->counterAt(site->engine().now());
  EXPECT_GT(stationWh, 50000.0);
  const auto v = readAll(*site, "P3");
  EXPECT_NEAR(v.at("energy.active.import"), stationWh, 22000.0 * 0.05 / 3600 + 0.5);
  EXPECT_NEAR(v.at("station.energy.active.import"), stationWh, 22000.0 * 0.05 / 3600 + 0.5);
  // The main meter measures its own 1 kW and the three stations' charging.
  const auto counters = site->counters();
  double partsWh = 0.0;
  for (const char* name : {"P3", "P1", "Old 1"}) partsWh += counters.at(installation.findDevice(name)->id);
  EXPECT_NEAR(counters.at(installation.findDevice("Main")->id), 1000.0 * 11.5 + partsWh, 1e-6);
}

TEST(Stations, SinglePhaseStationDrawsOnItsLine) {
  auto site = siteFrom(kStations);
  runToLocal(*site, 9, 0);
  const auto v = readAll(*site, "P1");
  EXPECT_EQ(v.at("station.phase"), 1.0);
  EXPECT_EQ(v.at("station.ratedCurrentA"), 16.0);
  EXPECT_EQ(v.at("current.L1"), 0.0);
  EXPECT_NEAR(v.at("current.L2"), 16.0, 0.005);  // the 7.4 kW car is held to the 16 A rating
  EXPECT_EQ(v.at("current.L3"), 0.0);
}

TEST(Stations, ModeThreeOnlyStationsHaveNoDomesticSocket) {
  auto site = siteFrom(kStations);
  runFor(*site, ews::minutes(1));
  EXPECT_EQ(readAll(*site, "Mode3").at("station.domesticPlugEnabled"), 0.0);
  EXPECT_EQ(writeField(*site, "Mode3", "station.domesticPlugEnabled", 1).exception,
            ews::link::ExceptionCode::IllegalDataValue);
  EXPECT_EQ(readAll(*site, "P1").at("station.domesticPlugEnabled"), 1.0);
  EXPECT_TRUE(writeField(*site, "P1", "station.domesticPlugEnabled", 0).ok());
  EXPECT_EQ(readAll(*site, "P1").at("station.domesticPlugEnabled"), 0.0);
}

TEST(Stations, OldRangeSidesShareTheUnit) {
  auto site = siteFrom(kStations);
  runToLocal(*site, 9, 0);
  const auto side1 = readAll(*site, "Old 1");
  EXPECT_EQ(side1.at("station.state"), 1.0);
  EXPECT_NEAR(side1.at("current.L1"), 22000.0 / (3 * 230), 0.1);  // whole 0.1 A
  // Side 2 is not configured: its registers answer, an idle side.
  const auto* gateway = site->installation().findGateway("Car park");
  std::array<std::uint16_t, 14> words{};
  ews::link::Request request;
  request.unitId = 5;
  request.address = 0x0040;
  request.count = 14;
  request.readBuffer = words;
  ASSERT_TRUE(site->linkOf(*gateway).transact(request).ok());
  EXPECT_EQ(words[0], 0);   // available
  EXPECT_EQ(words[3], 3);   // three-phase
  EXPECT_EQ(words[4], 32);  // 32 A, whole amperes

  ASSERT_TRUE(writeField(*site, "Old 1", "station.setpointA", 8).ok());
  runFor(*site, ews::seconds(3));
  EXPECT_NEAR(readAll(*site, "Old 1").at("current.L2"), 8.0, 0.05);
}

}  // namespace

namespace {

TEST(Stations, ReadingsDoNotDependOnThePollPeriod) {
  auto often = ews::devices::test::siteFrom(kStations);
  auto rarely = ews::devices::test::siteFrom(kStations);
  const ews::Time common = often->start() + ews::hours(9) + ews::minutes(30);
  for (ews::Time t = often->start() + ews::hours(8); t < common; t += ews::seconds(1)) {
    often->runUntil(t);
    ews::devices::test::readAll(*often, "P3");
    ews::devices::test::readAll(*often, "Old 1");
  }
  rarely->runUntil(common - ews::minutes(10));
  ews::devices::test::readAll(*rarely, "P3");
  often->runUntil(common);
  rarely->runUntil(common);
  EXPECT_EQ(ews::devices::test::readAll(*often, "P3"), ews::devices::test::readAll(*rarely, "P3"));
  EXPECT_EQ(ews::devices::test::readAll(*often, "Old 1"), ews::devices::test::readAll(*rarely, "Old 1"));
}

}  // namespace
