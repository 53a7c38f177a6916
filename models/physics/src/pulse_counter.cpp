#include "ews/physics/pulse_counter.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "ews/physics/quantities.hpp"

namespace ews::physics {

namespace {
/// Quantities are doubles: 0.3 Wh x 10 may come out as 2.9999999999999996. A relative slack
/// far below any meter's resolution keeps an exact multiple from losing its last pulse.
constexpr double kPulseSlack = 1e-9;
}  // namespace

PulseCounter::PulseCounter(double weightPerPulse, Time start, double initialQuantity)
    : weight_(weightPerPulse), initialQuantity_(initialQuantity), now_(start), quantity_(start) {
  if (!(weightPerPulse > 0.0)) throw std::invalid_argument("pulse weight must be > 0");
}

void PulseCounter::advanceTo(Time t) {
  if (t < now_) throw std::invalid_argument("PulseCounter: time runs backwards");
  now_ = t;
}

void PulseCounter::setFlow(double flowPerHour) { quantity_.setRate(now_, std::max(flowPerHour, 0.0)); }

double PulseCounter::exactQuantityAt(Time t) const { return initialQuantity_ + quantity_.valueAt(t); }

std::uint64_t PulseCounter::pulsesAt(Time t) const {
  return static_cast<std::uint64_t>(std::floor(exactQuantityAt(t) / weight_ + kPulseSlack));
}

double PulseCounter::countedQuantityAt(Time t) const { return static_cast<double>(pulsesAt(t)) * weight_; }

Time PulseCounter::nextPulseAt() const {
  const double flow = quantity_.ratePerHour();
  if (flow <= 0.0) return kNever;
  const double nextPulseQuantity = static_cast<double>(pulsesAt(now_) + 1) * weight_;
  return instantAfterHours(now_, (nextPulseQuantity - exactQuantityAt(now_)) / flow);
}

}  // namespace ews::physics
