#include "profiles_test_support.hpp"

#include <array>

namespace ews::profiles::test {

double exactSampleValue(const Field& field, std::size_t index) {
  std::array<std::uint16_t, kMaxFieldWords> words{};
  const auto seed = static_cast<std::uint16_t>(index * 7919u + 17u);
  if (field.type == Type::Bit) {
    words[0] = static_cast<std::uint16_t>(index % 2);
  } else if (field.type == Type::Float32) {
    Field plain = field;
    plain.scale = 1.0;
    // A float with a fractional part and, for odd indices, a negative sign.
    const double value = (index % 2 == 1 ? -1.0 : 1.0) * (static_cast<double>(seed) + 0.375);
    encode(plain, value, words);
  } else {
    for (std::size_t k = 0; k < field.words(); ++k) words[k] = static_cast<std::uint16_t>(seed + 3 * k);
    // Signed types: odd indices set the top bit of the most significant word (negative).
    const std::size_t top = field.wordOrder == WordOrder::Big ? 0 : field.words() - 1;
    const bool isSigned = field.type == Type::S16 || field.type == Type::S32;
    words[top] = isSigned && index % 2 == 1 ? static_cast<std::uint16_t>(words[top] | 0x8000u)
                                            : static_cast<std::uint16_t>(words[top] & 0x7FFFu);
  }
  return decode(field, words);
}

}  // namespace ews::profiles::test
