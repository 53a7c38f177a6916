#pragma once
// Reads back the numeric tables of an HDF5 run trace (docs/hdf5-trace.md) for tools that look at
// finished runs (`ews compare`): a [time x column] matrix per quantity, with its instants and
// column names, and the Green'Up KPIs. Python users read the same file with h5py.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ews::stores {

/// One quantity of a trace: values[row * columns.size() + column], NaN where nothing is known.
struct TraceMatrix {
  std::string quantity;                ///< the dataset's path, e.g. "samples/delta"
  std::vector<std::int64_t> timesUs;   ///< the rows' instants
  std::vector<std::string> columns;    ///< "<id> <name>" of a device, load or group; "[k]" per tariff
  std::vector<double> values;

  double at(std::size_t row, std::size_t column) const { return values[row * columns.size() + column]; }
};

class TraceReader {
 public:
  /// Opens `path` read-only (a trace still written by a run is read as SWMR). Throws
  /// StoreError naming the path when it is not a trace.
  explicit TraceReader(const std::string& path);
  ~TraceReader();
  TraceReader(const TraceReader&) = delete;
  TraceReader& operator=(const TraceReader&) = delete;

  /// The numeric datasets of [time x ...] shape under /samples and /aggregates (not the gap
  /// and partial flags), in the file's order.
  std::vector<std::string> quantities() const;
  /// A quantity as a matrix; a 3-D dataset (costs by tariff) has one column per column and
  /// tariff position ("<name> [k]").
  TraceMatrix matrix(const std::string& quantity) const;
  /// The /dlm attributes (docs/dlm.md `kpiColumns`); empty without Green'Up.
  std::map<std::string, double> dlmKpis() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ews::stores
