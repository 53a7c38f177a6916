#include "ews/site/simulated_stack.hpp"

#include "ews/stack/scenario_settings.hpp"

namespace ews::site {

SimulatedStack::SimulatedStack(SimulatedSite& site)
    : ews_(site.engine(), site.installation(), site.deviceProfiles(), site.zone(),
           stack::stackSettingsOf(site.scenario(), site.installation())) {
  for (const auto& line : site.links()) {
    lines_.push_back(std::make_unique<link::VirtualTimeLink>(site.engine(), *line.link));
    ews_.attachLine(*line.gateway, *lines_.back());
  }
}

}  // namespace ews::site
