#include "recorded_totals.hpp"

namespace ews::cli {

void RecordedTotals::onAggregates(Time, std::span<const recording::AggregateSample> aggregates) {
  for (const auto& aggregate : aggregates) {
    Total& total = totals_[{aggregate.kind, aggregate.id}];
    if (aggregate.name != nullptr) total.name = *aggregate.name;
    total.value += aggregate.delta;
    if (aggregate.partial) ++total.partialSamples;
  }
}

double RecordedTotals::total(recording::AggregateSample::Kind kind) const {
  const auto it = totals_.find({kind, 0});
  return it == totals_.end() ? 0.0 : it->second.value;
}

}  // namespace ews::cli
