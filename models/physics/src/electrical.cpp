#include "ews/physics/electrical.hpp"

#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>

namespace ews::physics {

namespace {

constexpr double kDegree = std::numbers::pi / 180.0;
/// Direct sequence: L2 lags L1 by 120 degrees, L3 leads it by 120.
const std::array<double, kPhaseCount> kPhaseAngleRad{0.0, -120.0 * kDegree, 120.0 * kDegree};

PowerTriangle triangleOf(std::complex<double> apparent) {
  PowerTriangle power;
  power.activeW = apparent.real();
  power.reactiveVar = apparent.imag();
  power.apparentVA = std::abs(apparent);
  power.powerFactor = power.apparentVA > 0.0 ? power.activeW / power.apparentVA : 1.0;
  return power;
}

/// The current's lag that draws P at |PF|: acos for import, pi - acos for export (the
/// current reversed), mirrored for a capacitive demand.
double lagFor(double activePowerW, double powerFactor, Reactive reactive) {
  const double displacement = std::acos(powerFactor);
  const double lag = activePowerW < 0.0 ? std::numbers::pi - displacement : displacement;
  return reactive == Reactive::Inductive ? lag : -lag;
}

void checkDemand(double powerFactor, double voltageV) {
  if (!(powerFactor > 0.0 && powerFactor <= 1.0)) {
    throw std::invalid_argument("power factor must be in (0, 1]");
  }
  if (!(voltageV > 0.0)) throw std::invalid_argument("supply voltage must be > 0 V");
}

}  // namespace

Eigen::Vector3cd voltagePhasorsV(const ThreePhaseState& state) {
  Eigen::Vector3cd phasors;
  for (std::size_t k = 0; k < kPhaseCount; ++k) {
    const auto i = static_cast<Eigen::Index>(k);
    phasors(i) = std::polar(state.voltageV(i), kPhaseAngleRad[k]);
  }
  return phasors;
}

Eigen::Vector3cd currentPhasorsA(const ThreePhaseState& state) {
  Eigen::Vector3cd phasors;
  for (std::size_t k = 0; k < kPhaseCount; ++k) {
    const auto i = static_cast<Eigen::Index>(k);
    phasors(i) = std::polar(state.currentA(i), kPhaseAngleRad[k] - state.currentLagRad(i));
  }
  return phasors;
}

PowerTriangle powerOf(const SinglePhaseState& state) {
  return triangleOf(std::polar(state.voltageV, 0.0) * std::conj(std::polar(state.currentA, -state.currentLagRad)));
}

ThreePhasePower powerOf(const ThreePhaseState& state) {
  const Eigen::Vector3cd apparent = voltagePhasorsV(state).cwiseProduct(currentPhasorsA(state).conjugate());
  ThreePhasePower power;
  double arithmeticApparentVA = 0.0;
  for (std::size_t k = 0; k < kPhaseCount; ++k) {
    power.phase[k] = triangleOf(apparent(static_cast<Eigen::Index>(k)));
    arithmeticApparentVA += power.phase[k].apparentVA;
  }
  const std::complex<double> sum = apparent.sum();
  power.total.activeW = sum.real();
  power.total.reactiveVar = sum.imag();
  power.total.apparentVA = arithmeticApparentVA;
  power.total.powerFactor = arithmeticApparentVA > 0.0 ? sum.real() / arithmeticApparentVA : 1.0;
  return power;
}

Eigen::Vector3d lineToLineVoltagesV(const ThreePhaseState& state) {
  const Eigen::Vector3cd v = voltagePhasorsV(state);
  return Eigen::Vector3d{std::abs(v(0) - v(1)), std::abs(v(1) - v(2)), std::abs(v(2) - v(0))};
}

double neutralCurrentA(const ThreePhaseState& state) { return std::abs(currentPhasorsA(state).sum()); }

ThreePhaseState stateForDemand(const Eigen::Vector3d& activePowerW, double powerFactor, Reactive reactive,
                               double voltageV, double frequencyHz) {
  checkDemand(powerFactor, voltageV);
  ThreePhaseState state;
  state.voltageV = Eigen::Vector3d::Constant(voltageV);
  state.frequencyHz = frequencyHz;
  for (Eigen::Index i = 0; i < 3; ++i) {
    state.currentA(i) = std::abs(activePowerW(i)) / (voltageV * powerFactor);
    state.currentLagRad(i) = lagFor(activePowerW(i), powerFactor, reactive);
  }
  return state;
}

SinglePhaseState stateForDemand(double activePowerW, double powerFactor, Reactive reactive, double voltageV,
                                double frequencyHz) {
  checkDemand(powerFactor, voltageV);
  return SinglePhaseState{voltageV, std::abs(activePowerW) / (voltageV * powerFactor),
                          lagFor(activePowerW, powerFactor, reactive), frequencyHz};
}

ThreePhaseState stateForPowers(const Eigen::Vector3d& activeW, const Eigen::Vector3d& reactiveVar,
                               const Eigen::Vector3d& voltageV, double frequencyHz) {
  ThreePhaseState state;
  state.voltageV = voltageV;
  state.frequencyHz = frequencyHz;
  for (Eigen::Index i = 0; i < 3; ++i) {
    if (!(voltageV(i) > 0.0)) throw std::invalid_argument("stateForPowers: voltage must be > 0");
    const double apparentVA = std::hypot(activeW(i), reactiveVar(i));
    state.currentA(i) = apparentVA / voltageV(i);
    state.currentLagRad(i) = apparentVA > 0.0 ? std::atan2(reactiveVar(i), activeW(i)) : 0.0;
  }
  return state;
}

}  // namespace ews::physics
