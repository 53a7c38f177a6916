#include "recorded_totals.hpp"

#include <cmath>

namespace ews::cli {

void RecordedTotals::onAggregates(Time, std::span<const recording::AggregateSample> aggregates) {
  for (const auto& aggregate : aggregates) {
    Total& total = totals_[{aggregate.kind, aggregate.id}];
    if (aggregate.name != nullptr) total.name = *aggregate.name;
    total.value += aggregate.delta;
    if (aggregate.partial) ++total.partialSamples;
    // NaN: a gap or a position past the energy's tariffs; neither costs anything known.
    if (total.costByTariff.size() < aggregate.costByTariff.size()) total.costByTariff.resize(aggregate.costByTariff.size());
    for (std::size_t k = 0; k < aggregate.costByTariff.size(); ++k) {
      if (!std::isnan(aggregate.costByTariff[k])) total.costByTariff[k] += aggregate.costByTariff[k];
    }
    if (!std::isnan(aggregate.unpricedDelta)) total.unpriced += aggregate.unpricedDelta;
  }
}

void RecordedTotals::onSamples(Time, std::span<const recording::DeviceSample> samples) {
  // A gap's delta is 0 and its consumption comes with the first reading after it: the sum is right.
  for (const auto& sample : samples) deviceConsumption_[sample.deviceId] += sample.delta;
}

double RecordedTotals::deviceConsumption(int deviceId) const {
  const auto it = deviceConsumption_.find(deviceId);
  return it == deviceConsumption_.end() ? 0.0 : it->second;
}

double RecordedTotals::total(recording::AggregateSample::Kind kind) const {
  const auto it = totals_.find({kind, 0});
  return it == totals_.end() ? 0.0 : it->second.value;
}

}  // namespace ews::cli
