#include "ews/devices/supply_point.hpp"

#include <cmath>
#include <numbers>

namespace ews::devices {

void SupplyPoint::measured(const models::LinePowers& lines, Eigen::Vector3d& activeW,
                           Eigen::Vector3d& reactiveVar) const {
  activeW = Eigen::Vector3d(lines.activeW[0], lines.activeW[1], lines.activeW[2]);
  reactiveVar = Eigen::Vector3d(lines.reactiveVar[0], lines.reactiveVar[1], lines.reactiveVar[2]);
  if (phases == 1) {
    activeW = Eigen::Vector3d(activeW.sum(), 0.0, 0.0);
    reactiveVar = Eigen::Vector3d(reactiveVar.sum(), 0.0, 0.0);
  }
}

physics::ThreePhaseState SupplyPoint::stateFor(const models::LinePowers& lines) const {
  Eigen::Vector3d activeW;
  Eigen::Vector3d reactiveVar;
  measured(lines, activeW, reactiveVar);
  physics::ThreePhaseState state = physics::stateForPowers(activeW, reactiveVar, voltageV);
  // A sensor mounted against the flow sees the current reversed: P and Q change sign.
  if (supply == physics::SupplyDirection::Downstream) state.currentLagRad.array() += std::numbers::pi;
  return state;
}

Eigen::Vector3d SupplyPoint::currentsFor(const models::LinePowers& lines) const {
  Eigen::Vector3d activeW;
  Eigen::Vector3d reactiveVar;
  measured(lines, activeW, reactiveVar);
  return activeW.binaryExpr(reactiveVar, [](double p, double q) { return std::hypot(p, q); }).cwiseQuotient(voltageV);
}

bool isSinglePhaseMap(const profiles::RegisterMap& map) {
  return !map.find("current.L2") && !map.find("voltage.L2N");
}

}  // namespace ews::devices
