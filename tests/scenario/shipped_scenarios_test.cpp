// The scenario files shipped in scenarios/ load without a diagnostic and hold what their
// comments promise.
#include <gtest/gtest.h>

#include <date/tz.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "ews/installation/catalogue.hpp"
#include "ews/installation/validation.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/scenario/metering_tree.hpp"

namespace ews::scenario {
namespace {

namespace inst = ews::installation;

/// Loads a shipped scenario; its installation must also pass the installation rules, and
/// nothing may be counted twice in its totals (no `ews validate` warning).
Scenario loadShipped(const std::string& name) {
  const std::string path = std::string(EWS_SOURCE_DIR) + "/scenarios/" + name;
  try {
    Scenario scenario = loadScenarioFile(path);
    for (const auto& problem : inst::validate(scenario.installation)) ADD_FAILURE() << problem.str();
    for (const auto& warning : doubleCountingWarnings(scenario)) ADD_FAILURE() << warning.str();
    return scenario;
  } catch (const ValidationError& e) {
    ADD_FAILURE() << path << " was rejected:\n" << e.what();
    return {};
  }
}

std::size_t deviceCount(const Scenario& s) {
  std::size_t count = 0;
  for (const auto& g : s.installation.gateways) count += g.devices.size();
  return count;
}

std::vector<const inst::DeviceSpec*> devicesOf(const Scenario& s, inst::DeviceFamily family) {
  std::vector<const inst::DeviceSpec*> out;
  for (const auto& g : s.installation.gateways) {
    for (const auto& d : g.devices) {
      if (d.family == family) out.push_back(&d);
    }
  }
  return out;
}

/// Every device that draws electricity or counts a flow has a sim.
void expectEveryConsumerSimulated(const Scenario& s) {
  std::set<std::string> simulated;
  for (const auto& sim : s.deviceSims) simulated.insert(sim.device);
  for (const auto& g : s.installation.gateways) {
    for (const auto& d : g.devices) {
      // Devices with a metering history (catalogue), water and gas counters included.
      const inst::CatalogueModel* model = inst::resolveModel(d.family, d.model);
      const bool consumer = model != nullptr && model->measuresEnergy;
      if (consumer) {
        EXPECT_EQ(simulated.count(d.name), 1u) << d.name << " has no sim";
      }
    }
  }
}

TEST(ShippedScenarios, DefaultIsASmallEws32Office) {
  const Scenario s = loadShipped("default.yaml");
  EXPECT_EQ(s.name, "small-office");
  EXPECT_EQ(s.installation.variant, inst::Variant::Ews32);
  EXPECT_EQ(s.ews.timezone, "Europe/Paris");
  EXPECT_EQ(s.run.seed, 42u);
  EXPECT_EQ(s.run.duration, days(1));
  ASSERT_EQ(s.installation.gateways.size(), 2u);
  EXPECT_EQ(s.installation.gateways[0].kind, inst::GatewayKind::Local);
  EXPECT_EQ(s.installation.gateways[1].kind, inst::GatewayKind::Physical);
  EXPECT_GE(deviceCount(s), 8u);
  EXPECT_LE(deviceCount(s), 12u);
  EXPECT_EQ(s.installation.gateways[0].eqDevice, "Main meter");
  EXPECT_EQ(devicesOf(s, inst::DeviceFamily::ChargingStation).size(), 2u);
  const auto pulses = devicesOf(s, inst::DeviceFamily::PulseCounter);
  ASSERT_EQ(pulses.size(), 2u);
  EXPECT_EQ(pulses[0]->medium, inst::Medium::Water);
  EXPECT_EQ(pulses[1]->medium, inst::Medium::Gas);
  EXPECT_EQ(pulses[0]->address, pulses[1]->address);
  EXPECT_TRUE(s.dlm.on);
  EXPECT_EQ(s.dlm.totalMeter, "Main meter");
  EXPECT_GE(s.sessions.size(), 2u);
  expectEveryConsumerSimulated(s);
}

TEST(ShippedScenarios, Reference255FillsAnEws255) {
  const Scenario s = loadShipped("reference-255.yaml");
  EXPECT_EQ(s.installation.variant, inst::Variant::Ews255);
  ASSERT_EQ(s.installation.gateways.size(), 8u);
  EXPECT_EQ(deviceCount(s), 255u);
  std::set<std::string> names;
  for (const auto& g : s.installation.gateways) {
    EXPECT_EQ(g.kind, inst::GatewayKind::Physical);
    std::set<int> busAddresses;
    std::set<std::tuple<int, int, int, int>> slots;  // address, interface, position, side
    for (const auto& d : g.devices) {
      EXPECT_TRUE(names.insert(d.name).second) << "duplicate name " << d.name;
      busAddresses.insert(d.address);
      if (d.interfaceAddress) busAddresses.insert(*d.interfaceAddress);
      EXPECT_TRUE(slots.emplace(d.address, d.interfaceAddress.value_or(0), d.position.value_or(0), d.side.value_or(0))
                      .second)
          << "two devices in one slot on " << g.name << ": " << d.name;
      EXPECT_LE(d.groups.size(), 5u);
    }
    EXPECT_LE(busAddresses.size(), 32u) << g.name;
  }
  EXPECT_EQ(devicesOf(s, inst::DeviceFamily::ChargingStation).size(), 20u);
  std::set<inst::DeviceFamily> families;
  for (const auto& g : s.installation.gateways) {
    for (const auto& d : g.devices) families.insert(d.family);
  }
  EXPECT_GE(families.size(), 8u);
  EXPECT_LE(s.installation.loads.size(), 14u);
  EXPECT_TRUE(s.dlm.on);
  EXPECT_EQ(s.dlm.priorityStations.size(), 3u);
  expectEveryConsumerSimulated(s);
}

/// Hours since local midnight of `t` in the scenario's zone, and whether that day is a weekday.
std::pair<double, bool> localHourAndWeekday(const Scenario& s, Time t) {
  const auto local = date::make_zoned(s.ews.timezone, t).get_local_time();
  const auto day = date::floor<date::days>(local);
  const date::weekday weekday{day};
  return {toSeconds(local - day) / 3600.0, weekday != date::Saturday && weekday != date::Sunday};
}

TEST(ShippedScenarios, CarPark40ReplaysARecordedBuildingAndASessionsFile) {
  const Scenario s = loadShipped("carpark-40.yaml");
  EXPECT_EQ(s.installation.variant, inst::Variant::Ews255);
  EXPECT_EQ(s.run.duration, days(7));
  const auto stations = devicesOf(s, inst::DeviceFamily::ChargingStation);
  ASSERT_EQ(stations.size(), 40u);
  // 16 three-phase 22 kW stations, 8 single-phase ones on each line.
  const auto countOf = [&](std::optional<inst::LinePhase> phase, const std::string& model) {
    return std::count_if(stations.begin(), stations.end(),
                         [&](const inst::DeviceSpec* d) { return d->phase == phase && d->model == model; });
  };
  EXPECT_EQ(countOf(std::nullopt, "0 590 14"), 16);
  for (const auto phase : {inst::LinePhase::L1, inst::LinePhase::L2, inst::LinePhase::L3}) {
    EXPECT_EQ(countOf(phase, "0 590 10"), 8);
  }
  // The whole-site total meter measures the building (a recorded trace) and every station.
  EXPECT_TRUE(s.dlm.on);
  EXPECT_EQ(s.dlm.scope, DlmSpec::MeterScope::WholeSite);
  EXPECT_DOUBLE_EQ(s.dlm.maxCurrentA, 250.0);
  EXPECT_DOUBLE_EQ(s.dlm.maxChargingCurrentA, 230.0);
  EXPECT_EQ(s.dlm.overrides.size(), 2u);
  const auto meter = std::find_if(s.deviceSims.begin(), s.deviceSims.end(),
                                  [&](const DeviceSimSpec& sim) { return sim.device == s.dlm.totalMeter; });
  ASSERT_NE(meter, s.deviceSims.end());
  EXPECT_EQ(meter->downstream.size(), 40u);
  ASSERT_EQ(s.loadProfiles.size(), 1u);
  const LoadProfileSpec& building = s.loadProfiles[0];
  EXPECT_EQ(meter->profile, building.name);
  EXPECT_EQ(building.kind, LoadProfileSpec::Kind::Trace);
  ASSERT_EQ(building.tracePointsW.size(), 7u * 96u);  // a week of 15-minute means
  EXPECT_EQ(building.tracePointsW[1].first - building.tracePointsW[0].first, minutes(15));
  EXPECT_EQ(building.tracePeriod, days(7));
  EXPECT_EQ(building.traceOrigin, s.run.start);
  // Weekday cars from the sessions file: arrivals 7-10 h, departures 16-19 h, 10-40 kWh.
  ASSERT_GE(s.sessions.size(), 100u);
  for (const auto& session : s.sessions) {
    EXPECT_NE(session.loc.file.find("data/carpark-40-sessions.csv"), std::string::npos);
    const auto [arrivalHour, weekday] = localHourAndWeekday(s, session.arrival);
    const auto [departureHour, unused] = localHourAndWeekday(s, session.departure);
    EXPECT_TRUE(weekday) << session.loc.str();
    EXPECT_GE(arrivalHour, 7.0);
    EXPECT_LT(arrivalHour, 10.0);
    EXPECT_GE(departureHour, 16.0);
    EXPECT_LT(departureHour, 19.0);
    EXPECT_GE(session.energyWantedKWh, 10.0);
    EXPECT_LE(session.energyWantedKWh, 40.0);
    EXPECT_GT(session.maxPowerKW, 0.0);  // the loader's defaults applied
  }
  expectEveryConsumerSimulated(s);
}

TEST(ShippedScenarios, HomeMini10HasTwoStationsOnA40ASupply) {
  const Scenario s = loadShipped("home-mini10.yaml");
  EXPECT_EQ(s.installation.variant, inst::Variant::Ews10);
  ASSERT_EQ(s.installation.gateways.size(), 1u);
  EXPECT_EQ(s.installation.gateways[0].kind, inst::GatewayKind::Local);
  EXPECT_LE(deviceCount(s), 10u);
  EXPECT_EQ(devicesOf(s, inst::DeviceFamily::ChargingStation).size(), 2u);
  EXPECT_EQ(s.loadProfiles[0].kind, LoadProfileSpec::Kind::Home);
  EXPECT_TRUE(s.dlm.on);
  EXPECT_DOUBLE_EQ(s.dlm.maxCurrentA, 40.0);
  EXPECT_GE(s.sessions.size(), 10u);
  EXPECT_EQ(s.dlm.overrides.size(), 2u);
  expectEveryConsumerSimulated(s);
}

TEST(ShippedScenarios, Site255HasStationsOnSevenGateways) {
  const Scenario s = loadShipped("site-255.yaml");
  EXPECT_EQ(s.installation.variant, inst::Variant::Ews255);
  EXPECT_EQ(deviceCount(s), 255u);
  std::size_t gatewaysWithStations = 0;
  for (const auto& g : s.installation.gateways) {
    gatewaysWithStations += std::any_of(g.devices.begin(), g.devices.end(), [](const inst::DeviceSpec& d) {
      return d.family == inst::DeviceFamily::ChargingStation;
    });
  }
  EXPECT_EQ(gatewaysWithStations, 7u);
  EXPECT_EQ(devicesOf(s, inst::DeviceFamily::ChargingStation).size(), 35u);
  EXPECT_TRUE(s.dlm.on);
  EXPECT_EQ(s.dlm.holdTime, seconds(60));
  EXPECT_EQ(s.dlm.overrides.size(), 2u);
  expectEveryConsumerSimulated(s);
}

/// The first ```yaml block of docs/scenario-format.md is a valid scenario.
TEST(ShippedScenarios, DocumentationExampleLoads) {
  std::ifstream in(std::string(EWS_SOURCE_DIR) + "/docs/scenario-format.md");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  const std::size_t open = doc.find("```yaml\n");
  ASSERT_NE(open, std::string::npos);
  const std::size_t start = open + 8;
  const std::size_t end = doc.find("```", start);
  ASSERT_NE(end, std::string::npos);
  try {
    const Scenario s = parseScenario(doc.substr(start, end - start), "docs/scenario-format.md");
    EXPECT_EQ(s.deviceSims.size(), 1u);
  } catch (const ValidationError& e) {
    ADD_FAILURE() << e.what();
  }
}

}  // namespace
}  // namespace ews::scenario
