#include "ews/physics/statistics.hpp"

#include <algorithm>
#include <stdexcept>

#include "ews/physics/quantities.hpp"

namespace ews::physics {

TimeWeightedStatistics::TimeWeightedStatistics(Time start, double initialValue)
    : windowStart_(start), value_(initialValue), minimum_(initialValue), maximum_(initialValue),
      integral_(start, initialValue) {}

void TimeWeightedStatistics::set(Time t, double value) {
  if (t < integral_.lastChange()) throw std::invalid_argument("TimeWeightedStatistics: time runs backwards");
  integral_.setRate(t, value);
  value_ = value;
  minimum_ = std::min(minimum_, value);
  maximum_ = std::max(maximum_, value);
}

WindowStatistics TimeWeightedStatistics::windowAt(Time t) const {
  const double hours = hoursOf(t - windowStart_);
  const double average = hours > 0.0 ? integral_.valueAt(t) / hours : value_;
  return WindowStatistics{windowStart_, t, minimum_, maximum_, average};
}

WindowStatistics TimeWeightedStatistics::closeWindow(Time t) {
  const WindowStatistics closed = windowAt(t);
  windowStart_ = t;
  minimum_ = maximum_ = value_;
  integral_ = PiecewiseIntegral(t, value_);
  return closed;
}

}  // namespace ews::physics
