#include "ews/physics/quantities.hpp"

#include <cmath>

namespace ews::physics {

Time instantAfterHours(Time t, double hours) {
  if (std::isnan(hours) || hours == std::numeric_limits<double>::infinity()) return kNever;
  if (hours <= 0.0) return t;
  const double micros = std::ceil(hours * kMicrosPerHour);
  // Keep t + micros representable: anything beyond ~292 000 years is "never" for the twin.
  const double room = static_cast<double>(std::numeric_limits<std::int64_t>::max() - toMicros(t));
  if (micros >= room) return kNever;
  return t + Duration{static_cast<std::int64_t>(micros)};
}

}  // namespace ews::physics
