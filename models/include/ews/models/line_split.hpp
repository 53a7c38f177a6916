#pragma once
// How a load's power spreads over the lines of its supply: the share of each line (L1, L2,
// L3; they add up to 1) and its power factor. A single-phase load has all of it on one line;
// a three-phase load a third on each (balanced) or the shares the scenario gives
// (`sim.lines`, docs/scenario-format.md).
#include <array>

#include "ews/models/metered.hpp"

namespace ews::models {

/// The power factor of a load with no other information: a typical mixed commercial load.
inline constexpr double kDefaultLoadPowerFactor = 0.95;

class LineSplit {
 public:
  /// Balanced three-phase at the power factor (0, 1], inductive.
  static LineSplit balanced(double powerFactor);
  /// All on `line` (0..2).
  static LineSplit single(int line, double powerFactor);
  /// `shares` >= 0 with a sum > 0 (normalised to 1).
  static LineSplit shares(const std::array<double, 3>& shares, double powerFactor);

  /// The line powers of a total active power `powerW` (W).
  LinePowers of(double powerW) const;
  /// Reactive per active: tan(acos(PF)).
  double reactivePerActive() const { return reactivePerActive_; }
  const std::array<double, 3>& lineShares() const { return shares_; }

 private:
  LineSplit(const std::array<double, 3>& shares, double powerFactor);
  std::array<double, 3> shares_{};
  double reactivePerActive_ = 0.0;
};

}  // namespace ews::models
