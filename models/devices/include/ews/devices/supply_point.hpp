#pragma once
// The electrical point a meter (or a breaker's sensor) is mounted on: under which voltages,
// with how many phases, and which way the current flows through the sensors. It turns the
// line powers a source draws (models::LinePowers: active and reactive per line, summed line
// by line up a feeder) into the phasor state every measured quantity derives from
// (physics/electrical.hpp).
//
// Assumptions (docs/devices.md): a single-phase meter (a profile without a second phase)
// shows whatever its load draws on its one measuring input, L1 of its registers, whichever
// line of the supply that is.
#include <Eigen/Core>

#include "ews/models/metered.hpp"
#include "ews/physics/breaker.hpp"
#include "ews/physics/electrical.hpp"
#include "ews/profiles/register_map.hpp"

namespace ews::devices {

struct SupplyPoint {
  int phases = 3;  ///< 1: a single-phase meter, its load on its L1 input
  Eigen::Vector3d voltageV = Eigen::Vector3d::Constant(physics::kNominalVoltageLnV);  ///< line-to-neutral, per phase
  /// How the sensors are mounted (manual 7.16.1.3 "Supply"): Downstream reverses the current
  /// through them, so the raw measure of a load reads as export (physics::sensorPowerW).
  physics::SupplyDirection supply = physics::SupplyDirection::Upstream;

  /// The state the sensors see while the load draws `lines`: per phase I = |S| / V lagging by
  /// arg(S) (physics::stateForPowers); reversed when Downstream.
  physics::ThreePhaseState stateFor(const models::LinePowers& lines) const;
  /// The RMS current per phase of stateFor(lines), without the angles (the protections of a
  /// breaker ask for it at every change).
  Eigen::Vector3d currentsFor(const models::LinePowers& lines) const;

 private:
  /// Active and reactive power per measuring input (a single-phase meter's on L1).
  void measured(const models::LinePowers& lines, Eigen::Vector3d& activeW, Eigen::Vector3d& reactiveVar) const;
};

/// A register map without a second phase (no current.L2, no voltage.L2N) is a single-phase
/// meter's.
bool isSinglePhaseMap(const profiles::RegisterMap& map);

}  // namespace ews::devices
