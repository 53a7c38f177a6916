#pragma once
// The run's sample trace as CSV (trace.csv): one row per device per sample instant. The
// HDF5 trace of the acquisition issue will sit next to it; this file stays for spreadsheets.
#include <memory>
#include <string>

#include "ews/kernel/calendar.hpp"
#include "ews/recording/sample.hpp"
#include "ews/reports/atomic_file.hpp"
#include "ews/reports/csv_format.hpp"

namespace ews::reports {

class TraceCsvWriter final : public recording::SampleSink {
 public:
  /// `zone` renders the local time column and must outlive the writer.
  TraceCsvWriter(const std::string& path, CsvFormat format, const TimeZone& zone);

  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override;
  /// Makes the file visible under its final name. Without it the partial file is discarded.
  void close();
  std::uint64_t rowsWritten() const { return rows_; }

 private:
  AtomicFile file_;
  CsvFormat format_;
  const TimeZone* zone_;
  std::uint64_t rows_ = 0;
};

}  // namespace ews::reports
