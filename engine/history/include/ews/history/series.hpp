#pragma once
// The vocabulary of the consumption history (manual 8.2.2): which series a value belongs to,
// the buckets it is kept in, how long each resolution is kept, and what the pages ask back.
// Everything here is a plain struct, so snapshots are trivial to persist and to hand to
// other threads or Python.
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "ews/kernel/calendar.hpp"
#include "ews/kernel/time.hpp"

namespace ews::history {

/// What a series adds up. Values are Wh for electricity, dm3 for water and gas, and Wh for
/// GasWhEquivalent (the gas total converted with the site's gas factor).
enum class SeriesKind : std::uint8_t { Device, Load, Group, ElectricityTotal, WaterTotal, GasTotal, GasWhEquivalent };

/// Which value of its subject a series adds up (the Tariffs pages, manual 8.2.2.5, show the
/// costs of the same subjects as the consumption pages).
enum class SeriesValue : std::uint8_t {
  Consumption,  ///< Wh or dm3 (as SeriesKind says)
  TariffCost,   ///< currency units priced by one tariff of the subject's energy
  Unpriced,     ///< Wh or dm3 consumed when no cost rule or price covered the time
};

struct SeriesKey {
  SeriesKind kind = SeriesKind::Device;
  int id = 0;  ///< device, load or group id; 0 for the totals
  SeriesValue value = SeriesValue::Consumption;
  /// TariffCost: the tariff's position in its energy's list (0..4), as in the cost rows.
  std::uint8_t tariff = 0;

  static constexpr SeriesKey device(int deviceId) { return {SeriesKind::Device, deviceId}; }
  static constexpr SeriesKey load(int loadId) { return {SeriesKind::Load, loadId}; }
  static constexpr SeriesKey group(int groupId) { return {SeriesKind::Group, groupId}; }
  static constexpr SeriesKey total(SeriesKind kind) { return {kind, 0}; }
  /// The cost of `subject` (a consumption series) under tariff `tariffPosition`.
  static constexpr SeriesKey cost(SeriesKey subject, std::size_t tariffPosition) {
    return {subject.kind, subject.id, SeriesValue::TariffCost, static_cast<std::uint8_t>(tariffPosition)};
  }
  /// What of `subject`'s consumption was not priced.
  static constexpr SeriesKey unpriced(SeriesKey subject) {
    return {subject.kind, subject.id, SeriesValue::Unpriced, 0};
  }
  friend constexpr auto operator<=>(const SeriesKey&, const SeriesKey&) = default;
};

/// Resolutions, finest first. Each sample is added to all five at once, so a coarser
/// resolution never depends on a finer one still being there (down-sampling only drops).
enum class Resolution : std::uint8_t { Sample, Hour, Day, Month, Year };
inline constexpr std::size_t kResolutionCount = 5;

/// Consumption accumulated in one bucket. 24 bytes: the unit of the memory budget.
struct Bucket {
  /// Sample: the sample instant (UTC us). Hour: UTC us of the local hour's start.
  /// Day: local civil days since 1970-01-01. Month: year x 12 + month - 1. Year: the year.
  std::int64_t key = 0;
  double value = 0.0;              ///< Wh, dm3 or currency units; gap samples add nothing
  std::uint32_t samples = 0;       ///< samples recorded in the bucket, gaps included
  std::uint32_t gapSamples = 0;    ///< of which the device (or a member) could not be read
  friend bool operator==(const Bucket&, const Bucket&) = default;
};

/// How long each resolution is kept (technical sheet 5: energies are kept without limit,
/// "accuracy per minutes is over time reduced ... per hour -> per day -> per month -> per
/// year for the oldest stored data"; the sheet gives no horizons, these are ours:
/// docs/history.md). A horizon counts back from the latest sample; Duration::max() keeps
/// forever. Years are always kept forever.
struct Retention {
  Duration sampleHorizon = days(2);    ///< the sample-rate rows of today and yesterday
  Duration hourHorizon = days(62);     ///< day pages (per hour) of this and last month
  Duration dayHorizon = days(732);     ///< month pages (per day) of this and last year
  Duration monthHorizon = days(3653);  ///< year pages (per month) of the last ten years
};

/// How far back `resolution` is kept; Duration::max() for years (forever).
constexpr Duration horizonOf(const Retention& retention, Resolution resolution) {
  switch (resolution) {
    case Resolution::Sample: return retention.sampleHorizon;
    case Resolution::Hour: return retention.hourHorizon;
    case Resolution::Day: return retention.dayHorizon;
    case Resolution::Month: return retention.monthHorizon;
    case Resolution::Year: break;
  }
  return Duration::max();
}

struct LocalDate {
  int year = 1970;
  unsigned month = 1;  ///< 1..12
  unsigned day = 1;    ///< 1..31
  friend bool operator==(const LocalDate&, const LocalDate&) = default;
};

/// One bar of a histogram.
struct BucketValue {
  Time start{};                ///< UTC instant the bucket begins
  LocalDateTime localStart;    ///< its local label (hour 2 appears twice on a fall-back day)
  double value = 0.0;          ///< Wh, dm3 or currency units; meaningless unless available
  std::uint32_t samples = 0;   ///< 0: nothing recorded in it (before the first sample, future)
  std::uint32_t gapSamples = 0;
  /// False: this resolution was dropped for so old a period (Retention); ask a coarser one.
  bool available = true;
  bool hasData() const { return samples > 0; }
  bool hasGap() const { return gapSamples > 0; }
};

enum class Period : std::uint8_t { Day, Month, Year };

struct PeriodTotal {
  double value = 0.0;
  std::uint32_t samples = 0;
  std::uint32_t gapSamples = 0;
  bool available = true;  ///< false: the resolution needed for it was dropped
};

/// "Comparison between the actual and the previous value (ex. today/yesterday)" (8.2.2).
struct Comparison {
  PeriodTotal current;   ///< the period containing `now`, up to now
  PeriodTotal previous;  ///< the whole previous period: what the EWS pages show
  /// The previous period up to the same elapsed part, at the next finer resolution (hours of
  /// yesterday up to the current hour, days of last month up to today's day of month, months
  /// of last year up to this month): a like-for-like alternative for reports.
  PeriodTotal previousSameElapsed;
};

/// The whole bucket state, for crash safety: a restarted history restores it and ignores any
/// sample at or before the instants recorded here, so nothing is counted twice.
struct HistorySnapshot {
  struct Series {
    SeriesKey key;
    std::array<std::vector<Bucket>, kResolutionCount> buckets;  ///< by Resolution, keys ascending
  };
  std::vector<Series> series;  ///< keys ascending
  std::optional<Time> lastDeviceSample;
  std::optional<Time> lastAggregateSample;
  /// Per resolution: buckets with a smaller key were dropped by down-sampling.
  std::array<std::optional<std::int64_t>, kResolutionCount> droppedBelow{};
};

}  // namespace ews::history
