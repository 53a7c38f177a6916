#include "en50160_week.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ews::history::detail {

namespace {
constexpr double kNominalVoltage = 230.0, kVoltageTolerance = 0.10, kVoltageShare = 95.0;
constexpr double kThdLimit = 8.0, kThdShare = 95.0;
constexpr double kNominalFrequency = 50.0, kFrequencyTolerance = 0.01, kFrequencyShare = 99.5;
constexpr unsigned kDaysPerWeek = 7;

double percentOf(int part, int whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

/// Every known value satisfies `ok`; nullopt when none is known.
template <typename Ok>
std::optional<bool> allKnown(const std::array<std::optional<double>, 3>& values, Ok ok) {
  bool any = false, all = true;
  for (const auto& v : values) {
    if (!v) continue;
    any = true;
    all = all && ok(*v);
  }
  if (!any) return std::nullopt;
  return all;
}
}  // namespace

std::pair<Time, Time> En50160Week::weekOf(Time t) const {
  const std::int64_t day = LocalCalendar::dayKey(calendar_.dateOf(t));
  // Day 0 of the epoch (1970-01-01) was a Thursday: Monday is 3 days before it.
  const std::int64_t sinceMonday = ((day + 3) % kDaysPerWeek + kDaysPerWeek) % kDaysPerWeek;
  const std::int64_t monday = day - sinceMonday;
  return {calendar_.dayStart(LocalCalendar::dateOfDayKey(monday)),
          calendar_.dayStart(LocalCalendar::dateOfDayKey(monday + kDaysPerWeek))};
}

std::string En50160Week::isoWeek(Time weekStart) const {
  const std::int64_t monday = LocalCalendar::dayKey(calendar_.dateOf(weekStart));
  const LocalDate thursday = LocalCalendar::dateOfDayKey(monday + 3);  // its year is the ISO year
  const std::int64_t firstOfYear = LocalCalendar::dayKey(LocalDate{thursday.year, 1, 1});
  const std::int64_t week = (monday + 3 - firstOfYear) / kDaysPerWeek + 1;
  return fmt::format("{}-W{:02}", thursday.year, week);
}

std::optional<recording::WeeklyQualityCheck> En50160Week::add(Time end, const QualityMeans& means) {
  const Time start = end - kQualityInterval;
  std::optional<recording::WeeklyQualityCheck> done;
  if (week_ && start >= week_->second) done = finish();  // a gap skipped the week's end
  if (!week_) week_ = weekOf(start);

  const double vLow = kNominalVoltage * (1.0 - kVoltageTolerance), vHigh = kNominalVoltage * (1.0 + kVoltageTolerance);
  if (const auto v = allKnown(means.voltage, [&](double x) { return x >= vLow && x <= vHigh; })) {
    ++voltageIntervals_;
    voltageInRange_ += *v ? 1 : 0;
  }
  if (const auto h = allKnown(means.thd, [](double x) { return x <= kThdLimit; })) {
    ++thdIntervals_;
    thdWithinLimit_ += *h ? 1 : 0;
  }
  if (means.frequency) {
    const double f = *means.frequency;
    ++frequencyIntervals_;
    const double fLow = kNominalFrequency * (1.0 - kFrequencyTolerance);
    const double fHigh = kNominalFrequency * (1.0 + kFrequencyTolerance);
    frequencyInRange_ += (f >= fLow && f <= fHigh) ? 1 : 0;
  }
  if (end >= week_->second) {
    auto finished = finish();
    if (finished) done = std::move(finished);
  }
  return done;
}

std::optional<recording::WeeklyQualityCheck> En50160Week::finish() {
  const auto [weekStart, weekEnd] = *week_;
  recording::WeeklyQualityCheck check;
  check.deviceId = deviceId_;
  check.weekStart = weekStart;
  check.weekEnd = weekEnd;
  check.week = isoWeek(weekStart);
  check.intervals = static_cast<int>((weekEnd - weekStart) / kQualityInterval);
  check.voltageIntervals = voltageIntervals_;
  check.thdIntervals = thdIntervals_;
  check.frequencyIntervals = frequencyIntervals_;
  std::string failures, notes;
  const auto note = [](std::string& text, const std::string& more) {
    if (!text.empty()) text += "; ";
    text += more;
  };
  if (voltageIntervals_ > 0) {
    check.voltageInRangePercent = percentOf(voltageInRange_, voltageIntervals_);
    if (*check.voltageInRangePercent < kVoltageShare) {
      note(failures, fmt::format("voltage within 230 V +/- 10 % {:.1f} % < {} %", *check.voltageInRangePercent,
                                 kVoltageShare));
    }
    if (voltageIntervals_ < check.intervals) {
      note(notes, fmt::format("voltage known {} of {} intervals", voltageIntervals_, check.intervals));
    }
  }
  if (thdIntervals_ > 0) {
    check.thdWithinLimitPercent = percentOf(thdWithinLimit_, thdIntervals_);
    if (*check.thdWithinLimitPercent < kThdShare) {
      note(failures, fmt::format("voltage THD <= 8 % {:.1f} % < {} %", *check.thdWithinLimitPercent, kThdShare));
    }
  } else {
    note(notes, "THD not recorded");
  }
  if (frequencyIntervals_ > 0) {
    check.frequencyInRangePercent = percentOf(frequencyInRange_, frequencyIntervals_);
    if (*check.frequencyInRangePercent < kFrequencyShare) {
      note(failures, fmt::format("frequency within 50 Hz +/- 1 % {:.1f} % < {} %", *check.frequencyInRangePercent,
                                 kFrequencyShare));
    }
  } else {
    note(notes, "frequency not recorded");
  }
  const bool any = voltageIntervals_ > 0;
  week_.reset();
  voltageIntervals_ = voltageInRange_ = thdIntervals_ = thdWithinLimit_ = frequencyIntervals_ = frequencyInRange_ = 0;
  if (!any) return std::nullopt;
  check.ok = failures.empty();
  check.summary = check.ok ? "OK" : fmt::format("KO ({})", failures);
  if (!notes.empty()) check.summary += fmt::format(" [{}]", notes);
  return check;
}

}  // namespace ews::history::detail
