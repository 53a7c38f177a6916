// EMS CX3 modules in remote addressing: reachable at their interface's unit id, each at its
// module's register window.
#include <gtest/gtest.h>

#include <array>

#include "device_test_support.hpp"
#include "ews/profiles/addressing.hpp"
#include "ews/profiles/field.hpp"

namespace {

using ews::devices::test::readAll;
using ews::devices::test::runFor;
using ews::devices::test::siteFrom;

const std::string kRemote =
    "name: remote\n"
    "ews: {variant: \"255\", timezone: Europe/Paris}\n"
    "run: {start: \"2026-01-05T00:00\", duration: 1d, seed: 3}\n"
    "installation:\n"
    "  gateways:\n"
    "    - name: GW\n"
    "      ip: 10.0.0.1\n"
    "      devices:\n"
    "        - {name: Heating, family: ems-measure, model: \"4 149 20\", address: \"14-31\", sim: {profile: flat}}\n"
    "        - {name: Lights, family: ems-measure, model: \"4 149 18\", address: \"15-31\", sim: {profile: small}}\n"
    "        - {name: State, family: ems-state-control, model: \"4 149 29\", address: \"19-31\"}\n"
    "        - {name: Direct, family: ems-measure, model: \"4 149 20\", address: 14, sim: {profile: small}}\n"
    "loadProfiles:\n"
    "  - {name: flat, kind: constant, power: 6900}\n"
    "  - {name: small, kind: constant, power: 460}\n";

TEST(RemoteEms, ModulesAnswerAtTheInterfaceUnitAndTheirWindow) {
  auto site = siteFrom(kRemote);
  runFor(*site, ews::hours(1));
  EXPECT_NEAR(readAll(*site, "Heating").at("power.active.total"), 6900.0, 0.01);
  EXPECT_NEAR(readAll(*site, "Lights").at("power.active.total"), 460.0, 0.01);
  EXPECT_EQ(readAll(*site, "State").at("breaker.state"), 1.0);
  EXPECT_NEAR(readAll(*site, "Direct").at("power.active.total"), 460.0, 0.01);  // unit 14 is another device

  // By hand: the module at 14-31 has its active power total (float32) at 14 x 0x400 + 0x011A.
  const auto* gateway = site->installation().findGateway("GW");
  std::array<std::uint16_t, 2> words{};
  ews::link::Request request;
  request.unitId = 31;
  request.function = ews::link::Function::ReadInputRegisters;
  request.address = 14 * 0x400 + 0x011A;
  request.count = 2;
  request.readBuffer = words;
  ASSERT_TRUE(site->linkOf(*gateway).transact(request).ok());
  ews::profiles::Field total;
  total.type = ews::profiles::Type::Float32;
  total.readFunction = ews::link::Function::ReadInputRegisters;
  EXPECT_NEAR(ews::profiles::decode(total, words), 6900.0, 0.01);
}

TEST(RemoteEms, RequestsOutsideEveryWindowOrAcrossTwoAreRefused) {
  auto site = siteFrom(kRemote);
  const auto* gateway = site->installation().findGateway("GW");
  std::array<std::uint16_t, 8> words{};
  ews::link::Request request;
  request.unitId = 31;
  request.function = ews::link::Function::ReadInputRegisters;
  request.readBuffer = words;
  request.count = 4;
  request.address = 0x0000;  // module 0 does not exist
  auto result = site->linkOf(*gateway).transact(request);
  EXPECT_EQ(result.exception, ews::link::ExceptionCode::IllegalDataAddress);
  request.address = 15 * 0x400 - 2;  // the end of module 14's window and the start of 15's
  result = site->linkOf(*gateway).transact(request);
  EXPECT_EQ(result.exception, ews::link::ExceptionCode::IllegalDataAddress);
  request.function = ews::link::Function::ReadCoils;  // no module has coils
  request.address = 14 * 0x400;
  result = site->linkOf(*gateway).transact(request);
  EXPECT_EQ(result.exception, ews::link::ExceptionCode::IllegalFunction);
}

TEST(RemoteEms, SettingsOfEachModuleAreItsOwn) {
  auto site = siteFrom(kRemote);
  ASSERT_TRUE(ews::devices::test::writeField(*site, "Heating", "supply.direction", 1).ok());
  EXPECT_EQ(readAll(*site, "Heating").at("supply.direction"), 1.0);
  EXPECT_EQ(readAll(*site, "Lights").at("supply.direction"), 0.0);
}

}  // namespace
