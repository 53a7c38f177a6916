#include "ews/history/recorder.hpp"

#include <algorithm>

#include "aggregate_builder.hpp"
#include "held_value_stats.hpp"
#include "sample_grid.hpp"

namespace ews::history {

namespace {
using acquisition::DeviceStatus;
using acquisition::Quality;

constexpr double kSecondsPerHour = 3600.0;

bool recorded(const installation::Device& device) { return device.catalogue->measuresEnergy; }
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
        lastSample(eng.now()),
        engine(eng) {}

  DeviceTrack& trackFor(int deviceId, bool seenSinceIntervalStart);
  bool readable(int deviceId) const;
  void observe(Time t);
  void sample(Time t);
  void fillRow(const installation::Device& device, DeviceTrack& track, Time t, double intervalHours,
               recording::DeviceSample& row);

  const installation::Installation& installation;
  const acquisition::Measurements& measurements;
  const RecorderSettings settings;
  detail::AggregateBuilder aggregates;
  std::vector<DeviceTrack> tracks;  // by device id
  std::vector<recording::DeviceSample> rows;
  std::vector<recording::AggregateSample> aggregateRows;
  std::vector<recording::SampleSink*> sinks;
  Time lastSample;
  std::optional<Time> lastObserved;
  std::uint64_t samplesTaken = 0;
  Engine& engine;
  TaskId sampleTask;
  TaskId observeTask;
  std::unique_ptr<EventForwarder> eventForwarder;
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
  track.stats.assign(settings.statQuantities.size(), detail::HeldValueStats(lastSample));
  return *tracks.insert(it, std::move(track));
}

bool Recorder::Impl::readable(int deviceId) const {
  switch (measurements.status(deviceId)) {
    case DeviceStatus::On: return true;
    case DeviceStatus::CommunicationError: return false;
    // Off: not polled. Before its first reading that is the start-up of the acquisition, not
    // a loss: the counter counts from the first reading, so nothing is missed.
    case DeviceStatus::Off: return !measurements.consumption(deviceId).has_value();
  }
  return false;
}

void Recorder::Impl::observe(Time t) {
  if (lastObserved == t) return;
  lastObserved = t;
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
    if (const auto summary = track.stats[i].close(t)) {
      track.statRows.push_back({settings.statQuantities[i], summary->min, summary->max, summary->average});
    }
  }
  row.stats = track.statRows;
  track.gapInInterval = false;
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
  lastSample = t;
  ++samplesTaken;
  for (auto* sink : sinks) sink->onSamples(t, rows);
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
}

Recorder::~Recorder() {
  // The engine may outlive the recorder: its tasks must not call into a destroyed one.
  impl_->engine.cancelTask(impl_->sampleTask);
  impl_->engine.cancelTask(impl_->observeTask);
}

void Recorder::addSink(recording::SampleSink& sink) { impl_->sinks.push_back(&sink); }

recording::SampleSink& Recorder::eventInput() {
  if (!impl_->eventForwarder) impl_->eventForwarder = std::make_unique<EventForwarder>(*this);
  return *impl_->eventForwarder;
}

void Recorder::publish(const recording::Event& event) {
  for (auto* sink : impl_->sinks) sink->onEvent(event);
}

std::uint64_t Recorder::samplesTaken() const { return impl_->samplesTaken; }

const RecorderSettings& Recorder::settings() const { return impl_->settings; }

}  // namespace ews::history
