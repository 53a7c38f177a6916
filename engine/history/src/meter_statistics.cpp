#include "meter_statistics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

namespace ews::history::detail {

std::optional<StatSummary> MeterStatistics::summary(const acquisition::Measurements& measurements, int deviceId,
                                                    std::string_view quantity, Time end,
                                                    const std::optional<StatSummary>& polled) const {
  if (!countingSince_) return std::nullopt;
  std::array<double, 3> values{};  // min, max, avg
  Time readAt = end;
  static constexpr std::array<std::string_view, 3> kAggregates{"min", "max", "avg"};
  for (std::size_t i = 0; i < kAggregates.size(); ++i) {
    const auto reading = measurements.latest(deviceId, fmt::format("stat.{}.{}", quantity, kAggregates[i]));
    // Read after the reset (so of this interval) and before the sample instant.
    if (!reading || reading->quality != acquisition::Quality::Good || reading->at <= *countingSince_ ||
        reading->at > end) {
      return std::nullopt;
    }
    values[i] = reading->value;
    readAt = std::min(readAt, reading->at);
  }
  StatSummary merged{values[0], values[1], values[2]};
  if (!polled) return merged;
  // Values polled after the meter's last reading are real values of the interval: they widen
  // the extremes; the average holds the latest polled value over that tail.
  merged.min = std::min(merged.min, polled->min);
  merged.max = std::max(merged.max, polled->max);
  const auto latest = measurements.latest(deviceId, quantity);
  const double counted = toSeconds(readAt - *countingSince_);
  const double tail = toSeconds(end - readAt);
  if (latest && latest->quality == acquisition::Quality::Good && counted + tail > 0.0) {
    merged.average = (merged.average * counted + latest->value * tail) / (counted + tail);
  }
  return merged;
}

}  // namespace ews::history::detail
