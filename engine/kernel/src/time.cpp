#include "ews/kernel/time.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <array>
#include <cctype>
#include <stdexcept>
#include <string_view>

namespace ews {

std::string formatUtc(Time t) {
  return date::format("%FT%TZ", t);
}

namespace {
struct UnitFactor {
  std::string_view unit;
  std::int64_t micros;
};
// Longest units first so that "min" is not read as "m" + "in", "ms" before "s".
constexpr std::array<UnitFactor, 6> kUnits{{{"min", 60'000'000},
                                            {"ms", 1'000},
                                            {"us", 1},
                                            {"d", 86'400'000'000},
                                            {"h", 3'600'000'000},
                                            {"s", 1'000'000}}};
}  // namespace

Duration parseDuration(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("empty duration");
  std::int64_t totalMicros = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t digitsStart = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == digitsStart) {
      throw std::invalid_argument(fmt::format("duration '{}': expected a number at '{}'", text, text.substr(i)));
    }
    const std::string digits = text.substr(digitsStart, i - digitsStart);
    if (digits.size() > 12) throw std::invalid_argument(fmt::format("duration '{}': number too large", text));
    const std::int64_t value = std::stoll(digits);
    const std::string_view rest = std::string_view(text).substr(i);
    const UnitFactor* found = nullptr;
    for (const auto& u : kUnits) {
      if (rest.substr(0, u.unit.size()) == u.unit) {
        found = &u;
        break;
      }
    }
    if (found == nullptr) {
      throw std::invalid_argument(
          fmt::format("duration '{}': unknown or missing unit (use us, ms, s, min, h, d)", text));
    }
    i += found->unit.size();
    std::int64_t termMicros = 0;
    if (__builtin_mul_overflow(value, found->micros, &termMicros) ||
        __builtin_add_overflow(totalMicros, termMicros, &totalMicros)) {
      throw std::invalid_argument(fmt::format("duration '{}': out of range (at most 106751991 days)", text));
    }
  }
  return Duration{totalMicros};
}

std::string formatDuration(Duration d) {
  std::int64_t micros = d.count();
  if (micros == 0) return "0s";
  std::string out;
  if (micros < 0) {
    out += '-';
    micros = -micros;
  }
  // Render in the fixed order d, h, min, s, ms, us.
  constexpr std::array<UnitFactor, 6> ordered{{{"d", 86'400'000'000},
                                               {"h", 3'600'000'000},
                                               {"min", 60'000'000},
                                               {"s", 1'000'000},
                                               {"ms", 1'000},
                                               {"us", 1}}};
  for (const auto& u : ordered) {
    if (micros >= u.micros) {
      out += fmt::format("{}{}", micros / u.micros, u.unit);
      micros %= u.micros;
    }
  }
  return out;
}

}  // namespace ews
