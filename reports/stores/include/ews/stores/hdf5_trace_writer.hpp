#pragma once
// The run trace as one HDF5 file (layout: docs/hdf5-trace.md): column datasets per
// quantity, [time x device] for device quantities, chunked with shuffle + deflate, appended
// with buffered whole-chunk writes and readable while being written (SWMR).
//
// Crash safety: the file is flushed at every flush interval (FlushPolicy); after a kill -9
// the file still opens and holds every sample up to the last flush. Mode::Resume reopens
// such a file (or a cleanly closed one), cuts rows a crash left half-written and continues;
// records at or before the last one written are refused and counted (rejectedRecords()).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "ews/recording/sample.hpp"
#include "ews/stores/flush_policy.hpp"
#include "ews/stores/result_table.hpp"
#include "ews/stores/run_info.hpp"
#include "ews/stores/store_layout.hpp"

namespace ews::stores {

// Outside the class: GCC cannot use a nested struct's default member initializers in a
// default argument of the enclosing class.
struct Hdf5TraceOptions {
  /// Sample rows per chunk; 0: about 64 KiB per chunk of the widest [time x device] column.
  std::size_t chunkRows = 0;
  /// everySamples 0: one chunk per flush (whole-chunk writes).
  FlushPolicy flush;
  unsigned deflateLevel = 3;  ///< 1..4 is the useful range for traces (speed vs size)
};

class Hdf5TraceWriter final : public recording::SampleSink {
 public:
  using Options = Hdf5TraceOptions;
  enum class Mode { Create, Resume };

  /// Create: a new file (an existing one is replaced). Resume: continue an existing trace of
  /// the same devices (`run` and `options.chunkRows` are then taken from the file).
  /// Throws StoreError naming the path and the HDF5 error stack.
  Hdf5TraceWriter(std::string path, const StoreLayout& layout, const RunInfo& run, Options options = {},
                  Mode mode = Mode::Create);
  ~Hdf5TraceWriter() override;  ///< closes (errors swallowed: call close() to see them)
  Hdf5TraceWriter(const Hdf5TraceWriter&) = delete;
  Hdf5TraceWriter& operator=(const Hdf5TraceWriter&) = delete;

  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override;
  void onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) override;
  void onEvent(const recording::Event& event) override;

  /// Figures of the whole run to store when the trace closes (/<group>, e.g. the DLM's KPIs).
  void addResults(ResultTable table);

  /// Writes every buffered row and flushes the file (SWMR readers then see them).
  void flush();
  /// Flushes, closes, and stamps /meta end_time_us and closed_cleanly. Idempotent.
  void close();

  const std::string& path() const;
  std::size_t chunkRows() const;
  std::size_t samplesPerFlush() const;
  std::uint64_t sampleRows() const;  ///< on disk and buffered
  std::optional<Time> lastSampleTime() const;
  /// Records refused because their time was not after the last one written (a resumed run
  /// replaying instants already stored), and why the last one was refused.
  std::uint64_t rejectedRecords() const;
  const std::string& lastRejection() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Clears the "open for writing" mark a writer killed in SWMR mode leaves in the file, so
/// that plain (non-SWMR) readers open it again — what HDF5's h5clear -s does. SWMR readers
/// and Mode::Resume do not need it. Throws StoreError.
void releaseCrashedTrace(const std::string& path);

}  // namespace ews::stores
