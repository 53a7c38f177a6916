#include "ews/models/line_split.hpp"

#include <cmath>
#include <stdexcept>

namespace ews::models {

LineSplit::LineSplit(const std::array<double, 3>& shares, double powerFactor) {
  if (!(powerFactor > 0.0 && powerFactor <= 1.0)) throw std::invalid_argument("LineSplit: power factor outside (0, 1]");
  double sum = 0.0;
  for (const double share : shares) {
    if (!(share >= 0.0)) throw std::invalid_argument("LineSplit: a line's share is negative");
    sum += share;
  }
  if (!(sum > 0.0)) throw std::invalid_argument("LineSplit: no line carries the load");
  for (std::size_t line = 0; line < 3; ++line) shares_[line] = shares[line] / sum;
  reactivePerActive_ = std::sqrt(1.0 - powerFactor * powerFactor) / powerFactor;
}

LineSplit LineSplit::balanced(double powerFactor) { return LineSplit({1.0, 1.0, 1.0}, powerFactor); }

LineSplit LineSplit::single(int line, double powerFactor) {
  if (line < 0 || line > 2) throw std::invalid_argument("LineSplit: line outside L1..L3");
  std::array<double, 3> shares{};
  shares[static_cast<std::size_t>(line)] = 1.0;
  return LineSplit(shares, powerFactor);
}

LineSplit LineSplit::shares(const std::array<double, 3>& shares, double powerFactor) {
  return LineSplit(shares, powerFactor);
}

LinePowers LineSplit::of(double powerW) const {
  LinePowers powers;
  for (std::size_t line = 0; line < 3; ++line) {
    powers.activeW[line] = powerW * shares_[line];
    powers.reactiveVar[line] = powers.activeW[line] * reactivePerActive_;
  }
  return powers;
}

}  // namespace ews::models
