#pragma once
// The state behind History: the calendar, the buckets of every series and the watermarks
// that make replays harmless. Shared by the sink side (history.cpp) and the queries
// (history_queries.cpp).
#include <map>
#include <optional>
#include <span>

#include "bucket_level.hpp"
#include "ews/history/bucket_source.hpp"
#include "ews/history/history.hpp"
#include "ews/history/local_calendar.hpp"

namespace ews::history {

struct History::Impl final : BucketSource {
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

  // ---- BucketSource: what HistoryQueries reads ----
  std::vector<Bucket> range(SeriesKey key, Resolution resolution, std::int64_t fromKey,
                            std::int64_t toKey) const override;
  std::optional<std::int64_t> droppedBelow(Resolution resolution) const override {
    return droppedKeys[static_cast<std::size_t>(resolution)];
  }

  LocalCalendar calendar;
  Retention retention;
  std::map<SeriesKey, Series> series;
  std::optional<Time> lastDeviceSample;
  std::optional<Time> lastAggregateSample;
  std::array<std::optional<std::int64_t>, kResolutionCount> droppedKeys{};
  std::optional<Time> keysTime;
  std::array<std::int64_t, kResolutionCount> keys{};
};

}  // namespace ews::history
