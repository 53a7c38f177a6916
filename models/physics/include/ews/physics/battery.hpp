#pragma once
// The EV battery as its charger and BMS present it to the grid: ACN-Sim's two-stage model
// (Lee, Li, Low, "ACN-Sim", 2019 - Linear2StageBattery). The battery accepts up to its
// maximum power P_max until a transition SOC s_t, then its acceptance tapers linearly to zero
// at 100 %:
//
//   curve(s) = P_max                          for s <  s_t
//   curve(s) = P_max (1 - s) / (1 - s_t)      for s >= s_t           (s as a fraction)
//
// Offered a constant power P (what the station's pilot allows), it draws p = min(P, curve(s))
// and its SOC moves as C ds/dt = p. Everything is in closed form (docs/physics.md derives
// it); with k = P_max / (1 - s_t) and Pe = min(P, P_max):
//
//   s* = 1 - Pe / k               the SOC at which the curve falls to Pe (s* >= s_t)
//   s < s*:  linear,      s(h) = s0 + Pe h / C                     (hours h)
//   s >= s*: exponential, 1 - s(h) = (1 - s0) exp(-k h / C),  p(h) = k (1 - s(h))
//
// so SOC, energy and power at any instant, and the time to reach any SOC, are exact for a
// piecewise-constant offer, whatever step anyone reads them with.
namespace ews::physics {

struct BatteryParams {
  double capacityKWh = 50.0;
  double maxPowerKW = 7.4;         ///< P_max: the most the car accepts (its on-board charger)
  double transitionSocPct = 80.0;  ///< s_t, in [0, 100]; 100 = no taper
};

class TwoStageBattery {
 public:
  /// Throws std::invalid_argument for a non-positive capacity or power, or s_t outside [0, 100].
  explicit TwoStageBattery(BatteryParams params);

  const BatteryParams& params() const { return params_; }

  /// The most the battery accepts at this SOC (kW).
  double curveKW(double socPct) const;
  /// What it draws at this SOC when offered `offeredKW`: min(offer, curve), >= 0.
  double acceptedKW(double socPct, double offeredKW) const;
  /// The SOC at which, offered `offeredKW`, the curve starts to bind (s* above, in %).
  double taperStartSocPct(double offeredKW) const;

  /// SOC after `hours` at a constant offer, from `socPct`.
  double socAfter(double socPct, double offeredKW, double hours) const;
  /// Energy the battery takes in that time (kWh) = capacity x (SOC change).
  double energyKWh(double socPct, double offeredKW, double hours) const;
  /// Hours to go from `socPct` to `targetPct` at a constant offer: 0 if already there,
  /// +infinity if never (no offer, or 100 % in the exponential tail).
  double hoursToReach(double socPct, double targetPct, double offeredKW) const;
  /// In the exponential stage the drawn power falls by the factor `fraction` (0 < f < 1) every
  /// (C / k) ln(1 / (1 - f)) hours - a constant, independent of the SOC; +infinity without taper.
  double hoursToLoseFraction(double fraction) const;

 private:
  BatteryParams params_;
  double transition_;  ///< s_t as a fraction
  double taperSlopeKW_;  ///< k = P_max / (1 - s_t); +infinity for s_t = 100 %
};

}  // namespace ews::physics
