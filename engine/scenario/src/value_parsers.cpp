#include "value_parsers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace ews::scenario::detail {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// Reads exactly `digits` decimal digits at text[pos]; -1 when they are not all digits.
int fixedDigits(std::string_view text, std::size_t pos, std::size_t digits) {
  if (pos + digits > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

Parsed<std::int64_t> parseInteger(std::string_view text) {
  std::string_view t = trim(text);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec == std::errc::result_out_of_range) return Parsed<std::int64_t>::fail(fmt::format("'{}' is too large", text));
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
    return Parsed<std::int64_t>::fail(fmt::format("expected an integer, got '{}'", text));
  }
  return Parsed<std::int64_t>::ok(value);
}

Parsed<std::uint64_t> parseUnsigned(std::string_view text) {
  std::string_view t = trim(text);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec == std::errc::result_out_of_range) {
    return Parsed<std::uint64_t>::fail(fmt::format("'{}' is too large (at most {})", text,
                                                   std::numeric_limits<std::uint64_t>::max()));
  }
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
    return Parsed<std::uint64_t>::fail(fmt::format("expected a non-negative integer, got '{}'", text));
  }
  return Parsed<std::uint64_t>::ok(value);
}

Parsed<std::int64_t> parseHex(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.size() < 3 || t[0] != '0' || (t[1] != 'x' && t[1] != 'X')) {
    return Parsed<std::int64_t>::fail(
        fmt::format("expected a hexadecimal value with a 0x prefix (e.g. 0x0100), got '{}'", text));
  }
  // from_chars would take "0x-1" as -1: a register number has no sign.
  if (t[2] == '-' || t[2] == '+') return Parsed<std::int64_t>::fail(fmt::format("'{}' is not a hexadecimal number", text));
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(t.data() + 2, t.data() + t.size(), value, 16);
  if (ec == std::errc::result_out_of_range) return Parsed<std::int64_t>::fail(fmt::format("'{}' is too large", text));
  if (ec != std::errc() || end != t.data() + t.size()) {
    return Parsed<std::int64_t>::fail(fmt::format("'{}' is not a hexadecimal number", text));
  }
  return Parsed<std::int64_t>::ok(value);
}

Parsed<double> parseReal(std::string_view text) {
  std::string_view t = trim(text);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec == std::errc::result_out_of_range) return Parsed<double>::fail(fmt::format("'{}' is out of range", text));
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
    return Parsed<double>::fail(fmt::format("expected a number, got '{}'", text));
  }
  // from_chars accepts "inf" and "nan": no physical quantity here is infinite.
  if (!std::isfinite(value)) return Parsed<double>::fail(fmt::format("expected a finite number, got '{}'", text));
  return Parsed<double>::ok(value);
}

Parsed<bool> parseBool(std::string_view text) {
  const std::string t = lower(trim(text));
  if (t == "true" || t == "yes" || t == "on") return Parsed<bool>::ok(true);
  if (t == "false" || t == "no" || t == "off") return Parsed<bool>::ok(false);
  return Parsed<bool>::fail(fmt::format("expected a boolean (true/false), got '{}'", text));
}

Parsed<double> parseQuantity(std::string_view text, std::span<const UnitFactor> units) {
  const std::string_view t = trim(text);
  // The number is the longest prefix made of characters a real number can contain.
  std::size_t numberEnd = 0;
  while (numberEnd < t.size()) {
    const char c = t[numberEnd];
    const bool exponent = (c == 'e' || c == 'E') && numberEnd + 1 < t.size() &&
                          (std::isdigit(static_cast<unsigned char>(t[numberEnd + 1])) || t[numberEnd + 1] == '-' ||
                           t[numberEnd + 1] == '+');
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || exponent)) break;
    ++numberEnd;
  }
  const std::string_view unit = trim(t.substr(numberEnd));
  const Parsed<double> number = parseReal(t.substr(0, numberEnd));
  std::string accepted;
  for (const auto& u : units) accepted += (accepted.empty() ? "" : ", ") + std::string(u.unit);
  if (!number) {
    return Parsed<double>::fail(fmt::format("expected a number, optionally followed by a unit ({}), got '{}'",
                                            accepted, text));
  }
  if (unit.empty()) return number;
  for (const auto& u : units) {
    if (u.unit == unit) return Parsed<double>::ok(*number.value * u.factor);
  }
  return Parsed<double>::fail(fmt::format("unknown unit '{}' (expected {})", unit, accepted));
}

Parsed<Duration> parseDurationChecked(std::string_view text) {
  const std::string t(trim(text));
  // Overflow guard independent of the unit table: every term is at most 7 digits and the
  // terms add up to at most 1e8; even in days (the largest unit) that is 8.64e18 us < 2^63.
  constexpr std::size_t kMaxDigits = 7;
  constexpr std::int64_t kMaxSum = 100'000'000;
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < t.size();) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i - start > kMaxDigits) return Parsed<Duration>::fail(fmt::format("duration '{}' is too large", t));
    sum += std::stoll(t.substr(start, i - start));
    if (sum > kMaxSum) return Parsed<Duration>::fail(fmt::format("duration '{}' is too large", t));
  }
  try {
    return Parsed<Duration>::ok(ews::parseDuration(t));
  } catch (const std::exception& e) {
    return Parsed<Duration>::fail(fmt::format("{} (e.g. 500ms, 15min, 1h30min, 1d)", e.what()));
  }
}

Parsed<Duration> parseTimeOfDay(std::string_view text) {
  const std::string_view t = trim(text);
  const auto bad = [&] {
    return Parsed<Duration>::fail(fmt::format("expected a time of day HH:MM or HH:MM:SS from 00:00 to 24:00, got '{}'", text));
  };
  if (t.size() != 5 && t.size() != 8) return bad();
  const int hour = fixedDigits(t, 0, 2);
  const int minute = fixedDigits(t, 3, 2);
  const int second = t.size() == 8 ? fixedDigits(t, 6, 2) : 0;
  if (t[2] != ':' || (t.size() == 8 && t[5] != ':') || hour < 0 || minute < 0 || second < 0) return bad();
  if (minute > 59 || second > 59 || hour > 24 || (hour == 24 && (minute > 0 || second > 0))) return bad();
  return Parsed<Duration>::ok(hours(hour) + minutes(minute) + seconds(second));
}

Parsed<date::local_time<Duration>> parseLocalDateTime(std::string_view text) {
  using Result = Parsed<date::local_time<Duration>>;
  const std::string_view t = trim(text);
  const auto bad = [&] {
    return Result::fail(fmt::format("expected a local date-time YYYY-MM-DDTHH:MM[:SS], got '{}'", text));
  };
  // YYYY-MM-DD?HH:MM is 16 characters, with seconds 19.
  if (t.size() != 16 && t.size() != 19) return bad();
  const int year = fixedDigits(t, 0, 4);
  const int month = fixedDigits(t, 5, 2);
  const int day = fixedDigits(t, 8, 2);
  const int hour = fixedDigits(t, 11, 2);
  const int minute = fixedDigits(t, 14, 2);
  const int second = t.size() == 19 ? fixedDigits(t, 17, 2) : 0;
  if (t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') || t[13] != ':' ||
      (t.size() == 19 && t[16] != ':')) {
    return bad();
  }
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return bad();
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return Result::fail(fmt::format("'{}' is not a valid calendar date", text));
  if (hour > 23 || minute > 59 || second > 59) return Result::fail(fmt::format("'{}' is not a valid time of day", text));
  const date::local_time<Duration> local =
      date::local_days{ymd} + ews::hours(hour) + ews::minutes(minute) + ews::seconds(second);
  return Result::ok(local);
}

}  // namespace ews::scenario::detail
