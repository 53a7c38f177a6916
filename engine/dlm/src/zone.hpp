#pragma once
// The zones (manual 7.16.5.1) on the most loaded line, with the hysteresis dead band.
#include "ews/dlm/controller.hpp"

namespace ews::dlm::detail {

/// The thresholds in force. Load control OFF: "infinite current" (all infinite).
struct Limits {
  double chargingA = 0.0;   ///< green/yellow threshold: maxChargingCurrentA
  double maxA = 0.0;        ///< yellow/red threshold: maxCurrentA
  double hysteresisA = 0.0; ///< hysteresisPct % of maxCurrentA
  /// What decisions aim for: a zone is left only this far under its threshold, so a target
  /// at the threshold itself would flap back at the next decision.
  double chargingBudgetA() const { return chargingA - hysteresisA; }
  double maxBudgetA() const { return maxA - hysteresisA; }
};

Limits limitsOf(const Settings& settings);

/// Raw zone: red above maxA, yellow above chargingA, else green.
Zone rawZone(double worstA, const Limits& limits);

/// A higher zone is entered as soon as its threshold is exceeded; a zone is left downwards
/// only at or under its lower threshold minus the hysteresis.
Zone nextZone(Zone current, double worstA, const Limits& limits);

}  // namespace ews::dlm::detail
