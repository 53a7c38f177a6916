// The simulated site's lines: one SimLink per physical or Local gateway, every configured
// unit served, the scenario's faults on the right unit, the shipped scenarios whole.
#include <gtest/gtest.h>

#include <array>

#include "ews/profiles/addressing.hpp"
#include "ews/profiles/read_plan.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"

namespace {

using ews::site::SimulatedSite;

std::unique_ptr<SimulatedSite> shipped(const std::string& name) {
  return std::make_unique<SimulatedSite>(ews::scenario::loadScenarioFile(std::string(EWS_SOURCE_DIR) + "/scenarios/" + name));
}

/// Reads every readable field of every configured device through the links; returns the
/// results that were not Ok (expected: none outside fault windows).
std::vector<std::string> readEverything(SimulatedSite& site) {
  std::vector<std::string> failures;
  std::array<std::uint16_t, 2000> buffer{};
  for (const auto& [gateway, link] : site.links()) {
    for (const auto* device : site.installation().devicesOfGateway(*gateway)) {
      const auto map = ews::profiles::unitProfileOf(site.installation(), site.deviceProfiles(), *device);
      if (!map) {
        failures.push_back(device->name + ": no profile");
        continue;
      }
      const auto address = ews::profiles::unitAddressOf(*device);
      const std::string prefix = ews::profiles::fieldPrefixOf(*device, *map);
      std::vector<std::size_t> fields;
      for (const std::size_t i : ews::profiles::readableFields(*map)) {
        if (map->field(i).name.starts_with(prefix)) fields.push_back(i);
      }
      for (const auto& block : ews::profiles::planReads(*map, fields)) {
        ews::link::Request request;
        request.unitId = address.unitId;
        request.function = block.function;
        request.address = static_cast<std::uint16_t>(block.address + address.registerOffset);
        request.count = block.count;
        request.readBuffer = buffer;
        const auto result = link->transact(request);
        if (!result.ok()) failures.push_back(device->name + ": " + ews::link::describe(result));
      }
    }
  }
  return failures;
}

TEST(SiteLinks, DefaultScenarioServesEveryUnit) {
  auto site = shipped("default.yaml");
  const auto& installation = site->installation();
  ASSERT_EQ(site->links().size(), 2u);  // Local and the car park gateway
  for (const auto& [gateway, link] : site->links()) {
    EXPECT_EQ(link->name(), gateway->name);
    EXPECT_EQ(link->adapterLatency(), gateway->kind == ews::installation::GatewayKind::Local
                                          ? ews::simlink::kLocalPortLatency
                                          : ews::simlink::kIpGatewayLatency);
    for (const auto& unit : ews::profiles::unitsOf(installation, *gateway)) {
      EXPECT_NE(site->unit(*gateway, unit.unitId), nullptr) << gateway->name << " unit " << int(unit.unitId);
    }
  }
  site->runUntil(site->start() + ews::hours(9));
  EXPECT_EQ(readEverything(*site), std::vector<std::string>{});
}

TEST(SiteLinks, ReferenceScenarioServesEveryUnit) {
  auto site = shipped("reference-255.yaml");
  EXPECT_EQ(site->links().size(), 8u);
  std::size_t units = 0;
  for (const auto& [gateway, link] : site->links()) {
    for (const auto& unit : ews::profiles::unitsOf(site->installation(), *gateway)) {
      EXPECT_NE(site->unit(*gateway, unit.unitId), nullptr) << gateway->name << " unit " << int(unit.unitId);
      ++units;
    }
  }
  EXPECT_GT(units, 200u);
  EXPECT_EQ(readEverything(*site), std::vector<std::string>{});
}

TEST(SiteLinks, ScenarioFaultWindowIsObservableOnTheDevicesUnit) {
  // default.yaml: CRC errors on the "Sockets" sub-meter, 10:00-10:30, 5 % of its transactions.
  auto site = shipped("default.yaml");
  const auto& installation = site->installation();
  const auto* sockets = installation.findDevice("Sockets");
  auto& link = site->linkOf(installation.gatewayOf(*sockets));
  std::array<std::uint16_t, 8> words{};
  ews::link::Request request;
  request.unitId = static_cast<std::uint8_t>(sockets->address);
  request.count = 8;
  request.readBuffer = words;
  const auto poll = [&](int times) {
    int crc = 0;
    for (int i = 0; i < times; ++i) crc += link.transact(request).status == ews::link::Status::CrcError ? 1 : 0;
    return crc;
  };
  site->runUntil(site->start() + ews::hours(9) + ews::minutes(50));
  EXPECT_EQ(poll(400), 0);  // before the window
  site->runUntil(site->start() + ews::hours(10) + ews::minutes(1));
  const int inside = poll(1000);  // ~20 s of line time, all inside the window
  EXPECT_GT(inside, 20);
  EXPECT_LT(inside, 100);
  request.unitId = 1;  // the main meter, same line: not targeted
  EXPECT_EQ(poll(200), 0);
}

TEST(SiteLinks, GatewayDownWindowCutsTheWholeLine) {
  // reference-255.yaml: Gateway P2 down 14:00-14:05.
  auto scenario = ews::scenario::loadScenarioFile(std::string(EWS_SOURCE_DIR) + "/scenarios/reference-255.yaml");
  scenario.run.duration = ews::hours(15);
  SimulatedSite site(std::move(scenario));
  const auto* gateway = site.installation().findGateway("Gateway P2");
  std::array<std::uint16_t, 8> words{};
  ews::link::Request request;
  request.unitId = 4;
  request.count = 8;
  request.readBuffer = words;
  site.runUntil(site.start() + ews::hours(14) + ews::minutes(2));
  EXPECT_EQ(site.linkOf(*gateway).transact(request).status, ews::link::Status::Disconnected);
  site.runUntil(site.start() + ews::hours(14) + ews::minutes(6));
  EXPECT_TRUE(site.linkOf(*gateway).transact(request).ok());
}

TEST(SiteLinks, SameSeedSameAnswers) {
  auto a = shipped("default.yaml");
  auto b = shipped("default.yaml");
  const auto answers = [](SimulatedSite& site) {
    site.runUntil(site.start() + ews::hours(10) + ews::minutes(7));
    std::vector<std::uint16_t> all;
    std::array<std::uint16_t, 125> words{};
    for (const auto& [gateway, link] : site.links()) {
      for (std::uint8_t unit = 1; unit <= 6; ++unit) {
        ews::link::Request request;
        request.unitId = unit;
        request.address = 0x0100;
        request.count = 10;
        request.readBuffer = words;
        const auto result = link->transact(request);
        all.push_back(static_cast<std::uint16_t>(result.status));
        all.insert(all.end(), words.begin(), words.begin() + 10);
      }
    }
    return all;
  };
  EXPECT_EQ(answers(*a), answers(*b));
}

TEST(SiteLinks, VirtualGatewaysHaveNoSimulatedLine) {
  const std::string text =
      "ews: {variant: \"255\"}\n"
      "run: {start: \"2026-01-05T00:00\", duration: 1h}\n"
      "installation:\n"
      "  gateways:\n"
      "    - {name: Slave, kind: virtual, ip: 10.0.0.9, devices: [{name: Remote, family: wsmeasure, remoteId: 10001}]}\n"
      "    - {name: GW, ip: 10.0.0.1, devices: [{name: M, family: energy-counter, model: \"4 120 74\", address: 1}]}\n";
  SimulatedSite site(ews::scenario::parseScenario(text));
  EXPECT_EQ(site.links().size(), 1u);
  EXPECT_THROW(site.linkOf(*site.installation().findGateway("Slave")), std::out_of_range);
  EXPECT_EQ(site.unit(*site.installation().findGateway("Slave"), 247), nullptr);
  EXPECT_NE(site.unit(*site.installation().findGateway("GW"), 1), nullptr);  // no sim binding: idle, still served
}

}  // namespace

namespace {

TEST(SiteLinks, EmsModulesBeyondTheRegisterWindowsAreAConfigurationError) {
  const std::string text =
      "ews: {variant: \"255\"}\n"
      "run: {start: \"2026-01-05T00:00\", duration: 1h}\n"
      "installation:\n"
      "  gateways:\n"
      "    - name: GW\n"
      "      ip: 10.0.0.1\n"
      "      devices:\n"
      "        - {name: Far, family: ems-measure, model: \"4 149 20\", address: \"60-31\"}\n";
  try {
    ews::site::SimulatedSite site(ews::scenario::parseScenario(text, "far.yaml"));
    FAIL() << "expected a ValidationError";
  } catch (const ews::ValidationError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("far.yaml:8:"), std::string::npos) << what;
    EXPECT_NE(what.find("installation.gateways[0].devices[0].address"), std::string::npos) << what;
    EXPECT_NE(what.find("1..59"), std::string::npos) << what;
  }
}

}  // namespace
