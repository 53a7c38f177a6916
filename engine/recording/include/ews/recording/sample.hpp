#pragma once
// What a recorder publishes at each sample instant (manual 7.16.4, default every 10 min):
// one row per recorded device. Observers (trace writers, history, Python) implement
// SampleSink and subscribe; models never call writers directly (DESIGN decision 8).
#include <cstdint>
#include <span>
#include <string>

#include "ews/installation/spec.hpp"
#include "ews/kernel/time.hpp"

namespace ews::recording {

struct DeviceSample {
  int deviceId = 0;  ///< the installation's stable device id (1-based)
  const std::string* deviceName = nullptr;
  installation::Medium medium = installation::Medium::Electricity;
  double counter = 0.0;  ///< cumulative at the sample instant: Wh (electricity) or dm3 (water, gas)
  double delta = 0.0;    ///< consumption over the sample interval, same unit
  double averageRate = 0.0;  ///< delta over the interval: W, or dm3/h
};

class SampleSink {
 public:
  virtual ~SampleSink() = default;
  /// Rows of instant t, in device-id order. Called once per sample instant.
  virtual void onSamples(Time t, std::span<const DeviceSample> samples) = 0;
};

}  // namespace ews::recording
