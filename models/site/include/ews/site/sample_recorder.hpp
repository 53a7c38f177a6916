#pragma once
// Records the simulated devices' counters at the sample rate (manual 7.16.4) and publishes
// one row per device to the subscribed sinks, in the Publish phase, so every sample sees the
// state after all updates of its instant.
#include <cstdint>
#include <string>
#include <vector>

#include "ews/kernel/engine.hpp"
#include "ews/models/metered.hpp"
#include "ews/recording/sample.hpp"

namespace ews::site {

struct RecordedDevice {
  int deviceId;
  std::string name;
  installation::Medium medium;
  const models::Metered* meter;
};

class SampleRecorder {
 public:
  /// Sample instants are the multiples of `sampleRate` since the Unix epoch (so 10 min samples
  /// fall on xx:00, xx:10, ... like the EWS), the first one after `start`.
  SampleRecorder(Engine& engine, Duration sampleRate, std::vector<RecordedDevice> devices);

  void addSink(recording::SampleSink& sink) { sinks_.push_back(&sink); }
  std::uint64_t samplesTaken() const { return samplesTaken_; }

 private:
  void sample(Time t);

  std::vector<RecordedDevice> devices_;  // in device-id order
  std::vector<double> lastCounter_;
  std::vector<recording::DeviceSample> rows_;  // reused each sample
  std::vector<recording::SampleSink*> sinks_;
  Time lastSample_;
  std::uint64_t samplesTaken_ = 0;
};

}  // namespace ews::site
