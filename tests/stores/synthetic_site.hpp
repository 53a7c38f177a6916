#pragma once
// A small synthetic site and deterministic records for the store tests (no engine needed):
// 4 devices (two electrical, one water, one gas), 5 loads, 3 groups; electricity priced by
// two tariffs (Day, Night), water by one (DEFAULT), gas not at all. Row i of every record
// is a pure function of i, mirrored in trace_expectations.py for the h5py checks — change
// both together.
#include <string>
#include <vector>

#include "ews/recording/sample.hpp"
#include "ews/stores/store_layout.hpp"

namespace ews::stores::testing {

/// 2026-01-01T00:00:00Z: local 01:00 in Europe/Paris.
inline constexpr std::int64_t kStartMicros = 1'767'225'600'000'000;
inline constexpr std::int64_t kStepMicros = 600'000'000;  ///< 10 min, the EWS default sample rate

class SyntheticSite {
 public:
  SyntheticSite();

  const StoreLayout& layout() const { return layout_; }
  static Time timeOf(int row) { return timeFromMicros(kStartMicros + kStepMicros * row); }

  /// Rows of instant `row`; valid until the next call.
  const std::vector<recording::DeviceSample>& samples(int row);
  const std::vector<recording::AggregateSample>& aggregates(int row);
  /// One event every third row (none otherwise).
  std::vector<recording::Event> events(int row, Time at) const;

  /// Feeds instant `row` (samples, aggregates, events) to a sink.
  void feed(recording::SampleSink& sink, int row) { feed(sink, row, timeOf(row)); }
  void feed(recording::SampleSink& sink, int row, Time at);

 private:
  StoreLayout layout_;
  std::vector<std::string> deviceNames_;
  std::vector<std::string> aggregateNames_;
  std::vector<recording::StatSample> stats_;
  std::vector<recording::DeviceSample> samples_;
  std::vector<recording::AggregateSample> aggregates_;
  std::vector<double> sampleCosts_, aggregateCosts_;  // the rows' costByTariff spans point into them
};

}  // namespace ews::stores::testing
