#pragma once
// The electrical point a meter (or a breaker's sensor) is mounted on: how a load's active
// power splits over the phases, at which power factor, under which voltages, and which way
// the current flows through the sensors. It turns the one number a load model gives (W) into
// the phasor state every measured quantity derives from (physics/electrical.hpp).
//
// Assumptions (docs/devices.md): three-phase loads are balanced (P/3 per phase); single-phase
// meters carry their load on L1; the power factor is constant (default 0.95 inductive), so the
// reactive energy is the active energy x tan(phi), exact at any instant.
#include <Eigen/Core>

#include "ews/physics/breaker.hpp"
#include "ews/physics/electrical.hpp"

namespace ews::devices {

/// The power factor of a load with no other information: a typical mixed commercial load.
inline constexpr double kDefaultPowerFactor = 0.95;

struct SupplyPoint {
  int phases = 3;  ///< 1: a single-phase meter, load on L1
  Eigen::Vector3d voltageV = Eigen::Vector3d::Constant(physics::kNominalVoltageLnV);  ///< line-to-neutral, per phase
  double powerFactor = kDefaultPowerFactor;  ///< (0, 1], inductive
  /// How the sensors are mounted (manual 7.16.1.3 "Supply"): Downstream reverses the current
  /// through them, so the raw measure of a load reads as export (physics::sensorPowerW).
  physics::SupplyDirection supply = physics::SupplyDirection::Upstream;

  /// The state the sensors see while the load draws `loadPowerW` (W, > 0 drawn from the
  /// supply): per phase I = |P| / (V x PF) lagging by acos(PF); reversed when Downstream.
  physics::ThreePhaseState stateFor(double loadPowerW) const;
  /// The RMS current per phase of stateFor(loadPowerW), without the phasor trigonometry (the
  /// protections of a breaker ask for it at every step).
  Eigen::Vector3d currentsFor(double loadPowerW) const;
  /// Reactive energy per unit of active energy: tan(acos(PF)).
  double reactivePerActive() const;
};

}  // namespace ews::devices
