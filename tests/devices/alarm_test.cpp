// The alarm bits of EMS CX3 modules and DPX3/DMX3 breakers (alarm.flags, alarm.limit.current):
// the measure threshold follows the measured phase currents, the installation error the
// scenario's installation-error fault window; the scenario's alarm settings are checked.
#include <gtest/gtest.h>

#include "device_test_support.hpp"
#include "ews/devices/alarm_flags.hpp"
#include "ews/devices/breaker_status.hpp"
#include "ews/scenario/loader.hpp"

namespace {

using ews::devices::AlarmFlags;
using ews::devices::BreakerStatus;
using ews::devices::test::readAll;
using ews::devices::test::runFor;
using ews::devices::test::siteFrom;
using ews::devices::test::writeField;

// Feeder: 0 W until 08:00, ramping to 23 kW at 08:10 (three-phase balanced at PF 0.95:
// 35 A per phase), back to 0 from 10:00 to 10:10. Its limit is 20 A.
const std::string kHead =
    "name: alarms\n"
    "ews: {variant: \"255\", timezone: Europe/Paris}\n"
    "run: {start: \"2026-01-05T00:00\", duration: 1d, seed: 3}\n"
    "installation:\n"
    "  gateways:\n"
    "    - name: GW\n"
    "      ip: 10.0.0.1\n"
    "      devices:\n"
    "        - {name: Feeder, family: breaker, model: DPX3 250 electronic with measurement, address: 2,"
    " sim: {profile: morning, alarmCurrent: 20A}}\n"
    "        - {name: Quiet, family: breaker, model: \"4 106 59\", address: 3, sim: {profile: flat, alarmCurrent: 20}}\n"
    "        - {name: Unlimited, family: breaker, model: \"4 106 59\", address: 4, sim: {profile: morning}}\n"
    "        - {name: Heating, family: ems-measure, model: \"4 149 20\", address: 5, sim: {profile: morning,"
    " alarmCurrent: 30A}}\n"
    "        - {name: CA SD, family: ems-state-control, model: \"4 149 29\", address: 6}\n"
    "loadProfiles:\n"
    "  - {name: flat, kind: constant, power: 2300}\n"
    "  - {name: morning, kind: daily, points: [[\"00:00\", 0], [\"08:00\", 0], [\"08:10\", 23kW], [\"10:00\", 23kW],"
    " [\"10:10\", 0]]}\n";

const std::string kFaults =
    "faults:\n"
    "  - {kind: installation-error, target: Heating, from: \"2026-01-05T03:00\", to: \"2026-01-05T04:00\"}\n"
    "  - {kind: installation-error, target: CA SD, from: \"2026-01-05T03:30\", to: \"2026-01-05T05:00\"}\n";

unsigned flagsOf(const std::map<std::string, double>& values) { return static_cast<unsigned>(values.at("alarm.flags")); }

TEST(Alarms, TheThresholdBitFollowsThePhaseCurrents) {
  auto site = siteFrom(kHead);
  runFor(*site, ews::hours(7));  // 07:00 local (the run starts at 00:00): nothing drawn
  auto feeder = readAll(*site, "Feeder");
  EXPECT_EQ(feeder.at("alarm.limit.current"), 20.0);
  EXPECT_EQ(flagsOf(feeder) & AlarmFlags::kThresholdBit, 0u);
  // 08:05 local: 11.5 kW, 17.6 A per phase, under the limit.
  runFor(*site, ews::minutes(65));
  feeder = readAll(*site, "Feeder");
  EXPECT_LT(feeder.at("current.L1"), 20.0);
  EXPECT_EQ(flagsOf(feeder), 0u);
  // 08:09: 20.7 kW, 31.6 A: above.
  runFor(*site, ews::minutes(4));
  feeder = readAll(*site, "Feeder");
  EXPECT_GT(feeder.at("current.L1"), 20.0);
  EXPECT_EQ(flagsOf(feeder), AlarmFlags::kThresholdBit);
  // The EMS module's limit is 30 A: above at 08:09 too; without a limit, never.
  EXPECT_EQ(flagsOf(readAll(*site, "Heating")), AlarmFlags::kThresholdBit);
  EXPECT_EQ(readAll(*site, "Heating").at("alarm.limit.current"), 30.0);
  EXPECT_EQ(flagsOf(readAll(*site, "Unlimited")), 0u);
  EXPECT_EQ(readAll(*site, "Unlimited").at("alarm.limit.current"), 0.0);
  // 3.5 A per phase against 20 A; a limit written under it raises the bit, 0 removes it.
  EXPECT_EQ(flagsOf(readAll(*site, "Quiet")), 0u);
  EXPECT_TRUE(writeField(*site, "Quiet", "alarm.limit.current", 3.0).ok());
  runFor(*site, ews::seconds(1));
  EXPECT_EQ(readAll(*site, "Quiet").at("alarm.limit.current"), 3.0);
  EXPECT_EQ(flagsOf(readAll(*site, "Quiet")), AlarmFlags::kThresholdBit);
  EXPECT_TRUE(writeField(*site, "Quiet", "alarm.limit.current", 0.0).ok());
  EXPECT_EQ(flagsOf(readAll(*site, "Quiet")), 0u);
  EXPECT_EQ(writeField(*site, "Heating", "alarm.limit.current", -1.0).exception,
            ews::link::ExceptionCode::IllegalDataValue);
}

TEST(Alarms, ATrippedBreakerCarriesNoCurrentAndClearsItsThreshold) {
  auto site = siteFrom(kHead);
  runFor(*site, ews::hours(9));  // 09:00 local: 35 A
  ASSERT_EQ(flagsOf(readAll(*site, "Feeder")), AlarmFlags::kThresholdBit);
  const auto* device = site->installation().findDevice("Feeder");
  auto* unit = site->unit(site->installation().gatewayOf(*device), static_cast<std::uint8_t>(device->address));
  unit->find<BreakerStatus>(*device)->breaker().open(site->engine().now());
  runFor(*site, ews::seconds(10));
  const auto open = readAll(*site, "Feeder");
  EXPECT_EQ(open.at("current.L1"), 0.0);
  EXPECT_EQ(flagsOf(open), 0u);
}

TEST(Alarms, AnInstallationErrorFaultRaisesItsBitOverItsWindow) {
  auto site = siteFrom(kHead + kFaults);
  runFor(*site, ews::hours(2) + ews::minutes(59));  // 02:59 local
  EXPECT_EQ(flagsOf(readAll(*site, "Heating")), 0u);
  runFor(*site, ews::minutes(2));  // 03:01
  EXPECT_EQ(flagsOf(readAll(*site, "Heating")), AlarmFlags::kInstallationErrorBit);
  EXPECT_EQ(flagsOf(readAll(*site, "CA SD")), 0u);
  runFor(*site, ews::minutes(30));  // 03:31
  EXPECT_EQ(flagsOf(readAll(*site, "CA SD")), AlarmFlags::kInstallationErrorBit);
  runFor(*site, ews::minutes(30));  // 04:01: the module's window is over, the state module's not
  EXPECT_EQ(flagsOf(readAll(*site, "Heating")), 0u);
  EXPECT_EQ(flagsOf(readAll(*site, "CA SD")), AlarmFlags::kInstallationErrorBit);
  // The communication itself is untouched: the module answers throughout.
  EXPECT_EQ(flagsOf(readAll(*site, "Feeder")), 0u);
}

std::string loadError(const std::string& yaml) {
  try {
    ews::scenario::parseScenario(yaml, "site.yaml");
  } catch (const ews::ValidationError& error) {
    return error.what();
  }
  return {};
}

TEST(Alarms, TheScenarioSettingsAreChecked) {
  std::string wrongFamily = kHead;
  wrongFamily.replace(wrongFamily.find("family: ems-state-control, model: \"4 149 29\", address: 6}"),
                      std::string("family: ems-state-control, model: \"4 149 29\", address: 6}").size(),
                      "family: energy-counter, model: \"4 120 51\", address: 6, sim: {alarmCurrent: 5A}}");
  EXPECT_NE(loadError(wrongFamily).find("site.yaml:13:"), std::string::npos) << loadError(wrongFamily);
  EXPECT_NE(loadError(wrongFamily).find("alarmCurrent: a measure threshold is for EMS CX3"), std::string::npos);

  std::string negative = kHead;
  negative.replace(negative.find("alarmCurrent: 20A"), 17, "alarmCurrent: -2A");
  EXPECT_NE(loadError(negative).find("devices[0].sim.alarmCurrent"), std::string::npos) << loadError(negative);

  std::string withUnit = kHead;
  withUnit.replace(withUnit.find("alarmCurrent: 20A"), 17, "alarmCurrent: 20kW");
  EXPECT_NE(loadError(withUnit).find("alarmCurrent"), std::string::npos) << loadError(withUnit);

  const std::string onAMeter = wrongFamily +
                               "faults:\n"
                               "  - {kind: installation-error, target: CA SD}\n";
  EXPECT_NE(loadError(onAMeter).find("faults[0].target: device 'CA SD' reports no installation errors"),
            std::string::npos)
      << loadError(onAMeter);
}

}  // namespace
