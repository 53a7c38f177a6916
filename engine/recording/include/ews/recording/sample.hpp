#pragma once
// What a recorder publishes at each sample instant (manual 7.16.4, default every 10 min):
// one row per recorded device, the aggregates of the consumption pages (per load, per measure
// group, grand totals), and the events in between. Observers (history, HDF5 trace, CSV tree,
// Python) implement SampleSink and subscribe; nobody calls writers directly (docs/design.md decision 8).
#include <cstdint>
#include <optional>
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
  /// Cost of `delta` (manual 7.16.3), in currency units, split by tariff: element k is what
  /// tariff k of the device's energy priced (its position in that energy's tariff list).
  /// Empty when the energy has no tariffs. Unknown, like delta, when `gap`.
  std::span<const double> costByTariff{};
  /// The part of `delta` (Wh or dm3) consumed when no cost rule, or no price, covered the
  /// time: reported, never priced at zero silently.
  double unpricedDelta = 0.0;
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
  /// The energy `delta` counts: a load or group adds the members of one medium only.
  installation::Medium medium = installation::Medium::Electricity;
  /// As DeviceSample::costByTariff and unpricedDelta, for this row's delta.
  std::span<const double> costByTariff{};
  double unpricedDelta = 0.0;
};

/// Something that happened between samples: a status change, a counter correction, a command.
struct Event {
  Time at{};
  int deviceId = 0;    ///< 0: not about one device
  std::string kind;    ///< "status", "counter-wrap", "counter-reset", "meter-replaced", "command", ...
  std::string detail;  ///< human-readable
};

/// Total harmonic distortion of one quantity at a sample instant: the latest Good reading of
/// `thd.<quantity>` (docs/register-maps.md), CSV tree <ID>_thd_ files.
struct ThdSample {
  int deviceId = 0;
  std::string_view quantity;  ///< "voltage.L1".."voltage.L3", "current.L1".."current.N"
  double thdPercent = 0.0;
};

/// Harmonic spectrum of one quantity at a sample instant: percent of the fundamental for ranks
/// firstRank, firstRank + 1, ... (the latest Good readings of `harmonic.<quantity>.h<rank>`).
struct HarmonicsSample {
  int deviceId = 0;
  std::string_view quantity;  ///< "voltage.L1", "current.L2", ...
  int firstRank = 2;
  std::span<const double> percentOfFundamental;
};

/// A state channel at a sample instant (breaker position and trip cause, EMS CX3 state
/// inputs and controlled-device feedback, power supervision inputs and outputs, charging
/// station state): the latest Good reading, under its quantity name.
struct StateSample {
  int deviceId = 0;
  std::string_view channel;  ///< e.g. "breaker.state", "state.input.1", "input.3", "output.2.state"
  int state = 0;             ///< the raw state value as read (0/1 for contacts; codes: register-maps.md)
};

/// The weekly EN 50160 check of a gateway's EQ device (manual 7.x "EQ device", 8.4.3.3), over
/// one local calendar week (Monday 00:00 to Monday 00:00). A documented SUBSET of EN 50160
/// computed from 10-minute means of what is polled (docs/history.md): supply voltage, THD of
/// the voltage and, when recorded, the frequency. No flicker, dips, swells, interruptions,
/// unbalance, individual harmonics or signalling voltages.
struct WeeklyQualityCheck {
  int deviceId = 0;
  std::string week;     ///< ISO week of the local Monday, "2026-W13"
  Time weekStart{};     ///< local Monday 00:00
  Time weekEnd{};       ///< next local Monday 00:00 (167 h, 168 h or 169 h later)
  int intervals = 0;    ///< 10-minute intervals in the week
  int voltageIntervals = 0;  ///< intervals with a mean of every phase voltage read
  std::optional<double> voltageInRangePercent;  ///< % of those with all phases within 230 V ± 10 %
  int thdIntervals = 0;
  std::optional<double> thdWithinLimitPercent;  ///< % with every phase's voltage THD <= 8 %
  int frequencyIntervals = 0;
  std::optional<double> frequencyInRangePercent;  ///< % within 50 Hz ± 1 %; empty: not recorded
  bool ok = false;
  std::string summary;  ///< "OK" or "KO (voltage 93.2 % < 95 %; ...)"
};

class SampleSink {
 public:
  virtual ~SampleSink() = default;
  /// Rows of instant t, in device-id order. Called once per sample instant.
  virtual void onSamples(Time t, std::span<const DeviceSample> samples) = 0;
  /// Aggregates of instant t (loads by id, groups by id, then the totals), after onSamples.
  virtual void onAggregates(Time /*t*/, std::span<const AggregateSample> /*aggregates*/) {}
  /// Power quality and states of instant t, after onSamples and before onAggregates, each in
  /// device-id order; only devices and channels with a Good reading.
  virtual void onThd(Time /*t*/, std::span<const ThdSample> /*samples*/) {}
  virtual void onHarmonics(Time /*t*/, std::span<const HarmonicsSample> /*samples*/) {}
  virtual void onStates(Time /*t*/, std::span<const StateSample> /*samples*/) {}
  /// A completed week's EN 50160 check of an EQ device, at the end of the week (followed by
  /// the "en50160" Event).
  virtual void onQualityCheck(const WeeklyQualityCheck& /*check*/) {}
  /// Events as they happen, in time order.
  virtual void onEvent(const Event& /*event*/) {}
};

}  // namespace ews::recording
