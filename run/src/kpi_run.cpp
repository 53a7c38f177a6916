#include "ews/run/kpi_run.hpp"

#include <stdexcept>

#include "ews/dlm/kpis.hpp"
#include "ews/site/dlm_ground_truth.hpp"
#include "ews/site/direct_dlm.hpp"
#include "ews/site/simulated_stack.hpp"
#include "ews/stack/dlm_config.hpp"

namespace ews::run {

KpiColumns kpiColumnsOf(const stack::DlmRunner& dlm, site::SimulatedSite& site) {
  dlm::RunKpis kpis = dlm.kpis().finish(site.engine().now());
  site::addGroundTruth(kpis, site);
  return dlm::kpiColumns(kpis);
}

std::optional<KpiRunMode> parseKpiRunMode(std::string_view name) {
  if (name == "modbus") return KpiRunMode::Modbus;
  if (name == "direct") return KpiRunMode::Direct;
  if (name == "coalesced") return KpiRunMode::Coalesced;
  return std::nullopt;
}

namespace {
KpiColumns runDirect(const scenario::Scenario& scenario, site::DirectMode mode) {
  site::SimulatedSite site(scenario);
  auto dlm = stack::dlmRunnerSettingsOf(site.scenario(), site.installation());
  if (!dlm) throw std::invalid_argument("the scenario's DLM is OFF: a sweep has no KPIs to compare");
  site::DirectDlmRun run(site, site::DirectDlmSettings{.dlm = std::move(*dlm), .mode = mode});
  run.runToEnd();
  return dlm::kpiColumns(run.finish());
}
}  // namespace

KpiColumns runForKpis(const scenario::Scenario& scenario, KpiRunMode mode) {
  if (mode == KpiRunMode::Direct) return runDirect(scenario, site::DirectMode::StepByStep);
  if (mode == KpiRunMode::Coalesced) return runDirect(scenario, site::DirectMode::Coalesced);
  site::SimulatedSite site(scenario);
  site::SimulatedStack twin(site);
  twin.start();
  site.runToEnd();
  const stack::DlmRunner* dlm = twin.ews().dlm();
  if (dlm == nullptr) throw std::invalid_argument("the scenario's DLM is OFF: a sweep has no KPIs to compare");
  return kpiColumnsOf(*dlm, site);
}

}  // namespace ews::run
