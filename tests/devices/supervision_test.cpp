// Power supervision I/O: relay outputs driven through coil and register writes, inputs.
#include <gtest/gtest.h>

#include "device_test_support.hpp"
#include "ews/devices/supervision_io.hpp"

namespace {

using ews::devices::test::readAll;
using ews::devices::test::runFor;
using ews::devices::test::siteFrom;
using ews::devices::test::writeField;

const std::string kSupervision =
    "name: supervision\n"
    "ews: {variant: \"255\", timezone: Europe/Paris}\n"
    "run: {start: \"2026-01-05T00:00\", duration: 1d, seed: 3}\n"
    "installation:\n"
    "  gateways:\n"
    "    - name: GW\n"
    "      ip: 10.0.0.1\n"
    "      devices:\n"
    "        - {name: Outputs, family: power-supervision, model: \"0 288 12\", address: 1}\n"
    "        - {name: Interface, family: power-supervision, model: \"0 261 36\", address: 2}\n";

double stateOf(ews::site::SimulatedSite& site, const char* device, int output) {
  return readAll(site, device).at("output." + std::to_string(output) + ".state");
}

TEST(Supervision, ImpulsiveOutputReturnsToRestAfterItsOnTime) {
  auto site = siteFrom(kSupervision);
  runFor(*site, ews::minutes(1));
  EXPECT_EQ(stateOf(*site, "Outputs", 1), 0.0);
  ASSERT_TRUE(writeField(*site, "Outputs", "output.1.onTimeS", 10).ok());
  ASSERT_TRUE(writeField(*site, "Outputs", "output.1.mode", 1).ok());  // NC
  ASSERT_TRUE(writeField(*site, "Outputs", "output.1.state", 1).ok());
  EXPECT_EQ(stateOf(*site, "Outputs", 1), 1.0);
  runFor(*site, ews::seconds(5));
  EXPECT_EQ(stateOf(*site, "Outputs", 1), 1.0);
  runFor(*site, ews::seconds(6));
  EXPECT_EQ(stateOf(*site, "Outputs", 1), 0.0);
  const auto v = readAll(*site, "Outputs");
  EXPECT_EQ(v.at("output.1.mode"), 1.0);
  EXPECT_EQ(v.at("output.1.command"), 0.0);
  EXPECT_EQ(v.at("output.1.onTimeS"), 10.0);
  EXPECT_EQ(v.at("output.2.onTimeS"), 0.0);
}

TEST(Supervision, BlinkingOutputTogglesEveryOnTimeUntilOff) {
  auto site = siteFrom(kSupervision);
  runFor(*site, ews::minutes(1));
  ASSERT_TRUE(writeField(*site, "Outputs", "output.3.command", 1).ok());
  ASSERT_TRUE(writeField(*site, "Outputs", "output.3.onTimeS", 2).ok());
  ASSERT_TRUE(writeField(*site, "Outputs", "output.3.state", 1).ok());
  std::vector<double> timeline;
  for (int i = 0; i < 6; ++i) {
    runFor(*site, ews::seconds(1));
    timeline.push_back(stateOf(*site, "Outputs", 3));
  }
  // Commanded c = t0 + ~46 ms (three writes on the line), read t0 + k + ~8 ms: on during
  // [c, c+2), off during [c+2, c+4), on again ...
  EXPECT_EQ(timeline, (std::vector<double>{1, 1, 0, 0, 1, 1}));
  ASSERT_TRUE(writeField(*site, "Outputs", "output.3.state", 0).ok());
  runFor(*site, ews::seconds(3));
  EXPECT_EQ(stateOf(*site, "Outputs", 3), 0.0);
}

TEST(Supervision, MaintainedOutputAndRefusedSettings) {
  auto site = siteFrom(kSupervision);
  ASSERT_TRUE(writeField(*site, "Interface", "output.2.state", 1).ok());  // ON time 0: maintained
  runFor(*site, ews::hours(1));
  EXPECT_EQ(stateOf(*site, "Interface", 2), 1.0);
  const auto refused = writeField(*site, "Interface", "output.2.mode", 3);
  EXPECT_EQ(refused.exception, ews::link::ExceptionCode::IllegalDataValue);
}

TEST(Supervision, InputsAreReadAsDiscreteInputs) {
  auto site = siteFrom(kSupervision);
  const auto* device = site->installation().findDevice("Interface");
  auto* io = site->unit(site->installation().gatewayOf(*device), 2)->find<ews::devices::SupervisionIo>(*device);
  ASSERT_NE(io, nullptr);
  io->input(3).set(site->start() + ews::minutes(10), true);
  io->setAnalogInput(2, 12.5);
  runFor(*site, ews::minutes(5));
  auto v = readAll(*site, "Interface");
  EXPECT_EQ(v.at("input.3"), 0.0);
  EXPECT_EQ(v.at("analogInput.1"), 4.0);
  EXPECT_EQ(v.at("analogInput.2"), 12.5);
  runFor(*site, ews::minutes(10));
  v = readAll(*site, "Interface");
  EXPECT_EQ(v.at("input.3"), 1.0);
  EXPECT_EQ(v.at("input.4"), 0.0);
}

}  // namespace
