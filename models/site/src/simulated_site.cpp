#include "ews/site/simulated_site.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ews/installation/defaults.hpp"
#include "ews/kernel/clock.hpp"

namespace ews::site {

namespace {
scenario::Scenario withDefaultNames(scenario::Scenario scenario) {
  installation::applyDefaultNames(scenario.installation);
  return scenario;
}

Duration runDuration(const scenario::Scenario& scenario, const RunOverrides& overrides) {
  const Duration duration = overrides.duration.value_or(scenario.run.duration);
  if (duration <= Duration::zero()) throw std::invalid_argument("run duration must be > 0");
  return duration;
}

std::unique_ptr<Clock> makeClock(const scenario::Scenario& scenario, const RunOverrides& overrides) {
  const auto mode = overrides.clock.value_or(scenario.run.clock);
  if (mode == scenario::ClockMode::Virtual) return std::make_unique<VirtualClock>();
  return std::make_unique<WallClock>(overrides.speed.value_or(scenario.run.speed));
}

[[noreturn]] void brokenReference(const scenario::DeviceSimSpec& sim, const std::string& what) {
  // The loader checks these references; reaching here means a scenario built in code.
  throw ValidationError({Diagnostic{sim.loc, "sim", what}});
}
}  // namespace

SimulatedSite::SimulatedSite(scenario::Scenario scenario, const RunOverrides& overrides)
    : scenario_(withDefaultNames(std::move(scenario))),
      installation_(installation::Installation::build(scenario_.installation)),
      zone_(scenario_.ews.timezone),
      seed_(overrides.seed.value_or(scenario_.run.seed)),
      start_(scenario_.run.start),
      end_(start_ + runDuration(scenario_, overrides)),
      engine_(std::make_unique<Engine>(EngineConfig{start_, seed_})) {
  engine_->setClock(makeClock(scenario_, overrides));
  for (const auto& spec : scenario_.loadProfiles) {
    profiles_.push_back(std::make_unique<models::LoadProfile>(spec, zone_));
    profilesByName_.emplace(spec.name, profiles_.back().get());
  }
  for (const auto& sim : scenario_.deviceSims) simsByDevice_.emplace(sim.device, &sim);

  for (const auto& sim : scenario_.deviceSims) {
    const installation::Device* device = installation_.findDevice(sim.device);
    if (device == nullptr) brokenReference(sim, fmt::format("device '{}' does not exist", sim.device));
    const models::Metered& meter = meterFor(sim);
    // A device that is OFF (or on a gateway that is OFF) is not polled: nothing to record.
    if (installation_.isActive(*device)) {
      recorded_.push_back(RecordedDevice{device->id, device->name, device->medium, &meter});
    }
  }
  recorder_ = std::make_unique<SampleRecorder>(*engine_, scenario_.ews.sampleRate, recorded_);
}

const models::Metered& SimulatedSite::meterFor(const scenario::DeviceSimSpec& sim) {
  if (const auto built = metersByDevice_.find(sim.device); built != metersByDevice_.end()) return *built->second;

  const models::Metered* own = &idle_;
  if (!sim.profile.empty()) {
    const auto profile = profilesByName_.find(sim.profile);
    if (profile == profilesByName_.end()) brokenReference(sim, fmt::format("load profile '{}' does not exist", sim.profile));
    // The physical load keeps drawing whatever the EWS thinks of the device (ON/OFF only
    // changes what is polled), so every profile is stepped.
    auto load = std::make_unique<models::LoadModel>(sim.device, *profile->second, sim.scale,
                                                    engine_->rngFor(sim.device), start_);
    engine_->addStepped(*load, scenario_.run.controlPeriod);
    own = load.get();
    meters_.push_back(std::move(load));
  }
  if (!sim.downstream.empty()) {
    std::vector<const models::Metered*> parts;
    for (const auto& name : sim.downstream) {
      const auto part = simsByDevice_.find(name);
      if (part == simsByDevice_.end() || part->second == &sim) {
        brokenReference(sim, fmt::format("downstream device '{}' has no sim binding", name));
      }
      parts.push_back(&meterFor(*part->second));
    }
    meters_.push_back(std::make_unique<models::FeederMeter>(*own, std::move(parts)));
    own = meters_.back().get();
  }
  metersByDevice_.emplace(sim.device, own);
  return *own;
}

SimulatedSite::~SimulatedSite() = default;

bool SimulatedSite::runUntil(Time t) { return engine_->runUntil(std::min(t, end_)); }

std::map<int, double> SimulatedSite::counters() const {
  std::map<int, double> result;
  for (const auto& device : recorded_) result[device.deviceId] = device.meter->counterAt(engine_->now());
  return result;
}

}  // namespace ews::site
