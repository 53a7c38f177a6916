#pragma once
// Integer time for the whole twin (docs/design.md decision 1).
// A point in time is int64 microseconds since the Unix epoch, UTC; a duration is int64
// microseconds. Both are std::chrono strong types, so a Time cannot be mixed up with a
// Duration or a raw integer. Calendar work (local time, DST, buckets) happens only at the
// edges, through date/tz (see calendar.hpp).
#include <chrono>
#include <cstdint>
#include <string>

namespace ews {

using Duration = std::chrono::duration<std::int64_t, std::micro>;
using Time = std::chrono::time_point<std::chrono::system_clock, Duration>;

/// "Never": no further change, timer or event is scheduled.
inline constexpr Time kNever = Time::max();

constexpr Time timeFromMicros(std::int64_t microsSinceEpoch) { return Time{Duration{microsSinceEpoch}}; }
constexpr std::int64_t toMicros(Time t) { return t.time_since_epoch().count(); }
constexpr std::int64_t toMicros(Duration d) { return d.count(); }

constexpr Duration microseconds(std::int64_t n) { return Duration{n}; }
constexpr Duration milliseconds(std::int64_t n) { return Duration{n * 1'000}; }
constexpr Duration seconds(std::int64_t n) { return Duration{n * 1'000'000}; }
constexpr Duration minutes(std::int64_t n) { return seconds(n * 60); }
constexpr Duration hours(std::int64_t n) { return minutes(n * 60); }
constexpr Duration days(std::int64_t n) { return hours(n * 24); }

/// Seconds as a double, for physics (energy = power x time). Never accumulate these into time.
constexpr double toSeconds(Duration d) { return static_cast<double>(d.count()) * 1e-6; }

/// ISO 8601 UTC with microseconds, e.g. "2026-01-05T07:30:00.000000Z".
std::string formatUtc(Time t);

/// Parses a duration written as "<integer><unit>" with unit us, ms, s, min, h, d, or several
/// such terms ("1h30min"). Throws std::invalid_argument naming the offending text.
Duration parseDuration(const std::string& text);

/// "1d2h" style rendering, the inverse of parseDuration for whole units.
std::string formatDuration(Duration d);

}  // namespace ews
