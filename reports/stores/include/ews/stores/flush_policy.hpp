#pragma once
// When a store hands its buffered rows to the file. The flush interval is the crash-safety
// bound: after a kill -9 at most the rows since the last flush are lost (docs/hdf5-trace.md,
// docs/csv-tree.md). Whichever limit is reached first triggers the flush; both are checked
// when a sample instant arrives (no background thread), so a live site with a 10 min sample
// rate and a 10 s wall limit flushes every sample.
#include <chrono>
#include <cstddef>

namespace ews::stores {

struct FlushPolicy {
  /// Sample instants per flush; 0: the writer's natural unit (one HDF5 chunk, 1 CSV instant).
  std::size_t everySamples = 0;
  /// Wall-clock time between flushes; zero or negative: no wall-time limit.
  std::chrono::milliseconds everyWall{10'000};
};

}  // namespace ews::stores
