#pragma once
// What a recorder publishes at each sample instant (manual 7.16.4, default every 10 min):
// one row per recorded device, the aggregates of the consumption pages (per load, per measure
// group, grand totals), and the events in between. Observers (history, HDF5 trace, CSV tree,
// Python) implement SampleSink and subscribe; nobody calls writers directly (DESIGN decision 8).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "ews/installation/spec.hpp"
#include "ews/kernel/time.hpp"

namespace ews::recording {

/// Time-weighted statistics of one quantity over the sample interval (manual 7.16.4:
/// "statistical values ... for measuring devices which have these values").
struct StatSample {
  std::string_view quantity;  ///< e.g. "power.active.total", "current.L1"
  double min = 0.0;
  double max = 0.0;
  double average = 0.0;
};

struct DeviceSample {
  int deviceId = 0;  ///< the installation's stable device id (1-based)
  const std::string* deviceName = nullptr;
  installation::Medium medium = installation::Medium::Electricity;
  double counter = 0.0;      ///< consumption total at the sample instant: Wh, or dm3 for water and gas
  double delta = 0.0;        ///< consumption over the interval, same unit; 0 when `gap`
  double averageRate = 0.0;  ///< delta over the interval: W, or dm3/h
  /// The device was in communication error for (part of) the interval: the consumption of
  /// the interval is unknown (not zero). It is attributed to the interval where reading
  /// resumes, so totals stay right over time while the gap stays visible.
  bool gap = false;
  std::span<const StatSample> stats;  ///< empty when the device has no statistics
};

/// A row of the consumption pages: a load, a measure group, or a grand total.
struct AggregateSample {
  enum class Kind : std::uint8_t { Load, Group, ElectricityTotal, WaterTotal, GasTotal };
  Kind kind = Kind::Load;
  int id = 0;  ///< load or group id; 0 for totals
  const std::string* name = nullptr;
  double delta = 0.0;  ///< Wh (electricity) or dm3 (water, gas) over the interval
  double gasKWhEquivalent = 0.0;  ///< GasTotal only: delta x the gas conversion factor
  bool partial = false;  ///< a member device had a gap in the interval
};

/// Something that happened between samples: a status change, a counter correction, a command.
struct Event {
  Time at{};
  int deviceId = 0;    ///< 0: not about one device
  std::string kind;    ///< "status", "counter-wrap", "counter-reset", "meter-replaced", "command", ...
  std::string detail;  ///< human-readable
};

class SampleSink {
 public:
  virtual ~SampleSink() = default;
  /// Rows of instant t, in device-id order. Called once per sample instant.
  virtual void onSamples(Time t, std::span<const DeviceSample> samples) = 0;
  /// Aggregates of instant t (loads by id, groups by id, then the totals), after onSamples.
  virtual void onAggregates(Time /*t*/, std::span<const AggregateSample> /*aggregates*/) {}
  /// Events as they happen, in time order.
  virtual void onEvent(const Event& /*event*/) {}
};

}  // namespace ews::recording
