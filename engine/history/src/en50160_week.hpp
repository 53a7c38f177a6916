#pragma once
// The weekly EN 50160 check of an EQ device (docs/history.md, "EN 50160 weekly check"): a
// documented SUBSET of the standard, computed from 10-minute means over one local calendar
// week (Monday 00:00 to Monday 00:00, 167 h to 169 h across DST changes):
//   * supply voltage: every phase's 10-minute mean within 230 V +/- 10 % for >= 95 % of the
//     intervals with a voltage mean;
//   * voltage THD: every phase's 10-minute mean <= 8 % for >= 95 % of the intervals with one;
//   * frequency (when recorded): 10-minute mean within 50 Hz +/- 1 % for >= 99.5 %.
// Not covered: flicker, dips, swells, interruptions, unbalance, individual harmonics,
// signalling voltages, and the standard's 10-second frequency means.
#include <array>
#include <optional>

#include "ews/kernel/calendar.hpp"
#include "ews/recording/sample.hpp"
#include "ews/history/local_calendar.hpp"

namespace ews::history::detail {

inline constexpr Duration kQualityInterval = minutes(10);

/// The 10-minute means of one interval; nullopt: not known during it.
struct QualityMeans {
  std::array<std::optional<double>, 3> voltage;  ///< V, phase-to-neutral L1..L3
  std::array<std::optional<double>, 3> thd;      ///< %, voltage THD L1..L3
  std::optional<double> frequency;               ///< Hz
};

class En50160Week {
 public:
  En50160Week(const TimeZone& zone, int deviceId) : calendar_(zone), deviceId_(deviceId) {}

  /// The local week (Monday 00:00 to next Monday 00:00) holding `t`.
  std::pair<Time, Time> weekOf(Time t) const;
  /// "2026-W13": the ISO week of the local Monday of `weekStart`.
  std::string isoWeek(Time weekStart) const;

  /// The 10-minute interval ending at `end` (it belongs to the week of its start). Returns
  /// the check of the week it completes, or of a week left behind by a gap; nullopt when no
  /// week is complete or the week had no voltage mean at all (nothing truthful to say).
  std::optional<recording::WeeklyQualityCheck> add(Time end, const QualityMeans& means);

 private:
  std::optional<recording::WeeklyQualityCheck> finish();

  LocalCalendar calendar_;
  int deviceId_;
  std::optional<std::pair<Time, Time>> week_;
  int voltageIntervals_ = 0, voltageInRange_ = 0;
  int thdIntervals_ = 0, thdWithinLimit_ = 0;
  int frequencyIntervals_ = 0, frequencyInRange_ = 0;
};

}  // namespace ews::history::detail
