#pragma once
// Calendar edge of the twin: conversions between UTC ews::Time and the site's local civil
// time, through date/tz and the OS time-zone database (docs/design.md decision 1). Used for run start
// times, daily load profiles, history buckets, tariff windows and file names — never for
// stepping time.
#include <string>

#include "ews/kernel/time.hpp"

namespace date {
class time_zone;
}

namespace ews {

struct LocalDateTime {
  int year = 1970;
  unsigned month = 1;  ///< 1..12
  unsigned day = 1;    ///< 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

class TimeZone {
 public:
  /// Throws std::invalid_argument("unknown time zone '<name>'") for a name the database lacks.
  explicit TimeZone(const std::string& ianaName);

  const std::string& name() const { return name_; }

  /// Local civil time to UTC. A local time inside a DST gap does not exist: throws
  /// std::invalid_argument naming it. An ambiguous one (DST fold) takes the earlier instant.
  Time toUtc(const LocalDateTime& local) const;
  LocalDateTime toLocal(Time t) const;
  /// Time elapsed since local midnight.
  Duration timeOfDay(Time t) const;
  /// 0 = Sunday ... 6 = Saturday, in local time.
  unsigned weekday(Time t) const;
  /// strftime-like format of the local time (date::format), e.g. "%F %T %Z".
  std::string format(Time t, const std::string& pattern = "%F %T %Z") const;
  /// Local time minus UTC at t (e.g. +1 h in Paris in winter).
  Duration utcOffset(Time t) const;

 private:
  std::string name_;
  const date::time_zone* zone_;
};

/// Parses "YYYY-MM-DDTHH:MM[:SS]" (or with a space instead of T). Throws std::invalid_argument.
LocalDateTime parseLocalDateTime(const std::string& text);

}  // namespace ews
