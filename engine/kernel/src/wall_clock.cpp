#include "ews/kernel/clock.hpp"

#include <algorithm>
#include <stdexcept>

namespace ews {

using SteadyClock = std::chrono::steady_clock;

WallClock::WallClock(double speed) : speed_(speed) {
  if (!(speed > 0.0)) throw std::invalid_argument("wall clock speed must be > 0");
}

void WallClock::start(Time simNow) {
  // Anchor once: later slices of the same run keep the anchor, so pacing never drifts.
  if (started_) return;
  started_ = true;
  simAnchor_ = simNow;
  wallAnchor_ = SteadyClock::now();
}

SteadyClock::time_point WallClock::deadlineOf(Time target) const {
  const double wallMicros = static_cast<double>((target - simAnchor_).count()) / speed_;
  return wallAnchor_ + std::chrono::duration_cast<SteadyClock::duration>(
                           std::chrono::duration<double, std::micro>(wallMicros));
}

bool WallClock::waitUntil(Time target, InputQueue& inputs) {
  const auto deadline = deadlineOf(target);
  if (SteadyClock::now() < deadline && inputs.waitUntil(deadline) && SteadyClock::now() < deadline) {
    return false;  // woken early by a post or a stop request
  }
  lastLag_ = std::chrono::duration_cast<Duration>(std::max(SteadyClock::duration::zero(), SteadyClock::now() - deadline));
  maxLag_ = std::max(maxLag_, lastLag_);
  if (lastLag_ > kLateThreshold) ++lateCount_;
  return true;
}

Time WallClock::currentTick(Time earliest, Time latest) const {
  const double simMicros =
      std::chrono::duration<double, std::micro>(SteadyClock::now() - wallAnchor_).count() * speed_;
  const Time tick = simAnchor_ + Duration{static_cast<std::int64_t>(simMicros)};
  return std::clamp(tick, earliest, latest);
}

}  // namespace ews
