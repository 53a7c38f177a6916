#pragma once
// Text -> value conversions for scenario scalars, free of YAML: each returns the value or a
// reason a user understands. Kept apart from the YAML layer so they are easy to test and reuse
// (the configuration pages will parse the same notations).
#include <date/date.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ews/kernel/time.hpp"

namespace ews::scenario::detail {

/// A value, or why the text is not one.
template <class T>
struct Parsed {
  std::optional<T> value;
  std::string error;

  static Parsed ok(T v) { return Parsed{std::move(v), {}}; }
  static Parsed fail(std::string reason) { return Parsed{std::nullopt, std::move(reason)}; }
  explicit operator bool() const { return value.has_value(); }
};

/// Decimal integer, optional sign, nothing else (no "0x", no fraction).
Parsed<std::int64_t> parseInteger(std::string_view text);

/// Unsigned decimal integer up to 2^64 - 1 (seeds).
Parsed<std::uint64_t> parseUnsigned(std::string_view text);

/// Hexadecimal integer written with a "0x" prefix, as the manual's "Register (hex)" field.
Parsed<std::int64_t> parseHex(std::string_view text);

/// Finite real number ("1", "-2.5", "1e3"); rejects inf/nan and overflow.
Parsed<double> parseReal(std::string_view text);

/// true/false, yes/no, on/off (any letter case), as YAML 1.1 users expect.
Parsed<bool> parseBool(std::string_view text);

/// A unit a quantity may be written in, and the factor to the field's base unit.
struct UnitFactor {
  std::string_view unit;
  double factor;
};

/// "<number>[ ]<unit>" where the unit is one of `units` (or absent: base unit, factor 1).
Parsed<double> parseQuantity(std::string_view text, std::span<const UnitFactor> units);

/// ews::parseDuration with a guard against int64 overflow (it multiplies unchecked), so a
/// "999999999999d" in a file becomes a diagnostic instead of undefined behaviour.
Parsed<Duration> parseDurationChecked(std::string_view text);

/// "HH:MM" or "HH:MM:SS", from 00:00 to 24:00 inclusive; returns the offset from midnight.
Parsed<Duration> parseTimeOfDay(std::string_view text);

/// "YYYY-MM-DDTHH:MM[:SS]" or the same with a space instead of 'T'; a wall-clock time.
Parsed<date::local_time<Duration>> parseLocalDateTime(std::string_view text);

}  // namespace ews::scenario::detail
