#include "ews/site/sample_recorder.hpp"

#include <algorithm>

namespace ews::site {

namespace {
constexpr double kSecondsPerHour = 3600.0;

Time firstAlignedAfter(Time start, Duration period) {
  const std::int64_t periodMicros = period.count();
  const std::int64_t startMicros = toMicros(start);
  // Floor division that is also right for instants before the epoch.
  std::int64_t index = startMicros / periodMicros;
  if (startMicros % periodMicros < 0) --index;
  return timeFromMicros((index + 1) * periodMicros);
}
}  // namespace

SampleRecorder::SampleRecorder(Engine& engine, Duration sampleRate, std::vector<RecordedDevice> devices)
    : devices_(std::move(devices)), lastCounter_(devices_.size(), 0.0), lastSample_(engine.now()) {
  std::sort(devices_.begin(), devices_.end(),
            [](const RecordedDevice& a, const RecordedDevice& b) { return a.deviceId < b.deviceId; });
  rows_.resize(devices_.size());
  for (std::size_t i = 0; i < devices_.size(); ++i) {
    rows_[i].deviceId = devices_[i].deviceId;
    rows_[i].deviceName = &devices_[i].name;
    rows_[i].medium = devices_[i].medium;
    lastCounter_[i] = devices_[i].meter->counterAt(engine.now());
  }
  engine.every(sampleRate, firstAlignedAfter(engine.now(), sampleRate), EventPhase::Publish,
               [this](Time t) { sample(t); });
}

void SampleRecorder::sample(Time t) {
  // The first interval may be shorter than the sample rate when the run starts off-grid.
  const double intervalHours = toSeconds(t - lastSample_) / kSecondsPerHour;
  for (std::size_t i = 0; i < devices_.size(); ++i) {
    const double counter = devices_[i].meter->counterAt(t);
    rows_[i].counter = counter;
    rows_[i].delta = counter - lastCounter_[i];
    rows_[i].averageRate = intervalHours > 0.0 ? rows_[i].delta / intervalHours : 0.0;
    lastCounter_[i] = counter;
  }
  lastSample_ = t;
  ++samplesTaken_;
  for (auto* sink : sinks_) sink->onSamples(t, rows_);
}

}  // namespace ews::site
