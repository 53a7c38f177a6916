#pragma once
// The EWS CSV history tree (manual 8.4.3; files and columns: docs/csv-tree.md), rooted at a
// directory: devices/<ID>/<ID>_energy_YYYY-MM.csv (water/gas counters: _water_/_gas_),
// <ID>_stat_, _thd_, _harmonics_, _state_; eqcheck/ (weekly EN 50160 subset); energy/, water/, gas/ per devices, loads and
// groups with a configuration version, and their costs per tariff (_cost_); overallTotal/
// values and cost; settings/. Months are local months
// of the site; the date-time column is local time with its UTC offset.
//
// Crash safety: rows are appended by whole lines and flushed per FlushPolicy. Opening a tree
// cuts a truncated last line and continues every file after its last row: rows at or before
// it are refused and counted, so a restarted run never stores an instant twice.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "ews/kernel/calendar.hpp"
#include "ews/recording/sample.hpp"
#include "ews/reports/csv_format.hpp"
#include "ews/stores/flush_policy.hpp"
#include "ews/stores/store_layout.hpp"

namespace ews::stores {

// Outside the class: see Hdf5TraceOptions.
struct CsvTreeOptions {
  reports::CsvFormat format;  ///< manual 8.4.1: decimal ',' and field ';' by default
  /// everySamples 0: every sample instant (a CSV append is cheap).
  FlushPolicy flush;
  int decimals = 3;  ///< digits after the decimal separator (Wh, dm3)
  /// Digits of costs (currency units): a sample's cost is often a fraction of a cent.
  int costDecimals = 6;
};


class CsvTreeWriter final : public recording::SampleSink {
 public:
  using Options = CsvTreeOptions;

  /// Opens (or starts) the tree at `root`; `zone` must outlive the writer. Settles the
  /// configuration version from the settings folder. Throws StoreError.
  CsvTreeWriter(std::filesystem::path root, const StoreLayout& layout, const TimeZone& zone, Options options = {});
  ~CsvTreeWriter() override;  ///< flushes (errors swallowed: call flush() to see them)
  CsvTreeWriter(const CsvTreeWriter&) = delete;
  CsvTreeWriter& operator=(const CsvTreeWriter&) = delete;

  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override;
  void onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) override;
  // Events have no file in the manual's tree (state changes go to <ID>_state_): ignored.

  /// devices/<ID>/<ID>_thd_, _harmonics_, _state_ files.
  void onThd(Time t, std::span<const recording::ThdSample> samples) override;
  void onHarmonics(Time t, std::span<const recording::HarmonicsSample> samples) override;
  void onStates(Time t, std::span<const recording::StateSample> samples) override;
  /// eqcheck/<ID>_eqcheck_YYYY-Www.csv, written once (atomically) per device and week; a week
  /// already stored is kept as it is (a restarted run replaying it writes nothing).
  void onQualityCheck(const recording::WeeklyQualityCheck& check) override;

  /// The configuration changed (a load, group or device added, removed, renamed): writes a
  /// new settings version when the structure differs; later versioned rows go to _v<N+1> files.
  void updateLayout(const StoreLayout& layout);
  int configurationVersion() const;

  void flush();
  const std::filesystem::path& root() const;
  std::uint64_t rejectedRows() const;
  const std::string& lastRejection() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ews::stores
