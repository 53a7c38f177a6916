// The simulated site following the configuration (site/configured_simulation.hpp) over the
// default scenario: what the seed simulates stays the seed's device, an added gateway and its
// devices get simulated devices of their own with default models, a removed device stops
// answering, and going back to the seed's configuration serves the seed's devices again.
#include <gtest/gtest.h>

#include <memory>

#include "ews/installation/defaults.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/configured_simulation.hpp"

namespace ews::site {
namespace {

const std::string kDefault = std::string(EWS_SOURCE_DIR) + "/scenarios/default.yaml";

installation::DeviceSpec device(std::string name, installation::DeviceFamily family, std::string model, int address) {
  installation::DeviceSpec spec;
  spec.name = std::move(name);
  spec.family = family;
  spec.model = std::move(model);
  spec.address = address;
  return spec;
}

std::shared_ptr<const installation::Installation> built(installation::InstallationSpec spec) {
  installation::applyDefaultNames(spec);
  return std::make_shared<const installation::Installation>(installation::Installation::build(spec));
}

const FollowedLine& lineNamed(const std::vector<FollowedLine>& lines, const std::string& name) {
  for (const FollowedLine& line : lines) {
    if (line.gateway->name == name) return line;
  }
  throw std::out_of_range(name);
}

/// The default scenario's installation with a new gateway (a meter, two pulse counters on a
/// concentrator, a two-sided station), HVAC renamed and the gas counter removed.
installation::InstallationSpec changed(installation::InstallationSpec spec) {
  using installation::DeviceFamily;
  installation::GatewaySpec gateway;
  gateway.name = "Added gateway";
  gateway.ip = "10.0.0.50";
  gateway.devices.push_back(device("Added meter", DeviceFamily::EnergyCounter, "4 120 74", 3));
  for (int position : {1, 2}) {
    auto counter = device("", DeviceFamily::PulseCounter, "Electricity counter", 4);
    counter.position = position;
    counter.concentrator = "4 120 65";
    counter.medium = installation::Medium::Electricity;
    gateway.devices.push_back(counter);
  }
  for (int side : {1, 2}) {
    auto station = device("", DeviceFamily::ChargingStation, "0 590 32", 5);
    station.side = side;
    station.phase = side == 1 ? installation::LinePhase::L1 : installation::LinePhase::L2;
    gateway.devices.push_back(station);
  }
  spec.gateways.push_back(gateway);
  auto& local = spec.gateways[0].devices;
  for (auto& d : local) {
    if (d.name == "HVAC") d.name = "Heat pump";
  }
  std::erase_if(local, [](const installation::DeviceSpec& d) { return d.name == "Gas"; });
  return spec;
}

TEST(ConfiguredSimulation, FollowsAddedRenamedAndRemovedDevicesAndGoesBackToTheSeed) {
  SimulatedSite site(scenario::loadScenarioFile(kDefault));
  const installation::Gateway& seedLocal = *site.installation().findGateway("Local");
  models::SimDevice* seedHvac = site.unit(seedLocal, 3);
  models::SimDevice* seedConcentrator = site.unit(seedLocal, 5);
  ASSERT_NE(seedHvac, nullptr);
  ASSERT_NE(seedConcentrator, nullptr);
  const auto seedSpec = site.scenario().installation;

  ConfiguredSimulation simulation(site);
  {
    const auto seed = built(seedSpec);
    const auto lines = simulation.follow(seed, site.scenario());
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lineNamed(lines, "Local").link, &site.simLinkOf(seedLocal)) << "a seed gateway keeps its line";
    EXPECT_EQ(lineNamed(lines, "Local").link->attached(3), seedHvac);
    EXPECT_EQ(simulation.addedUnits(), 0u) << "the seed's configuration needs nothing new";
  }

  const auto next = built(changed(seedSpec));
  const auto lines = simulation.follow(next, site.scenario());
  ASSERT_EQ(lines.size(), 3u);
  simlink::SimLink& local = *lineNamed(lines, "Local").link;
  EXPECT_EQ(local.attached(3), seedHvac) << "a renamed device is the same simulated device";
  ASSERT_NE(local.attached(5), nullptr);
  EXPECT_NE(local.attached(5), seedConcentrator) << "the concentrator lost its gas input: a unit of its own";
  simlink::SimLink& added = *lineNamed(lines, "Added gateway").link;
  EXPECT_NE(&added, &local);
  for (int unit : {3, 4, 5}) EXPECT_NE(added.attached(static_cast<std::uint8_t>(unit)), nullptr) << "unit " << unit;
  EXPECT_EQ(added.attached(6), nullptr);
  // The meter and the two pulse counters draw default loads, the two sides default stations;
  // the concentrator's water input stays the seed's model.
  EXPECT_EQ(simulation.defaultModels(), 5u);
  site.runUntil(site.start() + hours(10));

  // Back to the seed: its own devices, nothing on the added gateway's line (not followed).
  const auto lines2 = simulation.follow(built(seedSpec), site.scenario());
  EXPECT_EQ(lines2.size(), 2u);
  EXPECT_EQ(local.attached(5), seedConcentrator);
  // Added again: the same simulated devices (their counters go on where they were).
  models::SimDevice* meter = added.attached(3);
  simulation.follow(built(changed(seedSpec)), site.scenario());
  EXPECT_EQ(added.attached(3), meter);
  EXPECT_EQ(simulation.defaultModels(), 5u);
}

TEST(ConfiguredSimulation, ARemovedDeviceStopsAnsweringAndTheDestructorGivesTheSeedBack) {
  SimulatedSite site(scenario::loadScenarioFile(kDefault));
  const installation::Gateway& seedLocal = *site.installation().findGateway("Local");
  models::SimDevice* seedSockets = site.unit(seedLocal, 4);
  auto spec = site.scenario().installation;
  std::erase_if(spec.gateways[0].devices, [](const installation::DeviceSpec& d) { return d.name == "Sockets"; });
  {
    ConfiguredSimulation simulation(site);
    simulation.follow(built(spec), site.scenario());
    EXPECT_EQ(site.simLinkOf(seedLocal).attached(4), nullptr);
  }
  EXPECT_EQ(site.simLinkOf(seedLocal).attached(4), seedSockets);
}

}  // namespace
}  // namespace ews::site
