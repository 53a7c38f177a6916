#pragma once
// ews.Engine's C++ side: the whole twin as `ews run` composes it (site::SimulatedSite and the
// EWS stack over its lines, with the Green'Up DLM runner when the scenario's DLM is ON), run
// from Python in slices, with what a notebook plots recorded in columns numpy reads in place:
//   * the stack's samples and aggregates (what trace.h5 holds, same layout and NaN rules);
//   * the DLM's zone and site current, sampled by an engine task in the Publish phase after
//     the decision of the same instant (the runner's lastObservation, so exactly what the
//     controller saw); default: every decision;
//   * each charging station's vehicle SOC and current, sampled the same way from the physics
//     (what the EWS cannot see: the SOC is not in the station's registers).
// The samplers only read: a run with them gives the same trace and KPIs as one without.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "columns.hpp"
#include "ews/recording/sample.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/site/simulated_stack.hpp"

namespace ews::python {

struct EngineOptions {
  std::optional<std::uint64_t> seed;
  std::optional<Duration> duration;
  /// Period of the DLM sampler; nullopt: the control period (every decision); zero: none.
  std::optional<Duration> dlmSamplePeriod;
  /// Period of the station sampler; zero: none.
  Duration stationSamplePeriod = minutes(1);
};

/// The stack's samples and aggregates as [time x column] matrices, in trace.h5's layout: every
/// device of the installation in id order (NaN and gap 2 where a device has no row), every load
/// and group in id order, delta and average rate NaN in a communication gap.
class TraceColumns final : public recording::SampleSink {
 public:
  explicit TraceColumns(const installation::Installation& installation);

  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override;
  void onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) override;
  /// The trace's event table: status changes, counter corrections, the DLM's decisions.
  void onEvent(const recording::Event& event) override;

  std::vector<int> deviceIds, loadIds, groupIds;
  std::vector<std::int64_t> eventTimeUs;
  std::vector<int> eventDeviceIds;
  std::vector<std::string> eventKinds, eventDetails;
  GrowingColumn<std::int64_t> sampleTimeUs;
  GrowingColumn<double> counter, delta, averageRate;
  GrowingColumn<std::uint8_t> gap;
  GrowingColumn<std::int64_t> aggregateTimeUs;
  GrowingColumn<double> loadDelta, groupDelta;
  /// Electricity Wh, water dm3, gas dm3 per aggregate instant.
  GrowingColumn<double> totals;
};

class TwinEngine {
 public:
  TwinEngine(scenario::Scenario scenario, const EngineOptions& options);
  ~TwinEngine();

  site::SimulatedSite& site() { return *site_; }
  stack::EwsStack& ews() { return twin_->ews(); }
  /// The DLM runner; throws RuntimeError when the scenario's DLM is OFF.
  stack::DlmRunner& dlm();
  /// Index in the DLM's stations of the station named `name`; KeyError otherwise.
  std::size_t stationIndex(const std::string& name);
  const installation::Device& device(const std::string& name) const;

  /// Runs to `t` (clamped to the end) with the GIL released. True when `t` was reached.
  bool runUntil(Time t);
  /// Throws RuntimeError while another thread runs this engine: its state is the run's.
  void checkIdle() const;

  const TraceColumns& trace() const { return *trace_; }
  /// The DLM sampler: instants, zone (0 green, 1 yellow, 2 red), fail-safe, meter valid, and
  /// the site current per line [T x 3] (A).
  struct DlmColumns {
    GrowingColumn<std::int64_t> timeUs;
    GrowingColumn<std::uint8_t> zone, failSafe, meterValid;
    GrowingColumn<double> siteCurrentA{3};
  };
  const DlmColumns* dlmColumns() const { return dlmColumns_.get(); }
  /// The station sampler: instants, and per station (stationNames order) the connected vehicle's
  /// SOC in % (NaN with no vehicle) and the current it draws per phase (A).
  struct StationColumns {
    std::vector<std::string> names;
    GrowingColumn<std::int64_t> timeUs;
    GrowingColumn<double> socPct, vehicleCurrentA;
  };
  const StationColumns* stationColumns() const { return stationColumns_.get(); }

 private:
  void startDlmSampler(Duration period);
  void startStationSampler(Duration period);

  std::unique_ptr<site::SimulatedSite> site_;
  std::unique_ptr<TraceColumns> trace_;
  std::unique_ptr<DlmColumns> dlmColumns_;
  std::unique_ptr<StationColumns> stationColumns_;
  std::vector<physics::ChargingStationModel*> stationModels_;  ///< parallel to stationColumns_->names
  std::unique_ptr<site::SimulatedStack> twin_;
  std::atomic<bool> running_{false};
};

}  // namespace ews::python
