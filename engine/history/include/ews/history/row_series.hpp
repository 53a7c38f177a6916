#pragma once
// Which series a recorder row adds to: shared by every store of the history (in memory, the
// site database), so they file the same row under the same key.
#include "ews/history/series.hpp"
#include "ews/recording/sample.hpp"

namespace ews::history {

inline SeriesKey seriesOf(const recording::AggregateSample& aggregate) {
  using Kind = recording::AggregateSample::Kind;
  switch (aggregate.kind) {
    case Kind::Load: return SeriesKey::load(aggregate.id);
    case Kind::Group: return SeriesKey::group(aggregate.id);
    case Kind::ElectricityTotal: return SeriesKey::total(SeriesKind::ElectricityTotal);
    case Kind::WaterTotal: return SeriesKey::total(SeriesKind::WaterTotal);
    case Kind::GasTotal: return SeriesKey::total(SeriesKind::GasTotal);
  }
  return SeriesKey::total(SeriesKind::ElectricityTotal);
}

/// The GasWhEquivalent series' value of a GasTotal row (Wh, from the row's kWh equivalent, so
/// a later change of the gas factor does not rewrite the past).
inline double gasWhEquivalentOf(const recording::AggregateSample& gasTotal) {
  constexpr double kWhPerKWh = 1000.0;
  return gasTotal.gasKWhEquivalent * kWhPerKWh;
}

}  // namespace ews::history
