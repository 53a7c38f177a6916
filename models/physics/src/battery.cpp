#include "ews/physics/battery.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ews::physics {

namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kPercent = 100.0;
}  // namespace

TwoStageBattery::TwoStageBattery(BatteryParams params) : params_(params) {
  if (!(params_.capacityKWh > 0.0)) throw std::invalid_argument("battery capacity must be > 0 kWh");
  if (!(params_.maxPowerKW > 0.0)) throw std::invalid_argument("battery maximum power must be > 0 kW");
  if (!(params_.transitionSocPct >= 0.0 && params_.transitionSocPct <= kPercent)) {
    throw std::invalid_argument("battery transition SOC must be within 0 - 100 %");
  }
  transition_ = params_.transitionSocPct / kPercent;
  taperSlopeKW_ = transition_ < 1.0 ? params_.maxPowerKW / (1.0 - transition_) : kInfinity;
}

double TwoStageBattery::curveKW(double socPct) const {
  const double s = socPct / kPercent;
  if (s >= 1.0) return 0.0;
  if (s < transition_) return params_.maxPowerKW;
  return taperSlopeKW_ * (1.0 - s);
}

double TwoStageBattery::acceptedKW(double socPct, double offeredKW) const {
  return std::max(0.0, std::min(offeredKW, curveKW(socPct)));
}

double TwoStageBattery::taperStartSocPct(double offeredKW) const {
  const double effectiveKW = std::min(offeredKW, params_.maxPowerKW);
  if (effectiveKW <= 0.0) return kPercent;
  if (!std::isfinite(taperSlopeKW_)) return kPercent;
  return (1.0 - effectiveKW / taperSlopeKW_) * kPercent;
}

double TwoStageBattery::socAfter(double socPct, double offeredKW, double hours) const {
  const double effectiveKW = std::min(offeredKW, params_.maxPowerKW);
  double s = socPct / kPercent;
  if (effectiveKW <= 0.0 || hours <= 0.0 || s >= 1.0) return socPct;
  const double capacity = params_.capacityKWh;
  const double taperStart = taperStartSocPct(offeredKW) / kPercent;
  if (s < taperStart) {
    // Linear stage: the offer binds until the curve falls to it.
    const double linearHours = (taperStart - s) * capacity / effectiveKW;
    if (hours <= linearHours || !std::isfinite(taperSlopeKW_)) {
      return std::min(s + effectiveKW * hours / capacity, 1.0) * kPercent;
    }
    hours -= linearHours;
    s = taperStart;
  }
  // Exponential stage: C ds/dt = k (1 - s).
  return (1.0 - (1.0 - s) * std::exp(-taperSlopeKW_ * hours / capacity)) * kPercent;
}

double TwoStageBattery::energyKWh(double socPct, double offeredKW, double hours) const {
  return (socAfter(socPct, offeredKW, hours) - socPct) / kPercent * params_.capacityKWh;
}

double TwoStageBattery::hoursToReach(double socPct, double targetPct, double offeredKW) const {
  const double s = socPct / kPercent;
  const double target = targetPct / kPercent;
  if (target <= s) return 0.0;
  const double effectiveKW = std::min(offeredKW, params_.maxPowerKW);
  if (effectiveKW <= 0.0 || target > 1.0) return kInfinity;
  const double capacity = params_.capacityKWh;
  const double taperStart = taperStartSocPct(offeredKW) / kPercent;
  if (target <= taperStart) return (target - s) * capacity / effectiveKW;
  const double linearHours = s < taperStart ? (taperStart - s) * capacity / effectiveKW : 0.0;
  const double from = std::max(s, taperStart);
  if (target >= 1.0) return kInfinity;  // the exponential tail never quite gets to 100 %
  return linearHours + capacity / taperSlopeKW_ * std::log((1.0 - from) / (1.0 - target));
}

double TwoStageBattery::hoursToLoseFraction(double fraction) const {
  if (!std::isfinite(taperSlopeKW_) || !(fraction > 0.0 && fraction < 1.0)) return kInfinity;
  return params_.capacityKWh / taperSlopeKW_ * std::log(1.0 / (1.0 - fraction));
}

}  // namespace ews::physics
