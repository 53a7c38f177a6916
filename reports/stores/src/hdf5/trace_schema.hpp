#pragma once
// The trace's layout in one place (docs/hdf5-trace.md): which column datasets exist, their
// types, widths and chunking, and the fixed tables written at creation. The writer creates
// and reopens columns from this list only, so creation and resume cannot drift apart.
#include <cstddef>
#include <string>
#include <vector>

#include "ews/stores/run_info.hpp"
#include "ews/stores/store_layout.hpp"
#include "ews/tariff/plan.hpp"
#include "hdf5/hdf5_handle.hpp"

namespace ews::stores::hdf5 {

/// 2: cost datasets and the /tariffs group (docs/hdf5-trace.md). A version-1 trace cannot be
/// resumed (it lacks them).
inline constexpr std::int64_t kTraceFormatVersion = 2;
inline constexpr std::size_t kQuantityBytes = 48;  ///< /stats/quantity, fixed-size UTF-8
inline constexpr std::size_t kKindBytes = 32;      ///< /events/kind
inline constexpr std::size_t kDetailBytes = 256;   ///< /events/detail (longer text is cut)
inline constexpr std::size_t kGroupsPerDevice = 5;  ///< manual 7.16.1.3: at most 5 groups
/// The depth of the cost datasets: a cost per tariff position (manual 7.16.3.1: at most 5).
inline constexpr std::size_t kTariffSlots = tariff::kMaxTariffs;
inline constexpr std::size_t kStatsChunkRows = 4096;
inline constexpr std::size_t kEventsChunkRows = 512;
/// Value of /meta end_time_us while the trace is open or after a crash.
inline constexpr std::int64_t kNoEndTime = INT64_MIN;

/// The tables whose columns grow together (one row count each).
enum class Table { Samples, Stats, Aggregates, Events };

struct ColumnSpec {
  Table table = Table::Samples;
  std::string name;  ///< path from the root, e.g. "samples/counter"
  hid_t fileType = H5I_INVALID_HID;
  hid_t memoryType = H5I_INVALID_HID;
  std::size_t width = 1;
  bool matrix = false;
  std::size_t chunkRows = 1;
  std::size_t depth = 0;  ///< > 0: [rows x width x depth]
};

class TraceSchema {
 public:
  TraceSchema(const StoreLayout& layout, std::size_t sampleChunkRows, const std::string& path);
  const std::vector<ColumnSpec>& columns() const { return columns_; }

 private:
  Handle quantityType_;
  Handle kindType_;
  Handle detailType_;
  std::vector<ColumnSpec> columns_;
};

/// Rows per chunk giving about 64 KiB per chunk of a [time x devices] float64 column.
std::size_t defaultSampleChunkRows(std::size_t deviceCount);

/// Writes /meta, /devices, /loads, /groups, /tariffs and every (empty) column of `schema`
/// into a new file; nothing may be created once SWMR writing starts.
void createTraceContents(hid_t file, const StoreLayout& layout, const RunInfo& run, std::size_t sampleChunkRows,
                         unsigned deflateLevel, const TraceSchema& schema, const std::string& path);

/// Throws StoreError when the file's device table is not the layout's (resuming the trace
/// of another installation would put values under the wrong devices).
void checkDevicesMatch(hid_t file, const StoreLayout& layout, const std::string& path);

}  // namespace ews::stores::hdf5
