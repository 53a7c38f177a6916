#include "ews/kernel/rng.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace ews {

namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

std::uint64_t stableHash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

RngStream::RngStream(std::uint64_t scenarioSeed, std::string_view componentId) {
  // Mix seed and id through splitmix64 so nearby seeds or ids give unrelated streams.
  std::uint64_t mix = scenarioSeed ^ rotl(stableHash(componentId), 17);
  for (auto& word : state_) word = splitmix64(mix);
}

std::uint64_t RngStream::nextU64() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double RngStream::uniform01() { return static_cast<double>(nextU64() >> 11) * 0x1.0p-53; }

double RngStream::uniform(double low, double high) { return low + (high - low) * uniform01(); }

std::int64_t RngStream::uniformInt(std::int64_t low, std::int64_t high) {
  if (high < low) throw std::invalid_argument("uniformInt: high < low");
  const std::uint64_t span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) + 1;  // no signed overflow
  if (span == 0) return static_cast<std::int64_t>(nextU64());  // the full 64-bit range
  // Rejection sampling: draw again when the value falls in the incomplete last bucket.
  const std::uint64_t limit = (~std::uint64_t{0}) - ((~std::uint64_t{0}) % span);
  std::uint64_t draw;
  do {
    draw = nextU64();
  } while (draw >= limit);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + draw % span);  // modular: no signed overflow
}

bool RngStream::bernoulli(double probability) { return uniform01() < probability; }

double RngStream::normal(double mean, double stddev) {
  const double u1 = 1.0 - uniform01();  // (0, 1]: log is finite
  const double u2 = uniform01();
  return mean + stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::array<double, 2> RngStream::normalPair(double mean, double stddev) {
  const double u1 = 1.0 - uniform01();  // (0, 1]: log is finite
  const double u2 = uniform01();
  const double radius = stddev * std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * std::numbers::pi * u2;
  return {mean + radius * std::cos(angle), mean + radius * std::sin(angle)};
}

double RngStream::exponential(double ratePerUnit) {
  if (!(ratePerUnit > 0.0)) throw std::invalid_argument("exponential: rate must be > 0");
  return -std::log(1.0 - uniform01()) / ratePerUnit;
}

}  // namespace ews
