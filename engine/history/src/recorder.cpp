#include "ews/history/recorder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>

#include "aggregate_builder.hpp"
#include "alarm_events.hpp"
#include "en50160_week.hpp"
#include "held_value_stats.hpp"
#include "meter_statistics.hpp"
#include "row_costs.hpp"
#include "sample_grid.hpp"

namespace ews::history {

namespace {
using acquisition::DeviceStatus;
using acquisition::Quality;

constexpr double kSecondsPerHour = 3600.0;

bool recorded(const installation::Device& device) { return device.catalogue->measuresEnergy; }

constexpr std::array<std::string_view, 7> kThdQuantities = {"voltage.L1", "voltage.L2", "voltage.L3", "current.L1",
                                                            "current.L2", "current.L3", "current.N"};
constexpr std::array<std::string_view, 6> kHarmonicQuantities = {"voltage.L1", "voltage.L2", "voltage.L3",
                                                                 "current.L1", "current.L2", "current.L3"};
constexpr int kFirstRank = 2, kLastRank = 25;
constexpr std::size_t kRanks = kLastRank - kFirstRank + 1;

/// The measurement names of THD and harmonics, built once.
struct QualityNames {
  QualityNames() {
    for (std::size_t k = 0; k < kThdQuantities.size(); ++k) thd[k] = fmt::format("thd.{}", kThdQuantities[k]);
    for (std::size_t k = 0; k < kHarmonicQuantities.size(); ++k) {
      for (std::size_t r = 0; r < kRanks; ++r) {
        harmonics[k][r] = fmt::format("harmonic.{}.h{}", kHarmonicQuantities[k], kFirstRank + static_cast<int>(r));
      }
    }
  }
  std::array<std::string, kThdQuantities.size()> thd;
  std::array<std::array<std::string, kRanks>, kHarmonicQuantities.size()> harmonics;
};

/// State channels of docs/register-maps.md: breaker.state, breaker.tripCause, state.input.N,
/// state.output.N (EMS CX3), input.N and output.N.state (power supervision), station.state.
bool isStateChannel(std::string_view name) {
  const auto startsWith = [name](std::string_view p) { return name.substr(0, p.size()) == p; };
  const auto endsWith = [name](std::string_view p) {
    return name.size() >= p.size() && name.substr(name.size() - p.size()) == p;
  };
  return name == "breaker.state" || name == "breaker.tripCause" || name == "station.state" ||
         startsWith("state.input.") || startsWith("state.output.") || startsWith("input.") ||
         (startsWith("output.") && endsWith(".state"));
}

/// What the EN 50160 check follows: voltages L1N..L3N, voltage THD L1..L3, frequency.
constexpr std::array<std::string_view, 7> kEqQuantities = {"voltage.L1N",    "voltage.L2N",    "voltage.L3N",
                                                           "thd.voltage.L1", "thd.voltage.L2", "thd.voltage.L3",
                                                           "frequency"};
}  // namespace

std::vector<std::string> defaultStatQuantities() {
  return {"power.active.total", "current.L1",  "current.L2",  "current.L3",
          "voltage.L1N",        "voltage.L2N", "voltage.L3N"};
}

/// What the recorder remembers of one device between samples.
struct DeviceTrack {
  int deviceId = 0;
  /// The consumption total the next delta counts from: the total at the last sample without
  /// a gap. Not advanced through a gap, so the consumption of the gap lands in the interval
  /// where reading resumes.
  double baselineTotal = 0.0;
  bool gapInInterval = false;
  std::vector<detail::HeldValueStats> stats;   // one per RecorderSettings::statQuantities
  std::vector<recording::StatSample> statRows;  // this sample's, referenced by its row
  detail::MeterStatistics own;                  // the meter's own statistics, when it has them
};

/// An EQ device under the weekly EN 50160 check: its 10-minute means and its week.
struct EqTrack {
  EqTrack(int id, const TimeZone& zone, Time start) : deviceId(id), week(zone, id) {
    stats.fill(detail::HeldValueStats(start));
  }
  int deviceId;
  std::array<detail::HeldValueStats, kEqQuantities.size()> stats;
  detail::En50160Week week;
};

/// Lets event producers reach the recorder's sinks through the SampleSink interface.
class EventForwarder final : public recording::SampleSink {
 public:
  explicit EventForwarder(Recorder& recorder) : recorder_(recorder) {}
  void onSamples(Time, std::span<const recording::DeviceSample>) override {}
  void onEvent(const recording::Event& event) override { recorder_.publish(event); }

 private:
  Recorder& recorder_;
};

struct Recorder::Impl {
  Impl(Engine& eng, const installation::Installation& inst, const acquisition::Measurements& meas,
       RecorderSettings recorderSettings)
      : installation(inst),
        measurements(meas),
        settings(std::move(recorderSettings)),
        aggregates(inst, settings.gasKWhPerM3),
        costs(settings.tariffs, settings.zone),
        lastSample(settings.resumeFrom ? settings.resumeFrom->lastSample : eng.now()),
        engine(eng) {}

  DeviceTrack& trackFor(int deviceId, bool seenSinceIntervalStart);
  bool readable(int deviceId) const;
  void observe(Time t);
  void sample(Time t);
  void publishQuality(Time t, const std::vector<const installation::Device*>& devices);
  void closeQualityInterval(Time t);
  void fillRow(const installation::Device& device, DeviceTrack& track, Time t, double intervalHours,
               recording::DeviceSample& row);

  const installation::Installation& installation;
  const acquisition::Measurements& measurements;
  RecorderSettings settings;  // fixed, but for the tariffs (setTariffs)
  detail::AggregateBuilder aggregates;
  detail::RowCosts costs;
  std::vector<DeviceTrack> tracks;  // by device id
  std::vector<recording::DeviceSample> rows;
  std::vector<recording::AggregateSample> aggregateRows;
  std::vector<recording::ThdSample> thdRows;
  std::vector<recording::HarmonicsSample> harmonicRows;
  std::vector<double> harmonicValues;  // harmonicRows' spans point into it
  std::vector<recording::StateSample> stateRows;
  std::deque<std::string> stateNames;  // stateRows' channel views point into it
  std::vector<EqTrack> eqTracks;
  std::vector<recording::SampleSink*> sinks;
  Time lastSample;
  std::optional<Time> lastObserved;
  std::uint64_t samplesTaken = 0;
  Engine& engine;
  TaskId sampleTask;
  TaskId observeTask;
  std::optional<TaskId> qualityTask;
  std::unique_ptr<EventForwarder> eventForwarder;
  Recorder::StatisticsReset resetStatistics;
  detail::AlarmEvents alarms;
};

DeviceTrack& Recorder::Impl::trackFor(int deviceId, bool seenSinceIntervalStart) {
  const auto it = std::lower_bound(tracks.begin(), tracks.end(), deviceId,
                                   [](const DeviceTrack& track, int id) { return track.deviceId < id; });
  if (it != tracks.end() && it->deviceId == deviceId) return *it;
  DeviceTrack track;
  track.deviceId = deviceId;
  // The counter counts from the device's first reading: what it holds now was consumed
  // before the recorder existed and belongs to no interval of ours.
  if (const auto consumption = measurements.consumption(deviceId)) track.baselineTotal = consumption->total;
  // A device that appears mid-interval was not watched over the whole interval.
  track.gapInInterval = !seenSinceIntervalStart;
  if (settings.resumeFrom) {
    const auto& resumed = settings.resumeFrom->tracks;
    const auto found = std::lower_bound(resumed.begin(), resumed.end(), deviceId,
                                        [](const RecorderState::Track& t, int id) { return t.deviceId < id; });
    if (found != resumed.end() && found->deviceId == deviceId) {
      track.baselineTotal = found->baselineTotal;
      track.gapInInterval = found->gapInInterval;
    }
  }
  track.stats.assign(settings.statQuantities.size(), detail::HeldValueStats(lastSample));
  return *tracks.insert(it, std::move(track));
}

bool Recorder::Impl::readable(int deviceId) const {
  switch (measurements.status(deviceId)) {
    case DeviceStatus::On: return true;
    case DeviceStatus::CommunicationError: return false;
    // What answers is another device: its values are not this device's history.
    case DeviceStatus::ConfigurationError: return false;
    // Off: not polled. Before its first reading that is the start-up of the acquisition, not
    // a loss: the counter counts from the first reading, so nothing is missed.
    case DeviceStatus::Off: return !measurements.consumption(deviceId).has_value();
  }
  return false;
}

void Recorder::Impl::observe(Time t) {
  if (lastObserved == t) return;
  lastObserved = t;
  // Alarm bits are looked at on every tick, so an alert does not wait for the next sample.
  for (const recording::Event& event : alarms.check(t, installation, measurements)) {
    for (auto* sink : sinks) sink->onEvent(event);
  }
  for (DeviceTrack& track : tracks) {
    if (!readable(track.deviceId)) {
      track.gapInInterval = true;
      for (auto& stats : track.stats) stats.interrupt(t);
      continue;
    }
    for (std::size_t i = 0; i < track.stats.size(); ++i) {
      const auto reading = measurements.latest(track.deviceId, settings.statQuantities[i]);
      // A stale value is an old one repeated: it was seen when it was fresh.
      if (reading && reading->quality == Quality::Good) track.stats[i].see(reading->value, reading->at);
    }
  }
  for (EqTrack& eq : eqTracks) {
    const bool ok = measurements.status(eq.deviceId) == DeviceStatus::On;
    for (std::size_t i = 0; i < eq.stats.size(); ++i) {
      if (!ok) {
        eq.stats[i].interrupt(t);
        continue;
      }
      const auto reading = measurements.latest(eq.deviceId, kEqQuantities[i]);
      if (reading && reading->quality == Quality::Good) eq.stats[i].see(reading->value, reading->at);
    }
  }
}

void Recorder::Impl::publishQuality(Time t, const std::vector<const installation::Device*>& devices) {
  thdRows.clear();
  harmonicRows.clear();
  harmonicValues.clear();
  stateRows.clear();
  stateNames.clear();
  const auto good = [this](int id, std::string_view quantity) -> std::optional<double> {
    const auto reading = measurements.latest(id, quantity);
    if (reading && reading->quality == Quality::Good) return reading->value;
    return std::nullopt;
  };
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // harmonicValues offset, count per row
  for (const installation::Device* device : devices) {
    if (!installation.isActive(*device) || measurements.status(device->id) != DeviceStatus::On) continue;
    const int id = device->id;
    static const QualityNames names;
    for (std::size_t k = 0; k < kThdQuantities.size(); ++k) {
      if (const auto v = good(id, names.thd[k])) thdRows.push_back({id, kThdQuantities[k], *v});
    }
    for (std::size_t k = 0; k < kHarmonicQuantities.size(); ++k) {
      const std::string_view q = kHarmonicQuantities[k];
      const std::size_t offset = harmonicValues.size();
      // Ranks from h2 up to the first one not read (a spectrum is contiguous).
      for (std::size_t r = 0; r < kRanks; ++r) {
        const auto v = good(id, names.harmonics[k][r]);
        if (!v) break;
        harmonicValues.push_back(*v);
      }
      if (harmonicValues.size() > offset) {
        harmonicRows.push_back({id, q, kFirstRank, {}});
        spans.emplace_back(offset, harmonicValues.size() - offset);
      }
    }
    for (const auto& [name, reading] : measurements.readings(id)) {
      if (reading.quality != Quality::Good || !isStateChannel(name)) continue;
      stateRows.push_back({id, stateNames.emplace_back(name), static_cast<int>(reading.value)});
    }
  }
  for (std::size_t i = 0; i < harmonicRows.size(); ++i) {
    harmonicRows[i].percentOfFundamental = std::span<const double>(harmonicValues).subspan(spans[i].first, spans[i].second);
  }
  if (!thdRows.empty()) for (auto* sink : sinks) sink->onThd(t, thdRows);
  if (!harmonicRows.empty()) for (auto* sink : sinks) sink->onHarmonics(t, harmonicRows);
  if (!stateRows.empty()) for (auto* sink : sinks) sink->onStates(t, stateRows);
}

void Recorder::Impl::closeQualityInterval(Time t) {
  observe(t);
  for (const installation::Gateway* gateway : installation.gateways()) {
    const installation::Device* eq = installation.eqDeviceOf(*gateway);
    if (eq == nullptr) continue;
    const bool known = std::any_of(eqTracks.begin(), eqTracks.end(),
                                   [eq](const EqTrack& track) { return track.deviceId == eq->id; });
    // A new EQ device is followed from now: its first 10 minutes are not known.
    if (!known) eqTracks.emplace_back(eq->id, *settings.zone, t);
  }
  for (EqTrack& eq : eqTracks) {
    detail::QualityMeans means;
    std::array<std::optional<double>, kEqQuantities.size()> averages;
    for (std::size_t i = 0; i < eq.stats.size(); ++i) {
      if (const auto summary = eq.stats[i].close(t)) averages[i] = summary->average;
    }
    for (std::size_t phase = 0; phase < 3; ++phase) {
      means.voltage[phase] = averages[phase];
      means.thd[phase] = averages[3 + phase];
    }
    means.frequency = averages[6];
    const auto check = eq.week.add(t, means);
    if (!check) continue;
    for (auto* sink : sinks) sink->onQualityCheck(*check);
    recording::Event event;
    event.at = t;
    event.deviceId = eq.deviceId;
    event.kind = "en50160";
    event.detail = "LAST WEEK EN50160 CHECK: " + check->summary;
    for (auto* sink : sinks) sink->onEvent(event);
  }
}

void Recorder::Impl::fillRow(const installation::Device& device, DeviceTrack& track, Time t, double intervalHours,
                             recording::DeviceSample& row) {
  const auto consumption = measurements.consumption(device.id);
  // Not updated since the previous sample: the interval's consumption is unknown.
  const bool updated = consumption && consumption->at > lastSample;
  // The contract says a total never decreases; if it ever does (an acquisition restarted
  // from zero), the interval is unknown and the baseline restarts from the new total.
  const bool wentBack = consumption && consumption->total < track.baselineTotal;
  const bool gap = track.gapInInterval || !updated || wentBack || !readable(device.id);

  row.deviceId = device.id;
  row.deviceName = &device.name;
  row.medium = device.medium;
  row.counter = consumption ? consumption->total : track.baselineTotal;
  row.gap = gap;
  row.delta = 0.0;
  if (wentBack) track.baselineTotal = consumption->total;
  if (!gap) {
    row.delta = consumption->total - track.baselineTotal;
    track.baselineTotal = consumption->total;
  }
  row.averageRate = intervalHours > 0.0 ? row.delta / intervalHours : 0.0;

  track.statRows.clear();
  for (std::size_t i = 0; i < track.stats.size(); ++i) {
    const std::string& quantity = settings.statQuantities[i];
    std::optional<detail::StatSummary> summary = track.stats[i].close(t);
    if (const auto own = track.own.summary(measurements, track.deviceId, quantity, t, summary)) summary = own;
    if (summary) track.statRows.push_back({quantity, summary->min, summary->max, summary->average});
  }
  row.stats = track.statRows;
  track.gapInInterval = false;
  // The next interval starts: a meter keeping its own statistics starts them afresh.
  if (resetStatistics) {
    const int deviceId = track.deviceId;
    const bool sent = resetStatistics(deviceId, [this, deviceId](bool ok) {
      trackFor(deviceId, true).own.resetDone(engine.now(), ok);
    });
    if (sent) track.own.resetSent();
  }
}

void Recorder::Impl::sample(Time t) {
  observe(t);
  const std::vector<const installation::Device*> devices = installation.devices();
  // Tracks first, so that the rows' stat spans are not moved by a later insertion.
  for (const installation::Device* device : devices) {
    if (recorded(*device)) trackFor(device->id, /*seenSinceIntervalStart=*/false);
  }
  // The first interval may be shorter than the sample rate when the run starts off-grid.
  const double intervalHours = toSeconds(t - lastSample) / kSecondsPerHour;
  rows.clear();
  for (const installation::Device* device : devices) {
    if (!recorded(*device)) continue;
    DeviceTrack& track = trackFor(device->id, true);
    if (!installation.isActive(*device)) {
      // Not polled, not shown: no row. Its first interval back is a gap, after which the
      // consumption counted meanwhile (if the counter kept it) lands in one interval.
      track.gapInInterval = true;
      for (auto& stats : track.stats) {
        stats.interrupt(t);
        stats.close(t);
      }
      continue;
    }
    fillRow(*device, track, t, intervalHours, rows.emplace_back());
  }
  aggregates.build(rows, aggregateRows);
  const std::vector<recording::Event> unpriced = costs.price(lastSample, t, rows, aggregateRows);
  lastSample = t;
  ++samplesTaken;
  for (const auto& event : unpriced) {
    for (auto* sink : sinks) sink->onEvent(event);
  }
  for (auto* sink : sinks) sink->onSamples(t, rows);
  publishQuality(t, devices);
  for (auto* sink : sinks) sink->onAggregates(t, aggregateRows);
}

Recorder::Recorder(Engine& engine, const installation::Installation& installation,
                   const acquisition::Measurements& measurements, RecorderSettings settings)
    : impl_(std::make_unique<Impl>(engine, installation, measurements, std::move(settings))) {
  for (const installation::Device* device : installation.devices()) {
    if (recorded(*device)) impl_->trackFor(device->id, /*seenSinceIntervalStart=*/true);
  }
  const Duration sampleRate = impl_->settings.sampleRate;
  impl_->sampleTask = engine.every(sampleRate, detail::firstSampleAfter(engine.now(), sampleRate), EventPhase::Publish,
                                   [impl = impl_.get()](Time t) { impl->sample(t); });
  const Duration tick = impl_->settings.statTick;
  if (tick > Duration::zero()) {
    // Also at start: the first interval's statistics begin with what is known then.
    impl_->observeTask =
        engine.every(tick, engine.now(), EventPhase::Publish, [impl = impl_.get()](Time t) { impl->observe(t); });
  }
  if (impl_->settings.zone != nullptr) {
    const Duration q = detail::kQualityInterval;
    impl_->qualityTask = engine.every(q, detail::firstSampleAfter(engine.now(), q), EventPhase::Publish,
                                      [impl = impl_.get()](Time t) { impl->closeQualityInterval(t); });
  }
}

Recorder::~Recorder() {
  // The engine may outlive the recorder: its tasks must not call into a destroyed one.
  impl_->engine.cancelTask(impl_->sampleTask);
  impl_->engine.cancelTask(impl_->observeTask);
  if (impl_->qualityTask) impl_->engine.cancelTask(*impl_->qualityTask);
}

void Recorder::addSink(recording::SampleSink& sink) { impl_->sinks.push_back(&sink); }

recording::SampleSink& Recorder::eventInput() {
  if (!impl_->eventForwarder) impl_->eventForwarder = std::make_unique<EventForwarder>(*this);
  return *impl_->eventForwarder;
}

void Recorder::publish(const recording::Event& event) {
  for (auto* sink : impl_->sinks) sink->onEvent(event);
}

void Recorder::setStatisticsReset(StatisticsReset reset) { impl_->resetStatistics = std::move(reset); }

void Recorder::setTariffs(const tariff::TariffPlan& tariffs) {
  impl_->costs.setPlan(tariffs);
  impl_->settings.tariffs = tariffs;
}

std::uint64_t Recorder::samplesTaken() const { return impl_->samplesTaken; }

RecorderState Recorder::state() const {
  RecorderState state;
  state.lastSample = impl_->lastSample;
  state.tracks.reserve(impl_->tracks.size());
  for (const DeviceTrack& track : impl_->tracks) state.tracks.push_back({track.deviceId, track.baselineTotal, track.gapInInterval});
  return state;
}

const RecorderSettings& Recorder::settings() const { return impl_->settings; }

}  // namespace ews::history
