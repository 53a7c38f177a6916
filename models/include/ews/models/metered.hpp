#pragma once
// What a meter of the simulated site measures: a cumulative quantity (Wh, or dm3 for water
// and gas) exact at any instant, the rate now in force (W, or dm3/h), and, for electricity,
// where on the supply that rate is drawn: active and reactive power per line, so a feeder
// meter upstream sums them line by line (docs/physics.md "Lines").
#include <array>

#include "ews/kernel/time.hpp"

namespace ews::models {

/// Active (W) and reactive (var, > 0 inductive) power per line L1, L2, L3.
struct LinePowers {
  std::array<double, 3> activeW{};
  std::array<double, 3> reactiveVar{};

  LinePowers& operator+=(const LinePowers& other) {
    for (std::size_t line = 0; line < 3; ++line) {
      activeW[line] += other.activeW[line];
      reactiveVar[line] += other.reactiveVar[line];
    }
    return *this;
  }
  bool operator==(const LinePowers&) const = default;
};

class Metered {
 public:
  virtual ~Metered() = default;
  /// Counter at t, for t at or after the model's last state change.
  virtual double counterAt(Time t) const = 0;
  virtual double currentRate() const = 0;
  /// The rate in force, per line: its active powers add up to currentRate().
  virtual LinePowers linePowers() const = 0;
  /// Reactive energy drawn up to t (varh, inductive), exact like counterAt.
  virtual double reactiveCounterAt(Time t) const = 0;
};

/// A device that draws nothing (yet): a charging station with no session model, a meter
/// whose own consumption is nil. Its counter stays at zero.
class IdleMeter final : public Metered {
 public:
  double counterAt(Time) const override { return 0.0; }
  double currentRate() const override { return 0.0; }
  LinePowers linePowers() const override { return {}; }
  double reactiveCounterAt(Time) const override { return 0.0; }
};

}  // namespace ews::models
