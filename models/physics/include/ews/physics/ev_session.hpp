#pragma once
// One electric vehicle's visit to a charging station: when it comes and goes, its battery, and
// what it wants. Built from a scenario's `sessions[]` entry by evSessionFromSpec.
#include <limits>

#include "ews/kernel/time.hpp"
#include "ews/physics/battery.hpp"
#include "ews/scenario/scenario.hpp"

namespace ews::physics {

struct EvSession {
  Time arrival{};
  Time departure{};
  double batteryCapacityKWh = 50.0;
  double arrivalSocPct = 20.0;
  double targetSocPct = 100.0;
  /// The charge also stops once this much energy went in (scenario `energyWanted`).
  double energyWantedKWh = std::numeric_limits<double>::infinity();
  double maxChargePowerKW = 7.4;  ///< the car's on-board charger
  int phases = 1;                 ///< 1 or 3: phases the on-board charger draws from
  double transitionSocPct = 80.0; ///< where the battery's acceptance starts to taper

  BatteryParams battery() const { return BatteryParams{batteryCapacityKWh, maxChargePowerKW, transitionSocPct}; }
  /// The SOC at which the car stops asking: the target, or what energyWanted brings it to.
  double stopSocPct() const;
};

/// A car's default maximum charge power: 7.4 kW single-phase (32 A x 230 V), 22 kW
/// three-phase (32 A x 3 x 230 V), the common AC on-board chargers.
double defaultMaxChargePowerKW(int phases);

/// Throws std::invalid_argument naming the first inconsistent field (departure not after
/// arrival, SOC outside 0 - 100, target below arrival SOC, phases not 1 or 3, ...).
void validate(const EvSession& session);

/// The session of a scenario entry. Unset fields of the spec (phases 0, maxPowerKW 0) take the
/// station's phases and the default power for those phases.
EvSession evSessionFromSpec(const scenario::EvSessionSpec& spec, int stationPhases);

}  // namespace ews::physics
