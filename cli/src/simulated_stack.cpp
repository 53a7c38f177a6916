#include "simulated_stack.hpp"

#include "run_outputs.hpp"

namespace ews::cli {

SimulatedStack::SimulatedStack(site::SimulatedSite& site)
    : ews_(site.engine(), site.installation(), site.deviceProfiles(), site.zone(),
           stackSettingsOf(site.scenario(), site.installation())) {
  for (const auto& line : site.links()) {
    lines_.push_back(std::make_unique<link::VirtualTimeLink>(site.engine(), *line.link));
    ews_.attachLine(*line.gateway, *lines_.back());
  }
}

}  // namespace ews::cli
