#pragma once
// What a measuring behaviour measures: a power (W, or dm3/h for water and gas) with where it
// is drawn (active and reactive per line) and its exact integrals (Wh, or dm3; varh) at an
// instant. The simulated site's models (LoadModel, FeederMeter, ChargingStationModel) are
// models::Metered; a breaker puts a gate in front of its load (no current while it is open).
#include "ews/kernel/time.hpp"
#include "ews/models/metered.hpp"

namespace ews::devices {

class PowerSource {
 public:
  virtual ~PowerSource() = default;
  /// Active and reactive power per line in force at t, t at or after the source's last change.
  virtual models::LinePowers linePowersAt(Time t) const = 0;
  /// Cumulative quantity at t (Wh, or dm3), exact whatever the instants asked before.
  virtual double energyAt(Time t) const = 0;
  /// Cumulative reactive energy at t (varh, inductive), exact likewise.
  virtual double reactiveEnergyAt(Time t) const = 0;
};

/// A models::Metered as a source: its counters, and the line powers in force since its last step.
class MeteredSource final : public PowerSource {
 public:
  explicit MeteredSource(const models::Metered& meter) : meter_(&meter) {}
  models::LinePowers linePowersAt(Time) const override { return meter_->linePowers(); }
  double energyAt(Time t) const override { return meter_->counterAt(t); }
  double reactiveEnergyAt(Time t) const override { return meter_->reactiveCounterAt(t); }

 private:
  const models::Metered* meter_;
};

/// Draws nothing: devices without a sim binding still answer, with zero flows.
class IdleSource final : public PowerSource {
 public:
  models::LinePowers linePowersAt(Time) const override { return {}; }
  double energyAt(Time) const override { return 0.0; }
  double reactiveEnergyAt(Time) const override { return 0.0; }
};

}  // namespace ews::devices
