// FieldCodec's resolution, and encode/decode of field.hpp through it.
#include <cmath>
#include <limits>

#include "ews/profiles/field_codec.hpp"

namespace ews::profiles {

static_assert(sizeof(FieldCodec) <= 16, "a decoder keeps one FieldCodec per field polled: keep it small");

FieldCodec::FieldCodec(const Field& field)
    : factor_(field.scale), order_(field.wordOrder), words_(static_cast<std::uint8_t>(wordsOf(field.type))) {
  switch (field.type) {
    case Type::Float32:
      kind_ = Kind::Float32;
      break;
    case Type::Bit:
      kind_ = Kind::Bit;
      break;
    case Type::S16:
    case Type::S32:
      kind_ = Kind::Signed;
      break;
    default:
      kind_ = Kind::Unsigned;
      break;
  }
  bits_ = static_cast<std::uint8_t>(kind_ == Kind::Bit ? 1 : 16 * words_);
  if (field.scale == 1.0) return;
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

void encode(const Field& field, double value, std::span<std::uint16_t> words) {
  FieldCodec(field).encode(value, words);
}

double decode(const Field& field, std::span<const std::uint16_t> words) { return FieldCodec(field).decode(words); }

}  // namespace ews::profiles
