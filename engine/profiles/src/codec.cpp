// encode/decode of field.hpp: values <-> raw integers (or floats) <-> Modbus words.
#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <limits>

#include "ews/profiles/field.hpp"

namespace ews::profiles {

namespace {

/// wordsOf() without the call: encode and decode run once per field served or read.
constexpr std::array<std::uint8_t, 8> kWordsOfType = {1, 1, 1, 2, 2, 3, 4, 2};
inline std::size_t wordCount(Type type) {
  const auto index = static_cast<std::size_t>(type);
  return index < kWordsOfType.size() ? kWordsOfType[index] : 1;
}

bool isSigned(Type type) { return type == Type::S16 || type == Type::S32; }

/// Bits of the raw integer: 1 for Bit, 16 per word otherwise.
unsigned rawBits(Type type) { return type == Type::Bit ? 1u : 16u * static_cast<unsigned>(wordCount(type)); }

/// std::round (halves away from zero) without the library call: the hot path of encode().
/// Below 2^52 the truncation is exact and so is x - trunc(x); from 2^52 on every double is
/// an integer already.
double roundHalfAway(double x) {
  constexpr double kAllIntegral = 4503599627370496.0;  // 2^52
  if (!(std::abs(x) < kAllIntegral)) return x;
  const auto truncated = static_cast<std::int64_t>(x);
  const double fraction = x - static_cast<double>(truncated);
  return static_cast<double>(truncated + (fraction >= 0.5 ? 1 : 0) - (fraction <= -0.5 ? 1 : 0));
}

/// The raw integer as its two's complement bit pattern, rounded and saturated.
std::uint64_t integerPattern(Type type, double raw) {
  if (std::isnan(raw)) return 0;
  const unsigned bits = rawBits(type);
  if (isSigned(type)) {
    const std::int64_t hi = (std::int64_t{1} << (bits - 1)) - 1;
    const std::int64_t lo = -hi - 1;
    std::int64_t value = 0;
    if (raw <= static_cast<double>(lo)) {
      value = lo;
    } else if (raw >= static_cast<double>(hi)) {
      value = hi;
    } else {
      value = static_cast<std::int64_t>(roundHalfAway(raw));
    }
    return static_cast<std::uint64_t>(value);
  }
  const std::uint64_t hi = bits == 64 ? std::numeric_limits<std::uint64_t>::max() : (std::uint64_t{1} << bits) - 1;
  // For u64, double(hi) is 2^64: any raw below it rounds to at most 2^64 - 2048, in range.
  if (raw <= 0.0) return 0;
  if (raw >= static_cast<double>(hi)) return hi;
  return static_cast<std::uint64_t>(roundHalfAway(raw));
}

double integerValue(Type type, std::uint64_t pattern) {
  if (!isSigned(type)) return static_cast<double>(pattern);
  const unsigned bits = rawBits(type);
  const std::uint64_t signBit = std::uint64_t{1} << (bits - 1);
  // Sign-extend: (x ^ s) - s maps the n-bit pattern onto its signed value.
  const auto extended = static_cast<std::int64_t>(pattern ^ signBit) - static_cast<std::int64_t>(signBit);
  return static_cast<double>(extended);
}

std::uint64_t float32Pattern(double raw) {
  constexpr double kMax = std::numeric_limits<float>::max();
  if (std::isfinite(raw) && std::abs(raw) > kMax) raw = std::copysign(kMax, raw);
  return std::bit_cast<std::uint32_t>(static_cast<float>(raw));
}

double float32Value(std::uint64_t pattern) {
  return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(pattern)));
}

/// Word k of the value (0 = least significant) sits at index k (little) or n-1-k (big).
std::size_t wordIndex(WordOrder order, std::size_t k, std::size_t n) { return order == WordOrder::Big ? n - 1 - k : k; }

}  // namespace

FieldCodec::FieldCodec(const Field& field)
    : factor_(field.scale),
      type_(field.type),
      order_(field.wordOrder),
      words_(static_cast<std::uint8_t>(wordCount(field.type))) {
  if (field.scale == 1.0) return;  // x / 1 and x * 1 are x exactly: the identity skips the arithmetic
  scaling_ = Scaling::Multiply;
  if (field.scale >= 1.0 || field.scale <= 0.0) return;
  const double inverse = 1.0 / field.scale;
  const double integral = std::round(inverse);
  constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53
  if (integral <= kLargestExactInteger && std::abs(inverse - integral) <= 1e-9 * integral) {
    factor_ = integral;
    scaling_ = Scaling::Divide;
  }
}

double FieldCodec::rawOf(double value) const {
  switch (scaling_) {
    case Scaling::Identity:
      return value;
    case Scaling::Multiply:
      return value / factor_;
    case Scaling::Divide:
      return value * factor_;
  }
  return value;
}

double FieldCodec::valueOf(double raw) const {
  switch (scaling_) {
    case Scaling::Identity:
      return raw;
    case Scaling::Multiply:
      return raw * factor_;
    case Scaling::Divide:
      return raw / factor_;
  }
  return raw;
}

void FieldCodec::encode(double value, std::span<std::uint16_t> words) const {
  const std::size_t n = words_;
  assert(words.size() >= n);
  const double raw = rawOf(value);
  const std::uint64_t pattern = type_ == Type::Float32 ? float32Pattern(raw) : integerPattern(type_, raw);
  for (std::size_t k = 0; k < n; ++k) {
    words[wordIndex(order_, k, n)] = static_cast<std::uint16_t>(pattern >> (16 * k));
  }
}

double FieldCodec::decode(std::span<const std::uint16_t> words) const {
  const std::size_t n = words_;
  assert(words.size() >= n);
  if (type_ == Type::Bit) return valueOf(words[0] != 0 ? 1.0 : 0.0);
  std::uint64_t pattern = 0;
  for (std::size_t k = 0; k < n; ++k) {
    pattern |= std::uint64_t{words[wordIndex(order_, k, n)]} << (16 * k);
  }
  return valueOf(type_ == Type::Float32 ? float32Value(pattern) : integerValue(type_, pattern));
}

void encode(const Field& field, double value, std::span<std::uint16_t> words) {
  FieldCodec(field).encode(value, words);
}

double decode(const Field& field, std::span<const std::uint16_t> words) { return FieldCodec(field).decode(words); }

}  // namespace ews::profiles
