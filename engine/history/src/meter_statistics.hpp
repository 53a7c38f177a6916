#pragma once
// The statistics a meter keeps itself (stat.<quantity>.{min,max,avg} in its register map:
// EMDX3 Access and Premium multifunction meters), which the EWS records "if available on the
// device" (manual 7.16.4). The meter computes them from every value it measures, so a spike
// between two polls is in its maximum; polled values only see the instants they were read.
// The recorder resets them after each sample (the meter's stat.reset command) and, at the next
// sample, takes what it last read of them, completed over the few seconds since that reading
// by the values polled meanwhile (docs/history.md "Statistics").
#include <optional>
#include <string_view>

#include "ews/acquisition/measurements.hpp"
#include "ews/kernel/time.hpp"
#include "held_value_stats.hpp"

namespace ews::history::detail {

class MeterStatistics {
 public:
  /// A reset was sent: what the meter shows until it is done belongs to the interval before.
  void resetSent() { countingSince_.reset(); }
  /// The reset's outcome at `at`: from then on the meter's statistics are this interval's;
  /// a failed reset leaves them unusable until the next one succeeds (polled ones stand in).
  void resetDone(Time at, bool ok) {
    if (ok) countingSince_ = at;
  }

  /// The interval's statistics of `quantity` ending at `end`: the meter's own, read after the
  /// reset, merged with `polled` (the held polled values of the interval) over the time since
  /// that reading; nullopt when the meter's are not known for this interval.
  std::optional<StatSummary> summary(const acquisition::Measurements& measurements, int deviceId,
                                     std::string_view quantity, Time end,
                                     const std::optional<StatSummary>& polled) const;

 private:
  std::optional<Time> countingSince_;
};

}  // namespace ews::history::detail
