#pragma once
// FieldCodec: how one field's value travels in Modbus words, resolved once from its Field
// (type, word order, the exact form of its scale, its saturation bounds). A simulated device
// encodes every field it serves and the acquisition decodes every field it reads, 25 a poll
// on the reference site, so encode and decode are inline here, without a lookup or a call.
// The rules are those of encode()/decode() in field.hpp, which use this class.
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

#include "ews/profiles/field.hpp"

namespace ews::profiles {

class FieldCodec {
 public:
  explicit FieldCodec(const Field& field);
  std::uint16_t words() const { return words_; }

  /// encode(field, value, words) of field.hpp. Precondition: words.size() >= words().
  void encode(double value, std::span<std::uint16_t> words) const {
    assert(words.size() >= words_);
    const double raw = rawOf(value);
    const std::uint64_t pattern = kind_ == Kind::Float32 ? float32Pattern(raw) : integerPattern(raw);
    if (order_ == WordOrder::Big) {
      for (unsigned k = 0; k < words_; ++k) words[words_ - 1 - k] = static_cast<std::uint16_t>(pattern >> (16 * k));
    } else {
      for (unsigned k = 0; k < words_; ++k) words[k] = static_cast<std::uint16_t>(pattern >> (16 * k));
    }
  }

  /// decode(field, words) of field.hpp. Precondition: words.size() >= words().
  double decode(std::span<const std::uint16_t> words) const {
    assert(words.size() >= words_);
    if (kind_ == Kind::Bit) return valueOf(words[0] != 0 ? 1.0 : 0.0);  // any non-zero word is set
    std::uint64_t pattern = 0;
    if (order_ == WordOrder::Big) {
      for (unsigned k = 0; k < words_; ++k) pattern |= std::uint64_t{words[words_ - 1 - k]} << (16 * k);
    } else {
      for (unsigned k = 0; k < words_; ++k) pattern |= std::uint64_t{words[k]} << (16 * k);
    }
    switch (kind_) {
      case Kind::Float32:
        return valueOf(static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(pattern))));
      case Kind::Signed:
        // Sign-extend: (x ^ s) - s maps the n-bit pattern onto its signed value.
        return valueOf(static_cast<double>(static_cast<std::int64_t>(pattern ^ signBit_) -
                                           static_cast<std::int64_t>(signBit_)));
      default:
        return valueOf(static_cast<double>(pattern));
    }
  }

 private:
  enum class Kind : std::uint8_t { Unsigned, Signed, Float32, Bit };
  /// Decimal scales (0.1, 0.01, ...) divide by their exact integer inverse: 2301 x 0.1 is
  /// 230.10000000000002 in binary floating point, 2301 / 10 is the double nearest 230.1, so
  /// decoded values equal the decimals a user writes and decode(encode(v)) == v. A scale of 1
  /// skips the arithmetic (x / 1 and x * 1 are x exactly).
  enum class Scaling : std::uint8_t { Identity, Multiply, Divide };

  double rawOf(double value) const {
    if (scaling_ == Scaling::Identity) return value;
    return scaling_ == Scaling::Divide ? value * factor_ : value / factor_;
  }
  double valueOf(double raw) const {
    if (scaling_ == Scaling::Identity) return raw;
    return scaling_ == Scaling::Divide ? raw / factor_ : raw * factor_;
  }

  /// The raw integer as its two's complement bit pattern, rounded and saturated; NaN is 0.
  std::uint64_t integerPattern(double raw) const {
    if (raw > lowestRaw_ && raw < highestRaw_) {  // in range (false for NaN)
      // Halves away from zero (std::round) as one addition and a truncating conversion: the
      // largest double below 0.5 carries exactly the halves over the next integer and nothing
      // else, at every magnitude (the sum rounds to even only where it cannot cross one).
      constexpr double kJustBelowHalf = 0.49999999999999994;
      // Unsigned 64-bit values beyond 2^63 do not fit an int64; below highestRaw_ (2^64) they
      // stay below 2^64 once rounded.
      if (kind_ == Kind::Signed) {
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(raw + std::copysign(kJustBelowHalf, raw)));
      }
      return static_cast<std::uint64_t>(raw + kJustBelowHalf);
    }
    if (std::isnan(raw)) return 0;
    return raw <= lowestRaw_ ? lowestPattern_ : highestPattern_;
  }

  /// Rounded to the nearest float; a finite value beyond the float range saturates.
  static std::uint64_t float32Pattern(double raw) {
    constexpr double kMax = std::numeric_limits<float>::max();
    if (std::isfinite(raw) && std::abs(raw) > kMax) raw = std::copysign(kMax, raw);
    return std::bit_cast<std::uint32_t>(static_cast<float>(raw));
  }

  double factor_ = 1.0;       ///< Multiply: the scale; Divide: its integer inverse
  double lowestRaw_ = 0.0;    ///< the type's range as doubles: saturation bounds
  double highestRaw_ = 0.0;
  std::uint64_t lowestPattern_ = 0;   ///< the patterns of the bounds
  std::uint64_t highestPattern_ = 0;
  std::uint64_t signBit_ = 0;  ///< Signed: the top bit of the raw integer
  Scaling scaling_ = Scaling::Identity;
  Kind kind_ = Kind::Unsigned;
  WordOrder order_ = WordOrder::Big;
  std::uint8_t words_ = 1;
};

}  // namespace ews::profiles
