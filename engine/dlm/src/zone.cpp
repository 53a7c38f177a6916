#include "zone.hpp"

#include <limits>

namespace ews::dlm::detail {

Limits limitsOf(const Settings& settings) {
  if (!settings.loadControl) {
    constexpr double kInfiniteA = std::numeric_limits<double>::infinity();
    return {kInfiniteA, kInfiniteA, 0.0};
  }
  return {settings.maxChargingCurrentA, settings.maxCurrentA, settings.hysteresisPct / 100.0 * settings.maxCurrentA};
}

Zone rawZone(double worstA, const Limits& limits) {
  if (worstA > limits.maxA) return Zone::Red;
  if (worstA > limits.chargingA) return Zone::Yellow;
  return Zone::Green;
}

Zone nextZone(Zone current, double worstA, const Limits& limits) {
  const Zone raw = rawZone(worstA, limits);
  if (raw >= current) return raw;
  // Going down: each boundary crossed must be cleared by the hysteresis.
  if (current == Zone::Red && worstA > limits.maxBudgetA()) return Zone::Red;
  if (worstA > limits.chargingBudgetA()) return Zone::Yellow;
  return Zone::Green;
}

}  // namespace ews::dlm::detail
