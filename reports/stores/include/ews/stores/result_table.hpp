#pragma once
// Figures computed once a run is over (the Green'Up DLM's KPIs and its sessions), stored in the
// HDF5 trace when it closes: the trace is SWMR while it records, and SWMR cannot create objects,
// so these are written after the file is reopened for its final stamp (docs/hdf5-trace.md).
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ews::stores {

struct ResultTable {
  struct Column {
    std::string name;
    std::variant<std::vector<double>, std::vector<std::int64_t>, std::vector<std::string>> values;
  };
  std::string group;  ///< "/<group>", e.g. "dlm"
  /// Attributes of the group, float64 (NaN: unknown).
  std::vector<std::pair<std::string, double>> figures;
  std::string table;            ///< "/<group>/<table>/" holds the columns, e.g. "sessions"
  std::vector<Column> columns;  ///< datasets of equal length, one row per entry
};

}  // namespace ews::stores
