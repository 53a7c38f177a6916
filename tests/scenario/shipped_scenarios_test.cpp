// The scenario files shipped in scenarios/ load without a diagnostic and hold what their
// comments promise.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "ews/installation/catalogue.hpp"
#include "ews/installation/validation.hpp"
#include "ews/scenario/loader.hpp"

namespace ews::scenario {
namespace {

namespace inst = ews::installation;

/// Loads a shipped scenario; its installation must also pass the installation rules.
Scenario loadShipped(const std::string& name) {
  const std::string path = std::string(EWS_SOURCE_DIR) + "/scenarios/" + name;
  try {
    Scenario scenario = loadScenarioFile(path);
    for (const auto& problem : inst::validate(scenario.installation)) ADD_FAILURE() << problem.str();
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
