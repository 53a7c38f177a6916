#pragma once
// Writes a ResultTable into a trace reopened without SWMR (Hdf5TraceWriter::close).
#include <hdf5.h>

#include <string>

#include "ews/stores/result_table.hpp"

namespace ews::stores::hdf5 {

/// Creates /<group> with the figures as attributes and /<group>/<table>/<column> datasets.
/// Throws StoreError naming `path` when a column's length differs from the first's.
void writeResultTable(hid_t file, const ResultTable& table, const std::string& path);

}  // namespace ews::stores::hdf5
