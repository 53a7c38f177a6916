#include "ews/site/multi_site.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "ews/kernel/clock.hpp"

namespace ews::site {

namespace {

/// A virtual gateway with active devices must be linked: in one engine nothing else answers it.
void checkLinked(const SimulatedSite& site, const std::vector<std::string>& linked, std::vector<Diagnostic>& problems) {
  const auto& gateways = site.scenario().installation.gateways;
  for (std::size_t g = 0; g < gateways.size(); ++g) {
    const installation::GatewaySpec& gateway = gateways[g];
    if (gateway.kind != installation::GatewayKind::Virtual || !gateway.on) continue;
    if (std::find(linked.begin(), linked.end(), gateway.name) != linked.end()) continue;
    const bool active = std::any_of(gateway.devices.begin(), gateway.devices.end(), [](const auto& d) { return d.on; });
    if (!active) continue;
    problems.push_back(Diagnostic{gateway.loc, fmt::format("installation.gateways[{}]", g),
                                  fmt::format("virtual gateway '{}' has no slave: in a run of several instances, name "
                                              "its slave's scenario file under `slaves:` (or switch it OFF)",
                                              gateway.name)});
  }
}

}  // namespace

MultiSite::MultiSite(scenario::InstanceSet hierarchy, const RunOverrides& overrides)
    : hierarchy_(std::move(hierarchy)) {
  if (hierarchy_.instances.empty()) throw std::invalid_argument("multi-site: no instance to run");
  const scenario::Scenario& top = hierarchy_.instances.front().scenario;
  start_ = top.run.start;
  const Duration duration = overrides.duration.value_or(top.run.duration);
  if (duration <= Duration::zero()) throw std::invalid_argument("run duration must be > 0");
  end_ = start_ + duration;
  engine_ = std::make_unique<Engine>(EngineConfig{start_, overrides.seed.value_or(top.run.seed)});
  if (overrides.clock.value_or(top.run.clock) == scenario::ClockMode::Wall) {
    engine_->setClock(std::make_unique<WallClock>(overrides.speed.value_or(top.run.speed)));
  }

  for (std::size_t i = 0; i < hierarchy_.instances.size(); ++i) {
    scenario::Scenario scenario = hierarchy_.instances[i].scenario;
    scenario.run.start = start_;
    scenario.run.duration = duration;
    // The top keeps the engine's own stream ids, as a single site; the others get a scope.
    sites_.push_back(std::make_unique<SimulatedSite>(std::move(scenario), *engine_,
                                                     i == 0 ? std::string() : fmt::format("instance{}/", i)));
    stacks_.push_back(std::make_unique<SimulatedStack>(*sites_.back()));
  }

  std::vector<std::vector<std::string>> linked(sites_.size());
  for (const scenario::InstanceReading& reading : hierarchy_.readings) {
    const stack::SlaveRegisters* served = stacks_[reading.slave]->ews().slaveRegisters();
    if (served == nullptr) {
      throw std::logic_error(fmt::format("slave '{}' has no Modbus TCP server (loadInstances checks this)",
                                         hierarchy_.instances[reading.slave].path));
    }
    const installation::Gateway* gateway = sites_[reading.master]->installation().findGateway(reading.gateway);
    if (gateway == nullptr) {
      throw std::logic_error(fmt::format("no gateway '{}' (the loader checks this)", reading.gateway));
    }
    slaveLinks_.push_back(std::make_unique<SlaveLink>(*served, fmt::format("slave '{}'", hierarchy_.instances[reading.slave].path)));
    lines_.push_back(std::make_unique<link::VirtualTimeLink>(*engine_, *slaveLinks_.back()));
    stacks_[reading.master]->ews().attachLine(*gateway, *lines_.back());
    linked[reading.master].push_back(reading.gateway);
  }
  std::vector<Diagnostic> problems;
  for (std::size_t i = 0; i < sites_.size(); ++i) checkLinked(*sites_[i], linked[i], problems);
  if (!problems.empty()) throw ValidationError(std::move(problems));
}

MultiSite::~MultiSite() = default;

void MultiSite::startStacks() {
  for (auto& stack : stacks_) stack->start();
}

}  // namespace ews::site
