#pragma once
// Minimum, maximum and time-weighted average of one quantity over the current sample window
// (manual 7.16.4: meters that have them record average, minimum and maximum values at the
// sample rate). The quantity is piecewise constant: each value holds until the next set(), so
// the average weighs every value by how long it held, not by how often it was sampled.
#include "ews/physics/piecewise_integral.hpp"

namespace ews::physics {

struct WindowStatistics {
  Time from{};
  Time to{};
  double minimum = 0.0;
  double maximum = 0.0;
  double average = 0.0;  ///< the value in force when the window is empty (from == to)
};

class TimeWeightedStatistics {
 public:
  TimeWeightedStatistics(Time start, double initialValue);

  /// From t on the quantity is `value` (t >= the last change; std::invalid_argument).
  void set(Time t, double value);
  /// Statistics of [window start, t], for t at or after the last change.
  WindowStatistics windowAt(Time t) const;
  /// windowAt(t), then a new window starts at t with the value in force (called at each
  /// sample instant).
  WindowStatistics closeWindow(Time t);

  double value() const { return value_; }

 private:
  Time windowStart_;
  double value_;
  double minimum_;
  double maximum_;
  PiecewiseIntegral integral_;  ///< of the value, in value x hours, since the window start
};

}  // namespace ews::physics
