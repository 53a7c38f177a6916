#pragma once
// Bucket keys in the site's local civil time (docs/design.md decision 1: calendar work at the edges,
// through date/tz). A bucket is named by an integer per resolution (series.hpp, Bucket::key),
// so the history stores no dates and compares keys only.
#include <array>
#include <cstdint>

#include "ews/history/series.hpp"
#include "ews/kernel/calendar.hpp"

namespace ews::history {

class LocalCalendar {
 public:
  explicit LocalCalendar(const TimeZone& zone) : zone_(zone) {}
  const TimeZone& zone() const { return zone_; }

  /// The keys of the buckets holding instant `t`, by Resolution (Sample: t itself).
  std::array<std::int64_t, kResolutionCount> keysOf(Time t) const;

  /// The keys of the buckets a sample taken at `t` goes to. A sample covers the interval that
  /// ends at t: 01:00 closes the 00:00 hour, midnight closes the day before; so its buckets are
  /// those of the instant just before t, except its own Sample bucket, named t.
  std::array<std::int64_t, kResolutionCount> keysOfSampleAt(Time t) const {
    auto keys = keysOf(t - microseconds(1));
    keys[static_cast<std::size_t>(Resolution::Sample)] = toMicros(t);
    return keys;
  }

  /// Start of the local hour holding `t`. Hour buckets are named by this UTC instant, so the
  /// two 02:00 hours of a fall-back night are two buckets.
  Time hourStart(Time t) const { return t - zone_.timeOfDay(t) % hours(1); }
  /// The first instant of a local date (01:00 where midnight falls in a DST gap).
  Time dayStart(LocalDate localDate) const;
  /// The local date holding `t`.
  LocalDate dateOf(Time t) const;

  static std::int64_t dayKey(LocalDate localDate);
  static LocalDate dateOfDayKey(std::int64_t key);
  static std::int64_t monthKey(int year, unsigned month) { return std::int64_t{year} * 12 + (month - 1); }
  static int yearOfMonthKey(std::int64_t key);
  static unsigned monthOfMonthKey(std::int64_t key);
  static unsigned daysInMonth(int year, unsigned month);

 private:
  TimeZone zone_;
};

}  // namespace ews::history
