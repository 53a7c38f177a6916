#pragma once
// The Green'Up DLM's KPIs of a run (docs/dlm.md, "KPIs"): printed by `ews run`, written into
// summary.json and, one row per charging session, into dlm_sessions.csv.
#include <string>
#include <vector>

#include "ews/dlm/kpis.hpp"
#include "ews/reports/json_writer.hpp"
#include "ews/stack/dlm_runner.hpp"
#include "ews/stores/result_table.hpp"

namespace ews::site {
class SimulatedSite;
}

namespace ews::cli {

struct DlmReport {
  dlm::RunKpis kpis;
  std::vector<dlm::SessionKpis> sessions;
  std::vector<std::string> stationNames;  ///< by station index
};

/// The runner's KPIs up to `end`; with `site`, the ground truth of what the vehicles wanted.
DlmReport dlmReportOf(const stack::DlmRunner& runner, Time end, site::SimulatedSite* site);
/// The KPIs as attributes of /dlm and one row per session under /dlm/sessions (trace.h5).
stores::ResultTable dlmResultTable(const DlmReport& report);
void writeDlmJson(reports::JsonWriter& json, const DlmReport& report);
/// One row per session (station, times in UTC ISO 8601, energies, wait, reductions, stops),
/// '.' decimals and ',' fields: a machine-readable table. Atomic write.
void writeDlmSessionsCsv(const std::string& path, const DlmReport& report);
void printDlmReport(const DlmReport& report);

}  // namespace ews::cli
