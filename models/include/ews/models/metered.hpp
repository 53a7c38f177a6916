#pragma once
// What a meter of the simulated site measures: a cumulative quantity (Wh, or dm3 for water
// and gas) exact at any instant, and the rate now in force (W, or dm3/h).
#include "ews/kernel/time.hpp"

namespace ews::models {

class Metered {
 public:
  virtual ~Metered() = default;
  /// Counter at t, for t at or after the model's last state change.
  virtual double counterAt(Time t) const = 0;
  virtual double currentRate() const = 0;
};

/// A device that draws nothing (yet): a charging station with no session model, a meter
/// whose own consumption is nil. Its counter stays at zero.
class IdleMeter final : public Metered {
 public:
  double counterAt(Time) const override { return 0.0; }
  double currentRate() const override { return 0.0; }
};

}  // namespace ews::models
