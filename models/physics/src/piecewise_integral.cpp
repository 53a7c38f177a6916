#include "ews/physics/piecewise_integral.hpp"

#include <stdexcept>

#include "ews/physics/quantities.hpp"

namespace ews::physics {

void PiecewiseIntegral::setRate(Time t, double ratePerHour) {
  if (t < since_) throw std::invalid_argument("PiecewiseIntegral: rate set before the last change");
  if (ratePerHour == rate_) return;  // nothing changes: keep the anchor (see header)
  base_ = valueAt(t);
  since_ = t;
  rate_ = ratePerHour;
}

double PiecewiseIntegral::valueAt(Time t) const { return base_ + rate_ * hoursOf(t - since_); }

}  // namespace ews::physics
