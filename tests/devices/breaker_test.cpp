// Breakers and EMS CX3 state modules: state and trip cause after scheduled trips and
// protections; a measuring breaker's measure stops while it is open.
#include <gtest/gtest.h>

#include "device_test_support.hpp"
#include "ews/devices/breaker_status.hpp"

namespace {

using ews::devices::test::breakerStatusOf;
using ews::devices::test::readAll;
using ews::devices::test::runFor;
using ews::devices::test::siteFrom;
using ews::physics::BreakerEvent;
using ews::physics::TripCause;

const std::string kBreakers =
    "name: breakers\n"
    "ews: {variant: \"255\", timezone: Europe/Paris}\n"
    "run: {start: \"2026-01-05T00:00\", duration: 1d, seed: 3}\n"
    "installation:\n"
    "  gateways:\n"
    "    - name: GW\n"
    "      ip: 10.0.0.1\n"
    "      devices:\n"
    "        - {name: Kitchen, family: breaker, model: \"4 106 59\", address: 1, sim: {profile: flat}}\n"
    "        - {name: Feeder, family: breaker, model: DPX3 250 electronic with measurement, address: 2,"
    " sim: {profile: overload}}\n"
    "        - {name: Plain, family: breaker, model: DPX3 630 electronic, address: 3}\n"
    "        - {name: Counting, family: breaker, model: \"4 106 57\", address: 4, supply: downstream,"
    " sim: {profile: flat}}\n"
    "        - {name: CA SD, family: ems-state-control, model: \"4 149 29\", address: 5}\n"
    "        - {name: Contactor, family: ems-state-control, model: \"4 149 31\", address: 6}\n"
    "loadProfiles:\n"
    "  - {name: flat, kind: constant, power: 2300}\n"
    "  - {name: overload, kind: constant, power: 230kW}\n";

TEST(Breakers, ScheduledTripStopsTheMeasure) {
  auto site = siteFrom(kBreakers);
  runFor(*site, ews::hours(1));
  auto before = readAll(*site, "Kitchen");
  EXPECT_EQ(before.at("breaker.state"), 1.0);
  EXPECT_EQ(before.at("breaker.tripCause"), 0.0);
  EXPECT_NEAR(before.at("power.active.total"), 2300.0, 1.0);

  const ews::Time tripAt = site->engine().now() + ews::seconds(30) + ews::milliseconds(250);
  breakerStatusOf(*site, "Kitchen").breaker().schedule(BreakerEvent{tripAt, BreakerEvent::Action::Trip, TripCause::EarthLeakage});
  runFor(*site, ews::minutes(1));
  const auto after = readAll(*site, "Kitchen");
  EXPECT_EQ(after.at("breaker.state"), 2.0);
  EXPECT_EQ(after.at("breaker.tripCause"), 3.0);
  EXPECT_EQ(after.at("power.active.total"), 0.0);
  EXPECT_EQ(after.at("current.L1"), 0.0);
  // The energy stood still from the trip on: 2300 W for 1 h 30.25 s.
  const double atTripWh = 2300.0 * (3600.0 + 30.25) / 3600.0;
  EXPECT_NEAR(after.at("energy.active.import"), atTripWh, 0.5);
  runFor(*site, ews::hours(1));
  EXPECT_EQ(readAll(*site, "Kitchen").at("energy.active.import"), after.at("energy.active.import"));

  // Reclosed by command: it measures again from there.
  breakerStatusOf(*site, "Kitchen").breaker().close(site->engine().now());
  runFor(*site, ews::hours(1));
  const auto reclosed = readAll(*site, "Kitchen");
  EXPECT_EQ(reclosed.at("breaker.state"), 1.0);
  EXPECT_NEAR(reclosed.at("energy.active.import"), atTripWh + 2300.0, 1.0);
}

TEST(Breakers, OvercurrentTripsWhenTheDelayRunsOutWhoeverPolls) {
  auto site = siteFrom(kBreakers);
  // 230 kW over three phases at PF 0.95: 351 A per phase, above 1.3 x 250 A for 60 s.
  runFor(*site, ews::seconds(59));
  EXPECT_EQ(readAll(*site, "Feeder").at("breaker.state"), 1.0);
  runFor(*site, ews::seconds(2));
  const auto tripped = readAll(*site, "Feeder");
  EXPECT_EQ(tripped.at("breaker.state"), 2.0);
  EXPECT_EQ(tripped.at("breaker.tripCause"), 1.0);
  EXPECT_NEAR(tripped.at("energy.active.import"), 230000.0 * 60 / 3600, 0.5);
}

TEST(Breakers, PlainAndCountingMapsAreServed) {
  auto site = siteFrom(kBreakers);
  runFor(*site, ews::hours(1));
  const auto plain = readAll(*site, "Plain");
  EXPECT_EQ(plain.at("breaker.state"), 1.0);
  EXPECT_EQ(plain.at("supply.direction"), 0.0);
  EXPECT_EQ(plain.count("energy.active.import"), 0u);
  const auto counting = readAll(*site, "Counting");
  EXPECT_EQ(counting.at("supply.direction"), 1.0);
  EXPECT_EQ(counting.at("energy.active.import"), 0.0);  // fed from below: the load reads as export
  EXPECT_NEAR(counting.at("energy.active.export"), 2300.0, 1.0);
}

TEST(EmsStateModules, ContactsFollowTheWatchedBreaker) {
  auto site = siteFrom(kBreakers);
  runFor(*site, ews::minutes(5));
  auto v = readAll(*site, "CA SD");
  EXPECT_EQ(v.at("state.input.1"), 1.0);  // CA: closed
  EXPECT_EQ(v.at("state.input.2"), 0.0);  // SD: not tripped
  EXPECT_EQ(v.at("breaker.state"), 1.0);
  breakerStatusOf(*site, "CA SD").breaker().schedule(
      BreakerEvent{site->engine().now() + ews::seconds(10), BreakerEvent::Action::Trip, TripCause::ShortCircuit});
  runFor(*site, ews::seconds(20));
  v = readAll(*site, "CA SD");
  EXPECT_EQ(v.at("state.input.1"), 0.0);
  EXPECT_EQ(v.at("state.input.2"), 1.0);
  EXPECT_EQ(v.at("breaker.state"), 2.0);
}

TEST(EmsControlModules, TheOrderIsACoilAndTheFeedbackFollows) {
  auto site = siteFrom(kBreakers);
  runFor(*site, ews::minutes(1));
  EXPECT_EQ(readAll(*site, "Contactor").at("state.output.1"), 0.0);
  ASSERT_TRUE(ews::devices::test::writeField(*site, "Contactor", "command.output.1", 1).ok());
  const auto v = readAll(*site, "Contactor");
  EXPECT_EQ(v.at("command.output.1"), 1.0);
  EXPECT_EQ(v.at("state.output.1"), 1.0);
}

}  // namespace
