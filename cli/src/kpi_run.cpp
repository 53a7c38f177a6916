#include "kpi_run.hpp"

#include <stdexcept>

#include "ews/dlm/kpis.hpp"
#include "ews/site/dlm_ground_truth.hpp"
#include "ews/site/simulated_stack.hpp"

namespace ews::cli {

KpiColumns kpiColumnsOf(const stack::DlmRunner& dlm, site::SimulatedSite& site) {
  dlm::RunKpis kpis = dlm.kpis().finish(site.engine().now());
  site::addGroundTruth(kpis, site);
  return dlm::kpiColumns(kpis);
}

KpiColumns runForKpis(const scenario::Scenario& scenario) {
  site::SimulatedSite site(scenario);
  site::SimulatedStack twin(site);
  twin.start();
  site.runToEnd();
  const stack::DlmRunner* dlm = twin.ews().dlm();
  if (dlm == nullptr) throw std::invalid_argument("the scenario's DLM is OFF: a sweep has no KPIs to compare");
  return kpiColumnsOf(*dlm, site);
}

}  // namespace ews::cli
