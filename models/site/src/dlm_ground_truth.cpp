#include "ews/site/dlm_ground_truth.hpp"

namespace ews::site {

void addGroundTruth(dlm::RunKpis& kpis, SimulatedSite& site) {
  double requestedWh = 0.0;
  double unmetWh = 0.0;
  int endedEarly = 0;
  for (const installation::Device* device : site.installation().devices()) {
    const physics::ChargingStationModel* model = site.stationModel(*device);
    if (model == nullptr) continue;
    for (const physics::SessionOutcome& outcome : model->station().outcomes()) {
      requestedWh += outcome.wantedWh;
      unmetWh += std::max(0.0, outcome.wantedWh - outcome.deliveredWh);
      if (outcome.end == physics::ChargeEnd::Departure) ++endedEarly;
    }
  }
  kpis.energyRequestedWh = requestedWh;
  kpis.energyUnmetWh = unmetWh;
  kpis.sessionsEndedEarly = endedEarly;
}

}  // namespace ews::site
