#pragma once
// Lines for a SiteHost over a simulated site in virtual time: each gateway of the EWS's
// configuration polls its simulated line through a VirtualTimeLink (the twin `ews run --data`
// records, `ews serve` shows, and the tests of configuration changes). The simulated lines
// follow the configuration at each rebuild (site/configured_simulation.hpp): a gateway or
// device added by a change gets a simulated device with a default model, a removed one stops
// answering.
#include "ews/run/site_host.hpp"
#include "ews/site/simulated_site.hpp"

namespace ews::run {

/// `site` must outlive the factory and every line it makes.
LineFactory simulatedLines(site::SimulatedSite& site);

}  // namespace ews::run
