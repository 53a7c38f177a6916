#pragma once
// Seeded random streams, one per component (docs/design.md decision 3). A stream's seed is derived
// from the scenario seed and the component's stable id (its name, not its insertion index),
// so adding a device never changes another device's numbers. The generator (xoshiro256**)
// and the distributions are our own code, so a trace is identical on every platform.
#include <array>
#include <cstdint>
#include <string_view>

namespace ews {

/// FNV-1a 64-bit: a stable hash of a component id (std::hash is not stable across builds).
std::uint64_t stableHash(std::string_view text);

class RngStream {
 public:
  RngStream(std::uint64_t scenarioSeed, std::string_view componentId);

  std::uint64_t nextU64();
  /// Uniform in [0, 1) with 53 random bits.
  double uniform01();
  double uniform(double low, double high);
  /// Uniform integer in [low, high] without modulo bias.
  std::int64_t uniformInt(std::int64_t low, std::int64_t high);
  bool bernoulli(double probability);
  /// Normal by Box-Muller; each call consumes two draws (no cached spare: simpler to reason about).
  double normal(double mean, double stddev);
  /// Both normals of one Box-Muller pair (two draws): the first is what normal() gives for the
  /// same draws, the second independent of it. For a caller that needs a normal at every step
  /// (a noisy load) and keeps the second for the next one: half the logarithms and cosines.
  std::array<double, 2> normalPair(double mean, double stddev);
  double exponential(double ratePerUnit);

 private:
  std::array<std::uint64_t, 4> state_{};
};

}  // namespace ews
