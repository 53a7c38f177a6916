#pragma once
// Shared by the physics tests: a fixed start instant and a few conversions.
#include "ews/kernel/time.hpp"

namespace ews::physics::testing {

/// 2026-01-05T00:00:00Z, a Monday.
inline const Time kStart = timeFromMicros(1'767'571'200'000'000);

inline Time at(Duration sinceStart) { return kStart + sinceStart; }

}  // namespace ews::physics::testing
