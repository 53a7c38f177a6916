#pragma once
// Decides when a writer's buffered rows are due (FlushPolicy: sample count or wall time).
#include <algorithm>
#include <chrono>
#include <cstddef>

#include "ews/stores/flush_policy.hpp"

namespace ews::stores {

class FlushClock {
 public:
  /// `naturalSamples` replaces a policy count of 0 (HDF5: one chunk; CSV: every instant).
  FlushClock(FlushPolicy policy, std::size_t naturalSamples)
      : samplesPerFlush_(policy.everySamples > 0 ? policy.everySamples : std::max<std::size_t>(naturalSamples, 1)),
        wallInterval_(policy.everyWall),
        lastFlush_(std::chrono::steady_clock::now()) {}

  /// Counts one sample instant; true when a flush is due.
  bool countSample() {
    ++samplesSinceFlush_;
    if (samplesSinceFlush_ >= samplesPerFlush_) return true;
    return wallInterval_.count() > 0 && std::chrono::steady_clock::now() - lastFlush_ >= wallInterval_;
  }
  void flushed() {
    samplesSinceFlush_ = 0;
    lastFlush_ = std::chrono::steady_clock::now();
  }
  std::size_t samplesPerFlush() const { return samplesPerFlush_; }

 private:
  std::size_t samplesPerFlush_;
  std::chrono::milliseconds wallInterval_;
  std::chrono::steady_clock::time_point lastFlush_;
  std::size_t samplesSinceFlush_ = 0;
};

}  // namespace ews::stores
