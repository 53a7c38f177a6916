#pragma once
// Min, max and time-weighted average of one polled quantity over a sample interval
// (manual 7.16.4 "statistical values"). A reading holds from its own timestamp until the
// next reading: between two polls the last value read is the best knowledge of the device,
// and weighting by time keeps a burst of fast polls from outweighing a long steady stretch.
// Only values that held for some time inside the interval count, so a reading taken exactly
// at a sample instant belongs to the next interval. A communication loss ends the holding:
// the statistics cover the time the value was known.
#include <optional>

#include "ews/kernel/time.hpp"

namespace ews::history::detail {

struct StatSummary {
  double min = 0.0;
  double max = 0.0;
  double average = 0.0;
};

class HeldValueStats {
 public:
  explicit HeldValueStats(Time intervalStart = {}) : intervalStart_(intervalStart) {}

  /// A reading taken at `readAt`; a reading already seen (same or older timestamp) is ignored.
  void see(double value, Time readAt);
  /// The device stopped answering at `at`: the held value counts no longer.
  void interrupt(Time at);
  /// Ends the interval at `end`, returns its statistics (nullopt: no value was known during
  /// it) and starts the next interval, into which the held value carries on.
  std::optional<StatSummary> close(Time end);

 private:
  void accumulateUntil(Time until);

  Time intervalStart_;
  std::optional<double> held_;
  Time heldSince_{};
  std::optional<Time> lastReadAt_;
  double weightedSum_ = 0.0;  // value x seconds
  Duration covered_{0};
  double min_ = 0.0;
  double max_ = 0.0;
};

}  // namespace ews::history::detail
