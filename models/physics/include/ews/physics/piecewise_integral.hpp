#pragma once
// The integral of a piecewise-constant rate (W -> Wh, dm3/h -> dm3, a value -> value x hours).
//
// The rate in force is held until the next change, so the integral at any instant is
// `base + rate x (t - since)`: exact, and independent of how often anybody reads it (docs/design.md
// decision 11). `base` moves only when the rate really changes; setting the same rate again
// (a model re-asserting its state every step) folds nothing, so a reading every second and a
// reading once a day give bit-identical numbers.
#include "ews/kernel/time.hpp"

namespace ews::physics {

class PiecewiseIntegral {
 public:
  explicit PiecewiseIntegral(Time start, double ratePerHour = 0.0) : since_(start), rate_(ratePerHour) {}

  /// From t on the rate is `ratePerHour`. t must not precede the last change
  /// (std::invalid_argument).
  void setRate(Time t, double ratePerHour);
  /// Integral from the start to t, for t at or after the last change.
  double valueAt(Time t) const;

  double ratePerHour() const { return rate_; }
  Time lastChange() const { return since_; }

 private:
  double base_ = 0.0;
  Time since_;
  double rate_;
};

}  // namespace ews::physics
