#pragma once
// The state behind History: the calendar, the buckets of every series and the watermarks
// that make replays harmless. Shared by the sink side (history.cpp) and the queries
// (history_queries.cpp).
#include <map>
#include <optional>
#include <span>

#include "bucket_level.hpp"
#include "ews/history/history.hpp"
#include "local_calendar.hpp"

namespace ews::history {

struct History::Impl {
  struct Series {
    std::array<detail::BucketLevel, kResolutionCount> levels;  // by Resolution
  };

  Impl(const TimeZone& zone, Retention keep) : calendar(zone), retention(keep) {}

  const Series* find(SeriesKey key) const {
    const auto it = series.find(key);
    return it == series.end() ? nullptr : &it->second;
  }
  /// Makes `t` the instant being recorded: its bucket keys are computed once for all rows.
  void beginInstant(Time t);
  /// Adds one value of the instant set by beginInstant.
  void add(SeriesKey key, double value, bool gap);
  /// Adds one row of the instant: its consumption, and its costs per tariff and unpriced
  /// consumption when its energy is billed.
  void addRow(SeriesKey subject, double delta, std::span<const double> costByTariff, double unpricedDelta, bool gap);
  bool dropped(Resolution resolution, std::int64_t key) const {
    const auto& below = droppedBelow[static_cast<std::size_t>(resolution)];
    return below && key < *below;
  }

  // ---- query helpers ----
  /// The bar of bucket `key`; `start` and its local label are the caller's (it knows them).
  BucketValue valueAt(const Series* s, Resolution resolution, std::int64_t key, Time start) const;
  /// Sum of the buckets with fromKey <= key <= toKey.
  PeriodTotal sum(const Series* s, Resolution resolution, std::int64_t fromKey, std::int64_t toKey) const;

  detail::LocalCalendar calendar;
  Retention retention;
  std::map<SeriesKey, Series> series;
  std::optional<Time> lastDeviceSample;
  std::optional<Time> lastAggregateSample;
  std::array<std::optional<std::int64_t>, kResolutionCount> droppedBelow{};
  std::optional<Time> keysTime;
  std::array<std::int64_t, kResolutionCount> keys{};
};

}  // namespace ews::history
