#pragma once
// The DLM KPIs only the simulation knows: what the vehicles wanted. The controller sees
// stations, not cars; the simulated site knows each car's battery and target, so after a run
// the energy requested, the energy requested but not delivered and the sessions that ended
// before their target (the vehicle left first) are filled from the stations' physics.
#include "ews/dlm/kpis.hpp"
#include "ews/site/simulated_site.hpp"

namespace ews::site {

/// Fills energyRequestedWh, energyUnmetWh and sessionsEndedEarly from the sessions that have
/// left by the site's current time (a vehicle still connected at the end of the run is not
/// counted: its outcome is not known yet).
void addGroundTruth(dlm::RunKpis& kpis, SimulatedSite& site);

}  // namespace ews::site
