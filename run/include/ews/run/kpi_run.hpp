#pragma once
// One scenario run reduced to its DLM KPIs: what `ews sweep` tabulates per combination and what
// the Python module's Engine.kpis() and ews.sweep() return. In library ews_kpi_run, which both
// the `ews` executable and the Python module link.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ews/scenario/scenario.hpp"

namespace ews::site {
class SimulatedSite;
}
namespace ews::stack {
class DlmRunner;
}

namespace ews::run {

using KpiColumns = std::vector<std::pair<std::string, double>>;

/// The DLM KPIs of `dlm` up to the site's current time, with the ground truth only the
/// simulation knows (site::addGroundTruth), as named columns in dlm::kpiColumns' order.
KpiColumns kpiColumnsOf(const stack::DlmRunner& dlm, site::SimulatedSite& site);

/// How a run reaches its KPIs (docs/dlm.md, "Direct and coalesced runs").
enum class KpiRunMode {
  Modbus,     ///< the EWS stack polling the simulated devices over their lines, as `ews run`
  Direct,     ///< the controller fed straight from the models, every control period
  Coalesced,  ///< the same, deciding only at the instants where something can change
};

/// "modbus", "direct", "coalesced"; nullopt for anything else.
std::optional<KpiRunMode> parseKpiRunMode(std::string_view name);

/// Runs `scenario` in virtual time without writing files; its DLM KPIs as named columns. Thread-safe (one call per thread).
/// Throws std::invalid_argument when the scenario's DLM is OFF.
KpiColumns runForKpis(const scenario::Scenario& scenario, KpiRunMode mode = KpiRunMode::Modbus);

}  // namespace ews::run
