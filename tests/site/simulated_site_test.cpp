// The simulated site as a whole: determinism, slicing, sample alignment, ON/OFF, totals.
#include "ews/site/simulated_site.hpp"

#include <gtest/gtest.h>

#include "ews/scenario/loader.hpp"
#include "ews/site/site_totals.hpp"

namespace {

struct Row {
  ews::Time t;
  int deviceId;
  double counter;
  double delta;
  friend bool operator==(const Row&, const Row&) = default;
};

class CapturingSink final : public ews::recording::SampleSink {
 public:
  void onSamples(ews::Time t, std::span<const ews::recording::DeviceSample> samples) override {
    for (const auto& s : samples) rows.push_back(Row{t, s.deviceId, s.counter, s.delta});
  }
  std::vector<Row> rows;
};

// Main meter over two noisy sub-meters; a third sub-meter is excluded from totals.
std::string scenarioText(const std::string& start = "2026-01-05T00:00", const std::string& extraDevice = "",
                         const std::string& gatewayOn = "true") {
  return "name: site-test\n"
         "ews: {variant: \"255\", timezone: Europe/Paris, sampleRate: 10min}\n"
         "run: {start: \"" + start + "\", duration: 2h, seed: 11}\n"
         "installation:\n"
         "  loads: [{name: Servers}]\n"
         "  groups: [{name: G1}]\n"
         "  gateways:\n"
         "    - ip: 10.0.0.1\n"
         "      devices:\n"
         "        - {name: Main, family: energy-counter, address: 1, excludeFromTotals: true,\n"
         "           sim: {profile: base, downstream: [A, B]}}\n"
         "        - {name: A, family: energy-counter, address: 2, load: Lighting, groups: [G1], sim: {profile: noisy}}\n"
         "        - {name: B, family: energy-counter, address: 3, load: Servers, groups: [G1], sim: {profile: noisy, scale: 2}}\n" +
         extraDevice +
         "    - ip: 10.0.0.2\n"
         "      on: " + gatewayOn + "\n"
         "      devices:\n"
         "        - {name: C, family: energy-counter, address: 1, load: Servers, sim: {profile: base}}\n"
         "loadProfiles:\n"
         "  - {name: base, kind: constant, power: 600}\n"
         "  - {name: noisy, kind: constant, power: 1000, noise: 0.2}\n";
}

std::vector<Row> runToEnd(ews::site::SimulatedSite& site) {
  CapturingSink sink;
  site.addSampleSink(sink);
  site.runToEnd();
  return sink.rows;
}

TEST(SimulatedSite, SameSeedSameRowsAndSlicingChangesNothing) {
  ews::site::SimulatedSite one(ews::scenario::parseScenario(scenarioText()));
  const auto rowsOne = runToEnd(one);

  ews::site::SimulatedSite sliced(ews::scenario::parseScenario(scenarioText()));
  CapturingSink sink;
  sliced.addSampleSink(sink);
  for (ews::Time t = sliced.start(); t < sliced.end();) {
    t = std::min(t + ews::seconds(7 * 60 + 13), sliced.end());
    sliced.runUntil(t);
  }
  ASSERT_FALSE(rowsOne.empty());
  EXPECT_EQ(sink.rows, rowsOne);
  EXPECT_EQ(sliced.counters(), one.counters());
}

TEST(SimulatedSite, SeedOverrideChangesNoisyDevicesOnly) {
  ews::site::SimulatedSite a(ews::scenario::parseScenario(scenarioText()));
  ews::site::RunOverrides overrides;
  overrides.seed = 12;
  ews::site::SimulatedSite b(ews::scenario::parseScenario(scenarioText()), overrides);
  a.runToEnd();
  b.runToEnd();
  const auto ca = a.counters();
  const auto cb = b.counters();
  const int idA = a.installation().findDevice("A")->id;
  const int idC = a.installation().findDevice("C")->id;
  EXPECT_NE(ca.at(idA), cb.at(idA));
  EXPECT_DOUBLE_EQ(ca.at(idC), cb.at(idC));  // noiseless: the seed cannot matter
}

TEST(SimulatedSite, AddingADeviceDoesNotChangeAnotherDevicesNumbers) {
  ews::site::SimulatedSite without(ews::scenario::parseScenario(scenarioText()));
  ews::site::SimulatedSite with(ews::scenario::parseScenario(scenarioText(
      "2026-01-05T00:00", "        - {name: D, family: energy-counter, address: 4, sim: {profile: noisy}}\n")));
  without.runToEnd();
  with.runToEnd();
  for (const char* name : {"A", "B", "C"}) {
    EXPECT_DOUBLE_EQ(without.counters().at(without.installation().findDevice(name)->id),
                     with.counters().at(with.installation().findDevice(name)->id))
        << name;
  }
}

TEST(SimulatedSite, FeederMeterIsItsOwnLoadPlusDownstream) {
  ews::site::SimulatedSite site(ews::scenario::parseScenario(scenarioText()));
  site.runToEnd();
  const auto counters = site.counters();
  const auto& inst = site.installation();
  const double mainWh = counters.at(inst.findDevice("Main")->id);
  const double partsWh = counters.at(inst.findDevice("A")->id) + counters.at(inst.findDevice("B")->id);
  EXPECT_NEAR(mainWh, 600.0 * 2 + partsWh, 1e-6);
}

TEST(SimulatedSite, SamplesFallOnTheSampleGridAndTheFirstIntervalIsPartial) {
  ews::site::SimulatedSite site(ews::scenario::parseScenario(scenarioText("2026-01-05T00:03")));
  const auto rows = runToEnd(site);
  ASSERT_FALSE(rows.empty());
  const ews::TimeZone paris("Europe/Paris");
  EXPECT_EQ(paris.toLocal(rows.front().t), (ews::LocalDateTime{2026, 1, 5, 0, 10, 0}));
  for (const auto& row : rows) EXPECT_EQ(ews::toMicros(row.t) % ews::toMicros(ews::minutes(10)), 0);
  // Device C draws a constant 600 W: 7 minutes in the first interval, 10 in the next ones.
  const int idC = site.installation().findDevice("C")->id;
  std::vector<double> deltas;
  for (const auto& row : rows) {
    if (row.deviceId == idC) deltas.push_back(row.delta);
  }
  ASSERT_GE(deltas.size(), 2u);
  EXPECT_NEAR(deltas[0], 600.0 * 7 / 60, 1e-6);
  EXPECT_NEAR(deltas[1], 600.0 * 10 / 60, 1e-6);
}

TEST(SimulatedSite, DevicesOfAnOffGatewayAreNotRecorded) {
  ews::site::SimulatedSite site(ews::scenario::parseScenario(scenarioText("2026-01-05T00:00", "", "false")));
  const auto rows = runToEnd(site);
  const int idC = site.installation().findDevice("C")->id;
  for (const auto& row : rows) EXPECT_NE(row.deviceId, idC);
  EXPECT_EQ(site.counters().count(idC), 0u);
}

TEST(SiteTotals, HonourExcludeFromTotalsAndGroupByLoadAndGroup) {
  ews::site::SimulatedSite site(ews::scenario::parseScenario(scenarioText()));
  site.runToEnd();
  const auto counters = site.counters();
  const auto& inst = site.installation();
  const auto at = [&](const char* name) { return counters.at(inst.findDevice(name)->id); };
  const auto totals = ews::site::computeTotals(inst, counters);
  // Main is excluded: the grand total is A + B + C, not counted twice.
  EXPECT_NEAR(totals.electricityWh, at("A") + at("B") + at("C"), 1e-6);
  const auto loadTotal = [&](const std::string& name) {
    for (const auto& load : totals.loadsWh) {
      if (load.name == name) return load.value;
    }
    return -1.0;
  };
  EXPECT_NEAR(loadTotal("Servers"), at("B") + at("C"), 1e-6);
  EXPECT_NEAR(loadTotal("Lighting"), at("A"), 1e-6);
  ASSERT_EQ(totals.groupsWh.size(), 1u);
  EXPECT_NEAR(totals.groupsWh[0].value, at("A") + at("B"), 1e-6);
}

TEST(SimulatedSite, InvalidInstallationIsRejectedWithEveryDiagnostic) {
  // Two devices at address 2 on one RS485 line.
  const std::string clash = scenarioText("2026-01-05T00:00", "        - {name: E, family: energy-counter, address: 2}\n");
  try {
    ews::site::SimulatedSite site(ews::scenario::parseScenario(clash, "clash.yaml"));
    FAIL() << "expected a ValidationError";
  } catch (const ews::ValidationError& error) {
    ASSERT_FALSE(error.diagnostics().empty());
    EXPECT_NE(std::string(error.what()).find("clash.yaml:"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("address"), std::string::npos) << error.what();
  }
}

}  // namespace

namespace {

std::string officeScenario(const std::string& sessions = "") {
  return "name: office-test\n"
         "ews: {variant: \"255\", timezone: Europe/Paris, sampleRate: 10min}\n"
         "run: {start: \"2026-01-05T00:00\", duration: 1d, seed: 5}\n"
         "installation:\n"
         "  gateways:\n"
         "    - ip: 10.0.0.1\n"
         "      devices:\n"
         "        - {name: East, family: energy-counter, address: 1, sim: {profile: office}}\n"
         "        - {name: West, family: energy-counter, address: 2, sim: {profile: office}}\n"
         "        - {name: EV, family: charging-station, model: \"0 590 14\", address: 3, sim: {profile: socket}}\n"
         "loadProfiles:\n"
         "  - {name: office, kind: office, peakPower: 20kW, basePower: 1kW}\n"
         "  - {name: socket, kind: constant, power: 500}\n" +
         sessions;
}

TEST(SimulatedSite, OfficeProfilesAreDrawnPerDevice) {
  ews::site::SimulatedSite site(ews::scenario::parseScenario(officeScenario()));
  site.runUntil(site.start() + ews::hours(12));
  const auto counters = site.counters();
  const auto& inst = site.installation();
  // Same profile, own days: the two offices do not switch on at the same minute.
  EXPECT_NE(counters.at(inst.findDevice("East")->id), counters.at(inst.findDevice("West")->id));
}

TEST(SimulatedSite, StationsMeterTheirSessionsAndTheirDomesticSocket) {
  ews::site::SimulatedSite site(ews::scenario::parseScenario(officeScenario(
      "sessions:\n"
      "  - {station: EV, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T09:00\", energyWanted: 5kWh}\n")));
  site.runUntil(site.start() + ews::hours(10));
  const auto* ev = site.installation().findDevice("EV");
  // 5 kWh into the car, and the domestic socket's constant 500 W for 10 h.
  EXPECT_NEAR(site.counters().at(ev->id), 5000.0 + 500.0 * 10, 1.0);
  EXPECT_NEAR(site.stationModel(*ev)->counterAt(site.engine().now()), site.counters().at(ev->id), 1e-9);
}

TEST(SimulatedSite, SessionsThePhysicsRefusesAreReportedAtTheirPosition) {
  const std::string early = officeScenario(
      "sessions:\n"
      "  - {station: EV, arrival: \"2026-01-04T23:00\", departure: \"2026-01-05T09:00\", energyWanted: 5kWh}\n");
  try {
    ews::site::SimulatedSite site(ews::scenario::parseScenario(early, "early.yaml"));
    FAIL() << "expected a ValidationError";
  } catch (const ews::ValidationError& error) {
    EXPECT_NE(std::string(error.what()).find("early.yaml:"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("sessions[0]"), std::string::npos) << error.what();
  }
}

}  // namespace
