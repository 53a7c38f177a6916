#include "ews/physics/energy_counters.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "physics_test_support.hpp"

namespace ews::physics {
namespace {

using testing::at;
using testing::kStart;

struct PowerStep {
  Duration from;
  double activeW;
  double reactiveVar;
};

/// A day of power changes at irregular instants, imports and exports mixed.
const std::vector<PowerStep> kSchedule{
    {seconds(0), 1234.5, 300.0},          {seconds(37), 2000.0, -150.0},
    {minutes(13) + seconds(3), -800.0, 0.0}, {hours(2) + milliseconds(250), 0.0, 0.0},
    {hours(5), 7400.0, 1200.0},           {hours(9) + seconds(1), -3000.0, -500.0},
    {hours(17) + minutes(59), 450.0, 20.0}};

/// Replays the schedule, reading the counters every `readEvery`; returns the readings at the
/// common instants (every 10 min over a day).
std::vector<EnergyRegisters> replay(Duration readEvery) {
  EnergyCounters counters(kStart);
  std::vector<EnergyRegisters> atCommonInstants;
  std::size_t next = 0;
  for (Duration t{0}; t <= days(1); t += readEvery) {
    // Apply the changes due before or at this read, each at its own instant.
    while (next < kSchedule.size() && kSchedule[next].from <= t) {
      counters.advanceTo(at(kSchedule[next].from));
      counters.setPower(kSchedule[next].activeW, kSchedule[next].reactiveVar);
      ++next;
    }
    counters.advanceTo(at(t));
    if (t % minutes(10) == Duration::zero()) atCommonInstants.push_back(counters.countersAt(at(t)));
  }
  return atCommonInstants;
}

void expectRelativelyEqual(double a, double b) { EXPECT_NEAR(a, b, 1e-9 * std::max(1.0, std::abs(b))); }

TEST(EnergyCounters, IndependentOfHowOftenTheyAreRead) {
  const auto everySecond = replay(seconds(1));
  const auto everyTenMinutes = replay(minutes(10));
  ASSERT_EQ(everySecond.size(), everyTenMinutes.size());
  for (std::size_t i = 0; i < everySecond.size(); ++i) {
    expectRelativelyEqual(everySecond[i].activeImportWh, everyTenMinutes[i].activeImportWh);
    expectRelativelyEqual(everySecond[i].activeExportWh, everyTenMinutes[i].activeExportWh);
    expectRelativelyEqual(everySecond[i].reactiveImportVarh, everyTenMinutes[i].reactiveImportVarh);
    expectRelativelyEqual(everySecond[i].reactiveExportVarh, everyTenMinutes[i].reactiveExportVarh);
  }
  // Read once, at the end.
  EnergyCounters once(kStart);
  for (const auto& step : kSchedule) {
    once.advanceTo(at(step.from));
    once.setPower(step.activeW, step.reactiveVar);
  }
  const EnergyRegisters end = once.countersAt(at(days(1)));
  expectRelativelyEqual(end.activeImportWh, everySecond.back().activeImportWh);
  expectRelativelyEqual(end.activeExportWh, everySecond.back().activeExportWh);
  expectRelativelyEqual(end.reactiveExportVarh, everySecond.back().reactiveExportVarh);
}

TEST(EnergyCounters, KnownValuesAndExportForNegativePower) {
  EnergyCounters counters(kStart, EnergyRegisters{100.0, 0.0, 0.0, 0.0});
  counters.setPower(3600.0, 360.0);  // one hour: 3600 Wh, 360 varh
  counters.advanceTo(at(hours(1)));
  counters.setPower(-1800.0, -90.0);  // half an hour exporting: 900 Wh out, 45 varh capacitive
  const EnergyRegisters end = counters.countersAt(at(hours(1) + minutes(30)));
  EXPECT_NEAR(end.activeImportWh, 3700.0, 1e-9);
  EXPECT_NEAR(end.activeExportWh, 900.0, 1e-9);
  EXPECT_NEAR(end.reactiveImportVarh, 360.0, 1e-9);
  EXPECT_NEAR(end.reactiveExportVarh, 45.0, 1e-9);
  // Reading does not change anything.
  EXPECT_EQ(counters.countersAt(at(hours(1) + minutes(30))).activeExportWh, end.activeExportWh);
  EXPECT_THROW(counters.advanceTo(kStart), std::invalid_argument);
}

TEST(PiecewiseIntegral, SettingTheSameRateFoldsNothing) {
  PiecewiseIntegral integral(kStart, 1000.0);
  for (int s = 1; s <= 3600; ++s) integral.setRate(at(seconds(s)), 1000.0);
  EXPECT_EQ(integral.lastChange(), kStart);  // never re-anchored: no rounding accumulated
  EXPECT_DOUBLE_EQ(integral.valueAt(at(hours(1))), 1000.0);
  EXPECT_THROW(integral.setRate(kStart - seconds(1), 5.0), std::invalid_argument);
}

}  // namespace
}  // namespace ews::physics
