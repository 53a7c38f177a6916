#pragma once
// What `ews run` and `ews live` write under --out, from the EWS stack's samples: trace.csv,
// trace.h5, the csv/ history tree, and the recorded totals that go into summary.json. One
// composition for both commands, so the twin's outputs and a live site's stay the same format.
#include <filesystem>
#include <string>

#include "ews/installation/installation.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/reports/trace_csv_writer.hpp"
#include "ews/scenario/scenario.hpp"
#include "ews/stack/ews_stack.hpp"
#include "ews/stores/csv_tree_writer.hpp"
#include "ews/stores/hdf5_trace_writer.hpp"
#include "ews/stores/store_layout.hpp"
#include "recorded_totals.hpp"

namespace ews::cli {

/// out/<scenario name, made file-name safe>.
std::string defaultOutDir(const scenario::Scenario& scenario);
/// Copies the scenario file as written (atomically), so an output folder says what produced it.
void copyScenario(const std::string& from, const std::filesystem::path& to);

class RunOutputs {
 public:
  /// Creates the writers under `outDir` (which must exist). `installation` and `zone` must
  /// outlive the object. `creator` names the command in the HDF5 metadata ("ews run").
  RunOutputs(const std::filesystem::path& outDir, const scenario::Scenario& scenario,
             const installation::Installation& installation, const TimeZone& zone, std::uint64_t seed, Time start,
             const std::string& creator);

  /// Subscribes every writer to the stack's samples and aggregates.
  void attachTo(stack::EwsStack& ews);
  /// Figures of the whole run stored in trace.h5 when it closes (the DLM's KPIs).
  void addResults(stores::ResultTable table) { hdf5_.addResults(std::move(table)); }
  /// Makes the files visible under their final names (without it partial files are discarded).
  void close();
  const RecordedTotals& recorded() const { return recorded_; }

 private:
  stores::StoreLayout layout_;  ///< first: the writers are built from it
  reports::TraceCsvWriter trace_;
  stores::Hdf5TraceWriter hdf5_;
  stores::CsvTreeWriter csvTree_;
  RecordedTotals recorded_;
};

}  // namespace ews::cli
