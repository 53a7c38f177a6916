#pragma once
// Lines for a SiteHost over a simulated site in virtual time: each gateway of the EWS's
// configuration polls the simulated gateway of the same name through a VirtualTimeLink (the
// twin `ews run --data` records, and the tests of configuration changes). A gateway the
// simulated site does not have is not polled: its devices go to communication error.
#include "ews/run/site_host.hpp"
#include "ews/site/simulated_site.hpp"

namespace ews::run {

/// `site` must outlive every line the factory makes.
LineFactory simulatedLines(site::SimulatedSite& site);

}  // namespace ews::run
