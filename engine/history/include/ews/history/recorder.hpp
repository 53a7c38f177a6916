#pragma once
// The EWS recorder (manual 7.16.4): at every sample instant it turns what the acquisition
// measured into one row per recorded device (consumption delta, gap flag, min/max/average
// statistics), the latest THD, harmonics and states of the devices that have them, and the
// aggregates of the consumption pages (per load, per measure group, Grand Total, water and gas
// totals, manual 8.2.2) with their costs per tariff (manual 7.16.3), and publishes them to its
// sinks. With a time zone it also runs the
// weekly EN 50160 check (a subset: docs/history.md) of each gateway's EQ device.
//
// It generalises models/site's SampleRecorder (ground truth of a simulated site) to polled
// measurements: the same sample grid, but counters may be missing, late or interrupted.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ews/acquisition/measurements.hpp"
#include "ews/installation/installation.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/recording/sample.hpp"
#include "ews/tariff/plan.hpp"

namespace ews::history {

/// Where a recorder continues from: the previous recorder of the same site (the stack rebuilt
/// after a configuration change) or the site database after a restart. Each device's
/// baseline is the consumption total its next delta counts from, so consumption is neither
/// lost nor counted twice across the change.
struct RecorderState {
  struct Track {
    int deviceId = 0;
    double baselineTotal = 0.0;
    /// The current interval was not watched throughout (a restart): its row is a gap and its
    /// consumption lands in the next one.
    bool gapInInterval = false;
  };
  Time lastSample{};  ///< the instant the current interval started
  std::vector<Track> tracks;  ///< by device id, ascending
};

/// The quantities whose statistics the EWS keeps when a device reports them.
std::vector<std::string> defaultStatQuantities();

struct RecorderSettings {
  Duration sampleRate = minutes(10);  ///< EwsSettings::sampleRate
  double gasKWhPerM3 = 11.2;          ///< EwsSettings::gasKWhPerM3
  /// How often the recorder looks at the measurements between samples, to notice a
  /// communication error and to follow the polled values for the statistics. Each reading
  /// it sees holds from its own timestamp to the next one, so a tick no longer than the
  /// poll period loses nothing; a longer one skips readings in between. Zero: look only at
  /// sample instants (no statistics, gaps seen only from the counter's timestamp).
  Duration statTick = seconds(10);
  std::vector<std::string> statQuantities = defaultStatQuantities();
  /// The site's time zone, for the local calendar weeks of the EN 50160 check of each
  /// gateway's EQ device (docs/history.md); must outlive the recorder. nullptr: no check.
  const TimeZone* zone = nullptr;
  /// The bill of consumptions (manual 7.16.3): every row is priced with it at each sample,
  /// per tariff (docs/tariffs.md). No tariffs: no costs. Pricing needs `zone` (rules are in
  /// local time). Replaced later with Recorder::setTariffs.
  tariff::TariffPlan tariffs;
  /// Continue from this state instead of starting afresh (devices not in it start at their
  /// first reading, as usual). Its lastSample must not be after the engine's now.
  std::optional<RecorderState> resumeFrom;
};

class Recorder {
 public:
  /// Sample instants are the multiples of the sample rate since the Unix epoch (10 min
  /// samples fall on xx:00, xx:10, ...), the first one after engine.now(); they run in the
  /// Publish phase, after every update of their instant. All references must outlive the
  /// recorder; the installation may change between samples (it is read at each sample).
  Recorder(Engine& engine, const installation::Installation& installation,
           const acquisition::Measurements& measurements, RecorderSettings settings);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  void addSink(recording::SampleSink& sink);
  /// Forwards an event (counter correction, command, ...) to every sink, so consumers have
  /// one subscription for rows and events alike.
  void publish(const recording::Event& event);
  /// A sink whose onEvent() is publish(), for producers that take a SampleSink* for their
  /// events: `poller.setEventSink(&recorder.eventInput())`. Rows given to it are ignored.
  recording::SampleSink& eventInput();

  /// A new bill of consumptions (prices or rules edited): samples from now on are priced
  /// with it; costs already published are never recomputed. Throws std::invalid_argument for
  /// an invalid plan (the current one then stays).
  void setTariffs(const tariff::TariffPlan& tariffs);

  /// Restarts a meter's own statistics (its stat.reset command): returns false when the
  /// device has none, else sends the command and calls `done(ok)` once it is written.
  using StatisticsReset = std::function<bool(int deviceId, std::function<void(bool ok)> done)>;
  /// After each sample the recorder resets the statistics of the meters that keep their own,
  /// and records theirs instead of the polled ones (docs/history.md). Unset: polled only.
  void setStatisticsReset(StatisticsReset reset);

  std::uint64_t samplesTaken() const;
  /// What a successor needs to continue without losing or repeating consumption.
  RecorderState state() const;
  /// The settings, with the tariffs in force.
  const RecorderSettings& settings() const;

 private:
  struct Impl;  // src/recorder.cpp
  std::unique_ptr<Impl> impl_;
};

}  // namespace ews::history
