#pragma once
// FieldCodec: how one field's value travels in Modbus words, resolved once from its Field
// (type, word order, the exact form of its scale). A simulated device
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
    const auto word = [pattern](unsigned k) { return static_cast<std::uint16_t>(pattern >> (16 * k)); };
    std::uint16_t* out = words.data();
    // One and two words are nearly every field: written out, without the loop.
    if (words_ == 1) {
      out[0] = word(0);
    } else if (words_ == 2) {
      out[0] = word(order_ == WordOrder::Big ? 1 : 0);
      out[1] = word(order_ == WordOrder::Big ? 0 : 1);
    } else if (order_ == WordOrder::Big) {
      for (unsigned k = 0; k < words_; ++k) out[words_ - 1 - k] = word(k);
    } else {
      for (unsigned k = 0; k < words_; ++k) out[k] = word(k);
    }
  }

  /// decode(field, words) of field.hpp. Precondition: words.size() >= words().
  double decode(std::span<const std::uint16_t> words) const {
    assert(words.size() >= words_);
    if (kind_ == Kind::Bit) return valueOf(words[0] != 0 ? 1.0 : 0.0);  // any non-zero word is set
    const std::uint16_t* in = words.data();
    std::uint64_t pattern = in[0];
    if (words_ == 2) {
      pattern = order_ == WordOrder::Big ? (pattern << 16) | in[1] : (std::uint64_t{in[1]} << 16) | pattern;
    } else if (words_ > 2) {
      pattern = 0;
      for (unsigned k = 0; k < words_; ++k) {
        pattern |= std::uint64_t{in[order_ == WordOrder::Big ? words_ - 1 - k : k]} << (16 * k);
      }
    }
    switch (kind_) {
      case Kind::Float32:
        return valueOf(static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(pattern))));
      case Kind::Signed: {
        // Sign-extend: (x ^ s) - s maps the n-bit pattern onto its signed value.
        const std::uint64_t signBit = std::uint64_t{1} << (bits_ - 1);
        return valueOf(static_cast<double>(static_cast<std::int64_t>(pattern ^ signBit) -
                                           static_cast<std::int64_t>(signBit)));
      }
      default:
        // Below 2^63 the signed conversion is one instruction; only u64 needs the unsigned one.
        return valueOf(bits_ < 64 ? static_cast<double>(static_cast<std::int64_t>(pattern)) : static_cast<double>(pattern));
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

  /// 2^n exactly, n in 0..64, from its exponent bits.
  static double powerOfTwo(unsigned n) { return std::bit_cast<double>(std::uint64_t{1023u + n} << 52); }

  /// The raw integer as its two's complement bit pattern, rounded and saturated at the type's
  /// range; NaN is 0. Halves go away from zero (std::round) with one addition and a truncating
  /// conversion: the largest double below 0.5 carries exactly the halves over the next
  /// integer and nothing else, at every magnitude.
  std::uint64_t integerPattern(double raw) const {
    constexpr double kJustBelowHalf = 0.49999999999999994;
    if (kind_ == Kind::Signed) {
      const double highestRaw = powerOfTwo(bits_ - 1) - 1.0;  // exact up to 53 bits (s16, s32)
      if (raw > -highestRaw - 1.0 && raw < highestRaw) {      // in range (false for NaN)
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(raw + std::copysign(kJustBelowHalf, raw)));
      }
      if (std::isnan(raw)) return 0;
      const std::int64_t highest = (std::int64_t{1} << (bits_ - 1)) - 1;
      return static_cast<std::uint64_t>(raw < 0.0 ? -highest - 1 : highest);
    }
    // 2^bits - 1 is exact up to 53 bits; for u64 it rounds to 2^64, below which a value rounds
    // to at most 2^64 - 2048.
    if (raw > 0.0 && raw < powerOfTwo(bits_) - 1.0) {
      const double rounded = raw + kJustBelowHalf;
      // Below 2^63 the signed conversion is one instruction; only u64 needs the unsigned one.
      return bits_ < 64 ? static_cast<std::uint64_t>(static_cast<std::int64_t>(rounded))
                        : static_cast<std::uint64_t>(rounded);
    }
    if (std::isnan(raw)) return 0;
    if (raw <= 0.0) return 0;
    return bits_ == 64 ? std::numeric_limits<std::uint64_t>::max() : (std::uint64_t{1} << bits_) - 1;
  }

  /// Rounded to the nearest float; a finite value beyond the float range saturates.
  static std::uint64_t float32Pattern(double raw) {
    constexpr double kMax = std::numeric_limits<float>::max();
    if (std::isfinite(raw) && std::abs(raw) > kMax) raw = std::copysign(kMax, raw);
    return std::bit_cast<std::uint32_t>(static_cast<float>(raw));
  }

  // 16 bytes: a poll's decoder keeps one per field, and a line's decoders are visited in turn.
  double factor_ = 1.0;  ///< Multiply: the scale; Divide: its integer inverse
  Scaling scaling_ = Scaling::Identity;
  Kind kind_ = Kind::Unsigned;
  WordOrder order_ = WordOrder::Big;
  std::uint8_t words_ = 1;
  std::uint8_t bits_ = 16;  ///< of the raw integer: 1 for a coil, 16 per word otherwise
};

}  // namespace ews::profiles
