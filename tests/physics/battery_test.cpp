#include "ews/physics/battery.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ews::physics {
namespace {

/// 50 kWh, 10 kW, taper from 80 %: k = 10 / 0.2 = 50 kW, C / k = 1 h.
const BatteryParams kParams{50.0, 10.0, 80.0};

/// RK4 on C ds/dt = min(P, curve(s)) with a fixed step: the reference the closed form must match.
double integrateSocPct(const TwoStageBattery& battery, double socPct, double offeredKW, double hours, int steps) {
  const double h = hours / steps;
  const double capacity = battery.params().capacityKWh;
  const auto slope = [&](double s) { return battery.acceptedKW(s, offeredKW) / capacity * 100.0; };
  double s = socPct;
  for (int i = 0; i < steps; ++i) {
    const double k1 = slope(s);
    const double k2 = slope(s + h / 2 * k1);
    const double k3 = slope(s + h / 2 * k2);
    const double k4 = slope(s + h * k3);
    s += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return s;
}

TEST(TwoStageBattery, CurveIsFlatThenLinearToZero) {
  const TwoStageBattery battery(kParams);
  EXPECT_DOUBLE_EQ(battery.curveKW(0.0), 10.0);
  EXPECT_DOUBLE_EQ(battery.curveKW(79.9), 10.0);
  EXPECT_NEAR(battery.curveKW(80.0), 10.0, 1e-12);
  EXPECT_NEAR(battery.curveKW(90.0), 5.0, 1e-12);
  EXPECT_DOUBLE_EQ(battery.curveKW(100.0), 0.0);
  EXPECT_DOUBLE_EQ(battery.acceptedKW(90.0, 3.0), 3.0);
  EXPECT_NEAR(battery.taperStartSocPct(5.0), 90.0, 1e-12);
}

TEST(TwoStageBattery, KnownValues) {
  const TwoStageBattery battery(kParams);
  // 20 % -> 80 % at the full 10 kW (an offer of 11 kW is capped by P_max): 30 kWh in 3 h.
  EXPECT_NEAR(battery.socAfter(20.0, 11.0, 3.0), 80.0, 1e-12);
  EXPECT_NEAR(battery.hoursToReach(20.0, 80.0, 11.0), 3.0, 1e-12);
  // One more hour = C / k: 1 - s = 0.2 / e.
  EXPECT_NEAR(battery.socAfter(20.0, 11.0, 4.0), 100.0 * (1.0 - 0.2 * std::exp(-1.0)), 1e-12);
  EXPECT_NEAR(battery.energyKWh(20.0, 11.0, 4.0), 30.0 + 10.0 * (1.0 - std::exp(-1.0)), 1e-12);
  // An offer of 5 kW stays linear until the curve falls to 5 kW at 90 %: 35 kWh in 7 h.
  EXPECT_NEAR(battery.hoursToReach(20.0, 90.0, 5.0), 7.0, 1e-12);
  EXPECT_NEAR(battery.socAfter(20.0, 5.0, 8.0), 100.0 * (1.0 - 0.1 * std::exp(-1.0)), 1e-12);
  // The tail never reaches 100 %; no offer, no charge.
  EXPECT_TRUE(std::isinf(battery.hoursToReach(20.0, 100.0, 10.0)));
  EXPECT_TRUE(std::isinf(battery.hoursToReach(20.0, 50.0, 0.0)));
  EXPECT_DOUBLE_EQ(battery.socAfter(20.0, 0.0, 5.0), 20.0);
  EXPECT_DOUBLE_EQ(battery.hoursToReach(60.0, 50.0, 10.0), 0.0);
  // The power halves every (C / k) ln 2 in the taper.
  EXPECT_NEAR(battery.hoursToLoseFraction(0.5), std::log(2.0), 1e-12);
}

TEST(TwoStageBattery, ClosedFormMatchesFineNumericalIntegration) {
  const TwoStageBattery battery(kParams);
  for (const double offeredKW : {2.0, 5.0, 7.4, 10.0, 22.0}) {
    for (const double startPct : {0.0, 35.0, 79.0, 85.0, 97.0}) {
      const double hours = 6.0;
      const double exactPct = battery.socAfter(startPct, offeredKW, hours);
      const double numericPct = integrateSocPct(battery, startPct, offeredKW, hours, 6 * 3600 * 2);
      const double errorKWh = std::abs(exactPct - numericPct) / 100.0 * kParams.capacityKWh;
      EXPECT_LT(errorKWh, 1e-6) << "offer " << offeredKW << " kW from " << startPct << " %";
    }
  }
}

TEST(TwoStageBattery, SplittingAnIntervalChangesNothing) {
  const TwoStageBattery battery(kParams);
  const double once = battery.socAfter(30.0, 8.0, 7.5);
  double stepped = 30.0;
  for (int i = 0; i < 75; ++i) stepped = battery.socAfter(stepped, 8.0, 0.1);
  EXPECT_NEAR(stepped, once, 1e-10);
  // hoursToReach inverts socAfter in both stages.
  for (const double target : {50.0, 88.0, 95.0, 99.9}) {
    EXPECT_NEAR(battery.socAfter(30.0, 8.0, battery.hoursToReach(30.0, target, 8.0)), target, 1e-9);
  }
}

TEST(TwoStageBattery, WithoutTaperChargesLinearlyToFull) {
  const TwoStageBattery battery(BatteryParams{40.0, 10.0, 100.0});
  EXPECT_NEAR(battery.hoursToReach(0.0, 100.0, 10.0), 4.0, 1e-12);
  EXPECT_DOUBLE_EQ(battery.socAfter(0.0, 10.0, 5.0), 100.0);
  EXPECT_THROW(TwoStageBattery(BatteryParams{0.0, 10.0, 80.0}), std::invalid_argument);
  EXPECT_THROW(TwoStageBattery(BatteryParams{50.0, 10.0, 120.0}), std::invalid_argument);
}

}  // namespace
}  // namespace ews::physics
