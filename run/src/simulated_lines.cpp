#include "ews/run/simulated_lines.hpp"

#include <memory>
#include <vector>

#include "ews/link/async_link.hpp"

namespace ews::run {

namespace {
class SimulatedLines final : public AttachedLines {
 public:
  std::vector<std::unique_ptr<link::VirtualTimeLink>> lines;
};
}  // namespace

LineFactory simulatedLines(site::SimulatedSite& site) {
  return [&site](const SiteConfig& config, stack::EwsStack& ews) {
    auto owned = std::make_unique<SimulatedLines>();
    for (const installation::Gateway* gateway : config.installation->gateways()) {
      for (const site::SiteLink& line : site.links()) {
        if (line.gateway->name != gateway->name) continue;
        owned->lines.push_back(std::make_unique<link::VirtualTimeLink>(site.engine(), *line.link));
        ews.attachLine(*gateway, *owned->lines.back());
      }
    }
    return std::unique_ptr<AttachedLines>(std::move(owned));
  };
}

}  // namespace ews::run
