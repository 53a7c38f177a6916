#include "ews/run/simulated_lines.hpp"

#include <memory>
#include <vector>

#include "ews/link/async_link.hpp"
#include "ews/site/configured_simulation.hpp"

namespace ews::run {

namespace {
class SimulatedLines final : public AttachedLines {
 public:
  std::vector<std::unique_ptr<link::VirtualTimeLink>> lines;
};
}  // namespace

LineFactory simulatedLines(site::SimulatedSite& site) {
  // Shared by the factory's copies; it lives as long as the host that calls it.
  auto simulation = std::make_shared<site::ConfiguredSimulation>(site);
  return [&site, simulation](const SiteConfig& config, stack::EwsStack& ews) {
    auto owned = std::make_unique<SimulatedLines>();
    for (const site::FollowedLine& line : simulation->follow(config.installation, *config.scenario)) {
      owned->lines.push_back(std::make_unique<link::VirtualTimeLink>(site.engine(), *line.link));
      ews.attachLine(*line.gateway, *owned->lines.back());
    }
    return std::unique_ptr<AttachedLines>(std::move(owned));
  };
}

}  // namespace ews::run
