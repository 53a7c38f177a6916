// Pulse inputs: concentrator positions count the pulses of the meters wired to them.
#include <gtest/gtest.h>

#include <cmath>

#include "device_test_support.hpp"

namespace {

using ews::devices::test::readAll;
using ews::devices::test::runFor;
using ews::devices::test::siteFrom;

const std::string kPulses =
    "name: pulses\n"
    "ews: {variant: \"255\", timezone: Europe/Paris}\n"
    "run: {start: \"2026-01-05T00:00\", duration: 1d, seed: 3}\n"
    "installation:\n"
    "  gateways:\n"
    "    - name: GW\n"
    "      ip: 10.0.0.1\n"
    "      devices:\n"
    "        - {name: Water, family: pulse-counter, model: Water counter, concentrator: \"4 120 65\", address: 5,"
    " position: 1, medium: water, sim: {profile: water}}\n"
    "        - {name: Gas, family: pulse-counter, model: Gas counter, concentrator: \"4 120 65\", address: 5,"
    " position: 2, medium: gas, sim: {profile: gas}}\n"
    "        - {name: Host, family: energy-counter, model: \"4 120 81\", address: 6, sim: {profile: power}}\n"
    "        - {name: Process, family: pulse-counter, model: \"4 120 90\", address: 6, position: 2,"
    " medium: electricity, sim: {profile: noisy}}\n"
    "loadProfiles:\n"
    "  - {name: water, kind: constant, power: 123}\n"
    "  - {name: gas, kind: constant, power: 905}\n"
    "  - {name: power, kind: constant, power: 1000}\n"
    "  - {name: noisy, kind: constant, power: 777, noise: 0.3}\n";

TEST(PulseInputs, CountsAreTheFlowOverTheWeight) {
  auto site = siteFrom(kPulses);
  runFor(*site, ews::hours(1));
  const auto water = readAll(*site, "Water");
  EXPECT_EQ(water.at("count"), 123.0);  // 123 L at 1 L per pulse
  EXPECT_EQ(water.at("weight"), 1.0);
  const auto gas = readAll(*site, "Gas");
  EXPECT_EQ(gas.at("count"), 90.0);  // 905 L at 10 L per pulse: the half pulse is not emitted yet
  EXPECT_EQ(gas.at("weight"), 10.0);
}

TEST(PulseInputs, HostCounterServesItsMeasureAndItsPositions) {
  auto site = siteFrom(kPulses);
  runFor(*site, ews::hours(2) + ews::seconds(11));
  const auto& installation = site->installation();
  const double processWh = site->counters().at(installation.findDevice("Process")->id);
  const auto process = readAll(*site, "Process");
  EXPECT_EQ(process.at("weight"), 1.0);
  // Served a few ms after the counters were taken: at most one pulse later at 777 W x 1.3.
  EXPECT_GE(process.at("count"), std::floor(processWh));
  EXPECT_LE(process.at("count"), std::floor(processWh) + 1);
  const auto host = readAll(*site, "Host");
  EXPECT_NEAR(host.at("energy.active.import"), 2000.0 + 1000.0 * 11 / 3600, 10.0);
  EXPECT_EQ(host.at("position.1.count"), 0.0);  // nothing wired at position 1
  EXPECT_EQ(host.at("position.1.weight"), 0.0);
  // The same pulses, read a few transactions later on the line: at most one more.
  EXPECT_GE(host.at("position.2.count"), process.at("count"));
  EXPECT_LE(host.at("position.2.count"), process.at("count") + 1);
}

TEST(PulseInputs, UnwiredPositionsReadZero) {
  auto site = siteFrom(kPulses);
  runFor(*site, ews::hours(1));
  const auto* gateway = site->installation().findGateway("GW");
  std::array<std::uint16_t, 24> words{};
  ews::link::Request request;
  request.unitId = 5;
  request.address = 0;
  request.count = 24;  // positions 1-12
  request.readBuffer = words;
  ASSERT_TRUE(site->linkOf(*gateway).transact(request).ok());
  for (std::size_t i = 4; i < words.size(); ++i) EXPECT_EQ(words[i], 0) << i;
}

}  // namespace
