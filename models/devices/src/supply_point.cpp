#include "ews/devices/supply_point.hpp"

#include <cmath>
#include <numbers>

namespace ews::devices {

namespace {
/// Active power per phase: balanced over three phases, or all on L1.
Eigen::Vector3d perPhaseW(int phases, double loadPowerW) {
  Eigen::Vector3d split = Eigen::Vector3d::Zero();
  if (phases == 1) {
    split(0) = loadPowerW;
  } else {
    split.setConstant(loadPowerW / 3.0);
  }
  return split;
}
}  // namespace

physics::ThreePhaseState SupplyPoint::stateFor(double loadPowerW) const {
  const Eigen::Vector3d split = perPhaseW(phases, loadPowerW);
  physics::ThreePhaseState state = physics::stateForDemand(split, powerFactor);
  state.voltageV = voltageV;
  state.currentA = currentsFor(loadPowerW);
  // A sensor mounted against the flow sees the current reversed: P and Q change sign.
  if (supply == physics::SupplyDirection::Downstream) state.currentLagRad.array() += std::numbers::pi;
  return state;
}

Eigen::Vector3d SupplyPoint::currentsFor(double loadPowerW) const {
  return perPhaseW(phases, loadPowerW).cwiseAbs().cwiseQuotient(voltageV) / powerFactor;
}

double SupplyPoint::reactivePerActive() const { return std::sqrt(1.0 - powerFactor * powerFactor) / powerFactor; }

}  // namespace ews::devices
