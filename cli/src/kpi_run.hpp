#pragma once
// One scenario run reduced to its DLM KPIs: what `ews sweep` tabulates per combination and what
// the Python module's Engine.kpis() and ews.sweep() return. In library ews_kpi_run, which both
// the `ews` executable and the Python module link.
#include <string>
#include <utility>
#include <vector>

#include "ews/scenario/scenario.hpp"

namespace ews::site {
class SimulatedSite;
}
namespace ews::stack {
class DlmRunner;
}

namespace ews::cli {

using KpiColumns = std::vector<std::pair<std::string, double>>;

/// The DLM KPIs of `dlm` up to the site's current time, with the ground truth only the
/// simulation knows (site::addGroundTruth), as named columns in dlm::kpiColumns' order.
KpiColumns kpiColumnsOf(const stack::DlmRunner& dlm, site::SimulatedSite& site);

/// Runs `scenario` in virtual time without writing files; its DLM KPIs as named columns. Thread-safe (one call per thread).
/// Throws std::invalid_argument when the scenario's DLM is OFF.
KpiColumns runForKpis(const scenario::Scenario& scenario);

}  // namespace ews::cli
