#pragma once
// Sums what the EWS recorded over a run, from the recorder's aggregates: the grand totals and
// the partials per load and group that the consumption pages show (manual 8.2.2), and each
// device's own consumption (the main meter's, shown beside the grand total).
#include <map>
#include <string>
#include <vector>

#include "ews/recording/sample.hpp"

namespace ews::cli {

class RecordedTotals final : public recording::SampleSink {
 public:
  struct Total {
    std::string name;
    double value = 0.0;  ///< Wh, or dm3 for water and gas
    std::uint64_t partialSamples = 0;  ///< samples where a member device had a gap
    std::vector<double> costByTariff;  ///< by tariff position of its energy, currency units
    double unpriced = 0.0;             ///< consumption no cost rule or price covered (Wh or dm3)
  };

  void onSamples(Time, std::span<const recording::DeviceSample> samples) override;
  void onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) override;

  /// Keyed by (kind, id): loads and groups by their id, totals with id 0.
  const std::map<std::pair<recording::AggregateSample::Kind, int>, Total>& totals() const { return totals_; }
  double total(recording::AggregateSample::Kind kind) const;
  /// A device's recorded consumption over the run (Wh, or dm3): the sum of its sample deltas.
  double deviceConsumption(int deviceId) const;

 private:
  std::map<std::pair<recording::AggregateSample::Kind, int>, Total> totals_;
  std::map<int, double> deviceConsumption_;  ///< by device id
};

}  // namespace ews::cli
