// Metering devices read through their gateway's SimLink: energies from the power source's
// counter, the phasor state, THD and harmonics, statistics, supply direction.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "device_test_support.hpp"
#include "ews/devices/measurement.hpp"
#include "ews/devices/power_source.hpp"
#include "ews/kernel/rng.hpp"
#include "ews/physics/harmonics.hpp"
#include "ews/profiles/addressing.hpp"
#include "ews/physics/quantities.hpp"
#include "ews/profiles/read_plan.hpp"

namespace {

using ews::devices::test::readAll;
using ews::devices::test::runFor;
using ews::devices::test::writeField;
using ews::devices::test::siteFrom;

constexpr double kPf = 0.95;

std::string meters(const std::string& extraDevice = "") {
  return "name: meters\n"
         "ews: {variant: \"255\", timezone: Europe/Paris, sampleRate: 10min}\n"
         "run: {start: \"2026-01-05T00:00\", duration: 1d, seed: 7}\n"
         "installation:\n"
         "  gateways:\n"
         "    - name: GW\n"
         "      ip: 10.0.0.1\n"
         "      devices:\n"
         "        - {name: M3, family: multifunction-meter, model: \"4 120 53\", address: 1, sim: {profile: ramp}}\n"
         "        - {name: M1, family: energy-counter, model: \"4 120 68\", address: 2, sim: {profile: flat}}\n"
         "        - {name: E3, family: ems-measure, model: \"4 149 20\", address: 3, supply: downstream,"
         " sim: {profile: flat}}\n"
         "        - {name: G, family: generic-modbus, model: Generic Modbus meter, address: 4,"
         " generic: {function: 4, register: \"0x0100\", words: 2, multiplier: 0.1}, sim: {profile: flat}}\n"
         "        - {name: Idle, family: energy-counter, model: \"4 120 74\", address: 5}\n" +
         extraDevice +
         "loadProfiles:\n"
         "  - {name: flat, kind: constant, power: 2300}\n"
         "  - {name: ramp, kind: daily, points: [[\"00:00\", 1000], [\"10:00\", 1000], [\"10:04\", 5000],"
         " [\"20:00\", 5000], [\"21:00\", 1000]]}\n";
}

int idOf(ews::site::SimulatedSite& site, const char* name) { return site.installation().findDevice(name)->id; }

TEST(Meters, ThreePhaseStateAddsUp) {
  auto site = siteFrom(meters());
  runFor(*site, ews::hours(12));
  const auto v = readAll(*site, "M3");
  const double p = v.at("power.active.total");
  EXPECT_NEAR(p, 5000.0, 1.0);
  EXPECT_NEAR(v.at("power.active.L1") + v.at("power.active.L2") + v.at("power.active.L3"), p, 2.0);
  EXPECT_NEAR(v.at("powerFactor.total"), kPf, 0.001);
  EXPECT_NEAR(v.at("powerFactor.L2"), kPf, 0.001);
  EXPECT_NEAR(v.at("power.reactive.total"), p * std::sqrt(1 - kPf * kPf) / kPf, 2.0);
  EXPECT_NEAR(v.at("power.apparent.total"), p / kPf, 2.0);
  for (const char* phase : {"L1", "L2", "L3"}) {
    const double voltage = v.at(std::string("voltage.") + phase + "N");
    EXPECT_NEAR(voltage, 230.0, 2.31) << phase;  // +-1 % per device and phase
    EXPECT_NEAR(v.at(std::string("current.") + phase), p / 3 / (voltage * kPf), 0.002) << phase;
  }
  EXPECT_NEAR(v.at("voltage.L12"), 400.0, 8.0);
  EXPECT_NEAR(v.at("current.N"), 0.0, 0.2);  // balanced up to the voltage spread
  EXPECT_DOUBLE_EQ(v.at("frequency"), 50.0);
  EXPECT_EQ(v.at("energy.active.export"), 0.0);
  EXPECT_EQ(v.at("energy.reactive.export"), 0.0);
}

TEST(Meters, PowerFactorComesFromTheScenario) {
  auto site = siteFrom(meters("        - {name: Motor, family: energy-counter, model: \"4 120 74\", address: 6,"
                              " sim: {profile: flat, powerFactor: 0.8}}\n"));
  runFor(*site, ews::hours(1));
  const auto v = readAll(*site, "Motor");
  EXPECT_NEAR(v.at("powerFactor.total"), 0.8, 0.001);
  EXPECT_NEAR(v.at("power.reactive.total"), 2300.0 * 0.75, 2.0);  // tan(acos 0.8) = 0.75
  EXPECT_NEAR(v.at("energy.reactive.import"), v.at("energy.active.import") * 0.75, 10.0);
}

TEST(Meters, EnergyIsTheSourceCounterAtTheInstantServed) {
  auto site = siteFrom(meters());
  runFor(*site, ews::hours(11) + ews::seconds(17));
  const auto* gateway = site->installation().findGateway("GW");
  const double counterWh = site->counters().at(idOf(*site, "M3"));
  // Serve directly at the engine's now: the register holds the counter, to its 10 Wh step.
  std::array<std::uint16_t, 8> words{};  // Ea+, Ea-, Er+, Er-: u32 x 10 Wh each
  ews::link::Request request;
  request.unitId = 1;
  request.address = 0;
  request.count = 8;
  request.readBuffer = words;
  ASSERT_EQ(site->unit(*gateway, 1)->serve(request, site->engine().now()), ews::link::ExceptionCode::None);
  const double servedWh = (static_cast<double>(words[0]) * 65536 + words[1]) * 10;
  EXPECT_EQ(servedWh, std::round(counterWh / 10) * 10);
  const double reactive = (static_cast<double>(words[4]) * 65536 + words[5]) * 10;
  EXPECT_EQ(reactive, std::round(counterWh * std::sqrt(1 - kPf * kPf) / kPf / 10) * 10);

  // Through the link (served a few ms later): the EMS module's u64 Wh, the generic meter's 0.1 Wh.
  const double flatWh = site->counters().at(idOf(*site, "E3"));
  EXPECT_NEAR(readAll(*site, "E3").at("energy.active.export"), flatWh, 1.0);
  EXPECT_NEAR(readAll(*site, "G").at("energy.active.import"), flatWh, 0.1 + 2300.0 * 0.1 / 3600);
}

TEST(Meters, SinglePhaseMeterCarriesItsLoadOnL1) {
  auto site = siteFrom(meters());
  runFor(*site, ews::hours(1));
  const auto v = readAll(*site, "M1");
  EXPECT_NEAR(v.at("power.active.total"), 2300.0, 0.5);
  EXPECT_NEAR(v.at("current.L1"), 2300.0 / (v.at("voltage.L1N") * kPf), 0.002);
  EXPECT_NEAR(v.at("powerFactor.total"), kPf, 0.001);
  EXPECT_NEAR(v.at("energy.active.import"), 2300.0, 10.0);
}

TEST(Meters, DownstreamSensorsReadTheLoadAsExport) {
  auto site = siteFrom(meters());
  runFor(*site, ews::hours(1));
  const auto v = readAll(*site, "E3");
  EXPECT_NEAR(v.at("power.active.total"), -2300.0, 0.1);
  EXPECT_NEAR(v.at("power.reactive.total"), -2300.0 * std::sqrt(1 - kPf * kPf) / kPf, 0.1);
  EXPECT_NEAR(v.at("powerFactor.total"), -kPf, 1e-6);
  EXPECT_EQ(v.at("energy.active.import"), 0.0);
  EXPECT_NEAR(v.at("energy.active.export"), 2300.0, 1.0);
  EXPECT_NEAR(v.at("energy.reactive.export"), 2300.0 * std::sqrt(1 - kPf * kPf) / kPf, 1.0);
  EXPECT_EQ(v.at("supply.direction"), 1.0);
  EXPECT_EQ(v.at("alarm.flags"), 0.0);

  using ews::devices::test::writeField;
  EXPECT_TRUE(writeField(*site, "E3", "supply.direction", 0).ok());
  EXPECT_EQ(readAll(*site, "E3").at("supply.direction"), 0.0);
  const auto refused = writeField(*site, "E3", "supply.direction", 2);
  EXPECT_EQ(refused.status, ews::link::Status::Exception);
  EXPECT_EQ(refused.exception, ews::link::ExceptionCode::IllegalDataValue);
}

TEST(Meters, HarmonicsAndThdAgree) {
  auto site = siteFrom(meters());
  runFor(*site, ews::hours(12));
  const auto v = readAll(*site, "M3");
  for (const char* phase : {"L1", "L2", "L3"}) {
    for (const char* kind : {"current", "voltage"}) {
      double sumOfSquares = 0.0;
      for (int n = 2; n <= 25; ++n) {
        const double h = v.at(std::string("harmonic.") + kind + "." + phase + ".h" + std::to_string(n));
        sumOfSquares += h * h;
      }
      // Each harmonic is rounded to 0.1 %, the THD too.
      EXPECT_NEAR(std::sqrt(sumOfSquares), v.at(std::string("thd.") + kind + "." + phase), 0.4) << kind << phase;
    }
    EXPECT_GE(v.at(std::string("thd.voltage.") + phase), 1.0);
    EXPECT_LE(v.at(std::string("thd.voltage.") + phase), 4.0);
    EXPECT_GE(v.at(std::string("thd.current.") + phase), 4.0);
    EXPECT_LE(v.at(std::string("thd.current.") + phase), 40.0);
  }
  EXPECT_GT(v.at("thd.current.N"), 0.0);
  // A device drawing nothing shows no current distortion.
  const auto idle = readAll(*site, "Idle");
  EXPECT_EQ(idle.at("current.L1"), 0.0);
  EXPECT_EQ(idle.at("power.active.total"), 0.0);
}

TEST(Meters, StatisticsCoverTheTimeSinceTheLastReset) {
  auto site = siteFrom(meters());
  runFor(*site, ews::hours(10));
  // The recorder's reset at a sample instant (10:00 local), through the meter's register.
  ASSERT_TRUE(writeField(*site, "M3", "stat.reset", 1.0).ok());
  EXPECT_EQ(writeField(*site, "M3", "stat.reset", 2.0).exception, ews::link::ExceptionCode::IllegalDataValue);
  runFor(*site, ews::minutes(5));  // local time: the ramp 1 -> 5 kW runs 10:00-10:04
  const auto v = readAll(*site, "M3");
  // Since the reset: 1 kW at its start, 5 kW at its end, the ramp's mean over 4 min (3 kW)
  // and one minute at 5 kW: 3.4 kW on average.
  EXPECT_NEAR(v.at("stat.power.active.total.min"), 1000.0, 1.0);
  EXPECT_NEAR(v.at("stat.power.active.total.max"), 5000.0, 1.0);
  EXPECT_NEAR(v.at("stat.power.active.total.avg"), 3400.0, 10.0);
  EXPECT_NEAR(v.at("stat.current.L1.max"), 5000.0 / 3 / (v.at("voltage.L1N") * kPf), 0.01);
  EXPECT_EQ(v.at("stat.voltage.L2N.min"), v.at("voltage.L2N"));

  // Without a reset the statistics go on: no window closes by itself at the sample instant.
  runFor(*site, ews::minutes(5) + ews::seconds(30));
  const auto next = readAll(*site, "M3");
  EXPECT_NEAR(next.at("stat.power.active.total.min"), 1000.0, 1.0);
  // After a reset they start afresh from the value in force.
  ASSERT_TRUE(writeField(*site, "M3", "stat.reset", 1.0).ok());
  runFor(*site, ews::seconds(30));
  const auto reset = readAll(*site, "M3");
  EXPECT_NEAR(reset.at("stat.power.active.total.min"), 5000.0, 1.0);
  EXPECT_NEAR(reset.at("stat.power.active.total.avg"), 5000.0, 1.0);
}

TEST(Meters, ReadingsDoNotDependOnHowOftenTheyArePolled) {
  auto often = siteFrom(meters());
  auto rarely = siteFrom(meters());
  const ews::Time common = often->start() + ews::hours(10) + ews::minutes(20);
  for (ews::Time t = often->start() + ews::hours(10); t < common; t += ews::seconds(1)) {
    often->runUntil(t);
    readAll(*often, "M3");
    readAll(*often, "E3");
  }
  for (ews::Time t = rarely->start(); t < common; t += ews::minutes(10)) {
    rarely->runUntil(t);
    readAll(*rarely, "M3");
  }
  often->runUntil(common);
  rarely->runUntil(common);
  EXPECT_EQ(readAll(*often, "M3"), readAll(*rarely, "M3"));
  EXPECT_EQ(readAll(*often, "E3"), readAll(*rarely, "E3"));
}

TEST(Meters, AddingADeviceChangesNoOtherDevicesReadings) {
  auto without = siteFrom(meters());
  auto with = siteFrom(meters(
      "        - {name: Extra, family: multifunction-meter, model: \"0 146 69\", address: 9, sim: {profile: flat}}\n"));
  runFor(*without, ews::hours(10) + ews::minutes(3));
  runFor(*with, ews::hours(10) + ews::minutes(3));
  for (const char* name : {"M3", "M1", "E3", "G"}) EXPECT_EQ(readAll(*without, name), readAll(*with, name)) << name;
}

/// A source that counts what the measurement asks of it.
struct CountingSource final : ews::devices::PowerSource {
  ews::models::LinePowers linePowersAt(ews::Time) const override {
    ++powerCalls;
    ews::models::LinePowers lines;
    lines.activeW.fill(2300.0 / 3.0);
    return lines;
  }
  double energyAt(ews::Time t) const override {
    ++energyCalls;
    return ews::toSeconds(t - ews::Time{}) / 3600.0;
  }
  double reactiveEnergyAt(ews::Time) const override { return 0.0; }
  mutable int powerCalls = 0;
  mutable int energyCalls = 0;
};

TEST(Meters, ARequestEvaluatesOnlyThePartsOfTheSourceItReads) {
  // A feeder meter's source sums its whole downstream tree for the power and again for the
  // counter: a block of energies must not pay for the power, nor a block of currents for the
  // counter, and each is evaluated once per request whatever the number of fields.
  CountingSource source;
  ews::devices::Measurement measurement(nullptr, source, ews::devices::SupplyPoint{},
                                        ews::physics::HarmonicsProfile(ews::RngStream(1, "h")));
  const std::uint32_t importWh = *measurement.bind("energy.active.import");
  const std::uint32_t exportWh = *measurement.bind("energy.active.export");
  const std::uint32_t currentA = *measurement.bind("current.L1");
  const std::uint32_t powerW = *measurement.bind("power.active.total");
  const std::uint32_t thdV = *measurement.bind("thd.voltage.L1");
  const ews::Time t = ews::Time{} + ews::hours(2);

  measurement.prepare(t);
  EXPECT_DOUBLE_EQ(measurement.value(importWh), 2.0);
  EXPECT_EQ(measurement.value(exportWh), 0.0);
  EXPECT_EQ(source.energyCalls, 1);
  EXPECT_EQ(source.powerCalls, 0);

  measurement.prepare(t + ews::seconds(1));
  EXPECT_GT(measurement.value(thdV), 0.0);
  EXPECT_EQ(source.powerCalls, 0) << "the supply's voltage distortion needs no load";
  EXPECT_GT(measurement.value(currentA), 0.0);
  EXPECT_NEAR(measurement.value(powerW), 2300.0, 1e-9);
  EXPECT_EQ(source.powerCalls, 1);
  EXPECT_EQ(source.energyCalls, 1);

  // Both parts in one request, then a new instant: computed again, and the values of that
  // instant (not the previous one's).
  EXPECT_DOUBLE_EQ(measurement.value(importWh), 2.0 + 1.0 / 3600.0);
  measurement.prepare(t + ews::hours(1));
  EXPECT_DOUBLE_EQ(measurement.value(importWh), 3.0);
  EXPECT_NEAR(measurement.value(powerW), 2300.0, 1e-9);
  EXPECT_EQ(source.energyCalls, 3);
  EXPECT_EQ(source.powerCalls, 2);
}

}  // namespace
