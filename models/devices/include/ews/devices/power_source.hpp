#pragma once
// What a measuring behaviour measures: a power (W, or dm3/h for water and gas) and its
// exact integral (Wh, or dm3) at an instant. The simulated site's models (LoadModel,
// FeederMeter, ChargingStationModel) are models::Metered; a breaker puts a gate in front of
// its load (no current while it is open).
#include "ews/kernel/time.hpp"
#include "ews/models/metered.hpp"

namespace ews::devices {

class PowerSource {
 public:
  virtual ~PowerSource() = default;
  /// Power in force at t (W, or dm3/h), t at or after the source's last change.
  virtual double powerAt(Time t) const = 0;
  /// Cumulative quantity at t (Wh, or dm3), exact whatever the instants asked before.
  virtual double energyAt(Time t) const = 0;
};

/// A models::Metered as a source: its counter, and the rate in force since its last step.
class MeteredSource final : public PowerSource {
 public:
  explicit MeteredSource(const models::Metered& meter) : meter_(&meter) {}
  double powerAt(Time) const override { return meter_->currentRate(); }
  double energyAt(Time t) const override { return meter_->counterAt(t); }

 private:
  const models::Metered* meter_;
};

/// Draws nothing: devices without a sim binding still answer, with zero flows.
class IdleSource final : public PowerSource {
 public:
  double powerAt(Time) const override { return 0.0; }
  double energyAt(Time) const override { return 0.0; }
};

}  // namespace ews::devices
