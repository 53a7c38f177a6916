#include "held_value_stats.hpp"

#include <algorithm>

namespace ews::history::detail {

void HeldValueStats::accumulateUntil(Time until) {
  if (!held_) return;
  const Time from = std::max(heldSince_, intervalStart_);
  if (until <= from) return;
  const double value = *held_;
  if (covered_ == Duration::zero()) {
    min_ = max_ = value;
  } else {
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  weightedSum_ += value * toSeconds(until - from);
  covered_ += until - from;
  heldSince_ = until;
}

void HeldValueStats::see(double value, Time readAt) {
  if (lastReadAt_ && readAt <= *lastReadAt_) return;
  lastReadAt_ = readAt;
  accumulateUntil(readAt);
  held_ = value;
  heldSince_ = std::max(readAt, intervalStart_);
}

void HeldValueStats::interrupt(Time at) {
  accumulateUntil(at);
  held_.reset();
}

std::optional<StatSummary> HeldValueStats::close(Time end) {
  accumulateUntil(end);
  std::optional<StatSummary> summary;
  if (covered_ > Duration::zero()) summary = StatSummary{min_, max_, weightedSum_ / toSeconds(covered_)};
  intervalStart_ = end;
  heldSince_ = std::max(heldSince_, end);
  weightedSum_ = 0.0;
  covered_ = Duration::zero();
  return summary;
}

}  // namespace ews::history::detail
