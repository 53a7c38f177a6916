#include "ews/physics/electrical.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace ews::physics {
namespace {

constexpr double kTolerance = 1e-9;

TEST(Electrical, BalancedLoadPowerTriangle) {
  // 3 x 10 A at PF 0.8 lagging on 230 V: per phase S = 2300 VA, P = 1840 W, Q = 1380 var.
  ThreePhaseState state;
  state.currentA.setConstant(10.0);
  state.currentLagRad.setConstant(std::acos(0.8));
  const ThreePhasePower power = powerOf(state);
  for (const auto& phase : power.phase) {
    EXPECT_NEAR(phase.apparentVA, 2300.0, kTolerance);
    EXPECT_NEAR(phase.activeW, 1840.0, kTolerance);
    EXPECT_NEAR(phase.reactiveVar, 1380.0, kTolerance);
    EXPECT_NEAR(phase.powerFactor, 0.8, kTolerance);
    EXPECT_NEAR(phase.activeW * phase.activeW + phase.reactiveVar * phase.reactiveVar,
                phase.apparentVA * phase.apparentVA, 1e-6);
  }
  EXPECT_NEAR(power.total.activeW, 5520.0, kTolerance);
  EXPECT_NEAR(power.total.reactiveVar, 4140.0, kTolerance);
  EXPECT_NEAR(power.total.apparentVA, 6900.0, kTolerance);
  EXPECT_NEAR(power.total.powerFactor, 0.8, kTolerance);
}

TEST(Electrical, BalancedSupplyLineToLineVoltagesAre400V) {
  const Eigen::Vector3d u = lineToLineVoltagesV(ThreePhaseState{});
  for (Eigen::Index i = 0; i < 3; ++i) EXPECT_NEAR(u(i), 230.0 * std::sqrt(3.0), kTolerance);
  // The phasors themselves: L2 lags L1 by 120 degrees, L3 leads it.
  const Eigen::Vector3cd v = voltagePhasorsV(ThreePhaseState{});
  EXPECT_NEAR(std::arg(v(1)), -2.0 * std::numbers::pi / 3.0, kTolerance);
  EXPECT_NEAR(std::arg(v(2)), 2.0 * std::numbers::pi / 3.0, kTolerance);
}

TEST(Electrical, UnbalancedVoltagesGiveUnequalLineToLineVoltages) {
  ThreePhaseState state;
  state.voltageV = Eigen::Vector3d{240.0, 230.0, 220.0};
  const Eigen::Vector3d u = lineToLineVoltagesV(state);
  // Law of cosines with 120 degrees between phasors: U^2 = a^2 + b^2 + a b.
  EXPECT_NEAR(u(0), std::sqrt(240.0 * 240.0 + 230.0 * 230.0 + 240.0 * 230.0), kTolerance);
  EXPECT_NEAR(u(1), std::sqrt(230.0 * 230.0 + 220.0 * 220.0 + 230.0 * 220.0), kTolerance);
  EXPECT_NEAR(u(2), std::sqrt(220.0 * 220.0 + 240.0 * 240.0 + 220.0 * 240.0), kTolerance);
}

TEST(Electrical, NeutralCurrentIsZeroWhenBalancedAndTheLoneCurrentWhenSinglePhase) {
  ThreePhaseState balanced;
  balanced.currentA.setConstant(16.0);
  balanced.currentLagRad.setConstant(0.3);
  EXPECT_NEAR(neutralCurrentA(balanced), 0.0, 1e-9);

  ThreePhaseState single;
  single.currentA = Eigen::Vector3d{16.0, 0.0, 0.0};
  EXPECT_NEAR(neutralCurrentA(single), 16.0, kTolerance);

  // Two equal resistive currents 120 degrees apart: the neutral carries the same magnitude.
  ThreePhaseState two;
  two.currentA = Eigen::Vector3d{10.0, 10.0, 0.0};
  EXPECT_NEAR(neutralCurrentA(two), 10.0, kTolerance);
}

TEST(Electrical, UnbalancedLoadTotalsAndArithmeticPowerFactor) {
  const ThreePhaseState state = stateForDemand(Eigen::Vector3d{1000.0, 2000.0, 0.0}, 0.5);
  const ThreePhasePower power = powerOf(state);
  EXPECT_NEAR(power.phase[0].activeW, 1000.0, 1e-9);
  EXPECT_NEAR(power.phase[1].activeW, 2000.0, 1e-9);
  EXPECT_NEAR(power.phase[2].activeW, 0.0, 1e-9);
  EXPECT_DOUBLE_EQ(power.phase[2].powerFactor, 1.0);  // an unloaded phase shows 1, not NaN
  EXPECT_NEAR(power.total.activeW, 3000.0, 1e-9);
  EXPECT_NEAR(power.total.apparentVA, 6000.0, 1e-9);
  EXPECT_NEAR(power.total.powerFactor, 0.5, 1e-12);
  EXPECT_NEAR(state.currentA(0), 1000.0 / (230.0 * 0.5), 1e-12);
}

TEST(Electrical, DemandBuilderRoundTripsAndKeepsReactiveSense) {
  const SinglePhaseState inductive = stateForDemand(2300.0, 0.9);
  EXPECT_NEAR(powerOf(inductive).activeW, 2300.0, 1e-9);
  EXPECT_GT(powerOf(inductive).reactiveVar, 0.0);
  EXPECT_NEAR(powerOf(inductive).powerFactor, 0.9, 1e-12);

  const SinglePhaseState capacitive = stateForDemand(2300.0, 0.9, Reactive::Capacitive);
  EXPECT_NEAR(powerOf(capacitive).activeW, 2300.0, 1e-9);
  EXPECT_LT(powerOf(capacitive).reactiveVar, 0.0);

  // Export (a generator): P < 0, the reactive sense kept, |PF| unchanged.
  const SinglePhaseState exporting = stateForDemand(-1000.0, 0.8);
  EXPECT_NEAR(powerOf(exporting).activeW, -1000.0, 1e-9);
  EXPECT_GT(powerOf(exporting).reactiveVar, 0.0);
  EXPECT_NEAR(powerOf(exporting).powerFactor, -0.8, 1e-12);

  EXPECT_THROW(stateForDemand(100.0, 0.0), std::invalid_argument);
  EXPECT_THROW(stateForDemand(100.0, 1.2), std::invalid_argument);
  EXPECT_THROW(stateForDemand(100.0, 0.9, Reactive::Inductive, 0.0), std::invalid_argument);
}

TEST(Electrical, SinglePhaseAgreesWithThreePhaseOnOnePhase) {
  const SinglePhaseState single = stateForDemand(3680.0, 0.95);
  ThreePhaseState three;
  three.currentA(0) = single.currentA;
  three.currentLagRad(0) = single.currentLagRad;
  EXPECT_NEAR(powerOf(single).activeW, powerOf(three).phase[0].activeW, 1e-9);
  EXPECT_NEAR(powerOf(single).reactiveVar, powerOf(three).phase[0].reactiveVar, 1e-9);
  EXPECT_DOUBLE_EQ(single.frequencyHz, 50.0);
}

}  // namespace
}  // namespace ews::physics
