#pragma once
// Constants and conversions shared by the physics models. Time stays integer (docs/design.md decision
// 1): a duration becomes hours only inside a product (energy = power x hours), it is never
// accumulated as a double. Instants computed from physics (a battery reaching its target) are
// rounded up to the microsecond, so a model asked at that instant has already got there.
#include <cstddef>
#include <cstdint>
#include <limits>

#include "ews/kernel/time.hpp"

namespace ews::physics {

/// Low-voltage European supply (EN 50160): 230 V line-to-neutral, 400 V line-to-line, 50 Hz.
inline constexpr double kNominalVoltageLnV = 230.0;
inline constexpr double kNominalFrequencyHz = 50.0;
inline constexpr double kMicrosPerHour = 3.6e9;
inline constexpr double kWattsPerKilowatt = 1000.0;

using ews::kNever;

enum class Phase : std::uint8_t { L1 = 0, L2 = 1, L3 = 2 };
inline constexpr std::size_t kPhaseCount = 3;
inline constexpr std::size_t indexOf(Phase phase) { return static_cast<std::size_t>(phase); }

inline double hoursOf(Duration d) { return static_cast<double>(d.count()) / kMicrosPerHour; }

/// The first whole microsecond at or after t + hours; t itself for a negative span; kNever for
/// an infinite, NaN or out-of-range span.
Time instantAfterHours(Time t, double hours);

}  // namespace ews::physics
