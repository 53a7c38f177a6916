#include "ews/site/simulated_site.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

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

  std::unordered_map<std::string, const models::LoadProfile*> profilesByName;
  for (const auto& spec : scenario_.loadProfiles) {
    profiles_.push_back(std::make_unique<models::LoadProfile>(spec, zone_));
    profilesByName.emplace(spec.name, profiles_.back().get());
  }

  for (const auto& sim : scenario_.deviceSims) {
    if (sim.profile.empty()) continue;
    const installation::Device* device = installation_.findDevice(sim.device);
    const auto profile = profilesByName.find(sim.profile);
    if (device == nullptr || profile == profilesByName.end()) {
      // The loader checks these references; reaching here means a scenario built in code.
      throw ValidationError({Diagnostic{sim.loc, "sim", fmt::format("device '{}' or profile '{}' does not exist",
                                                                     sim.device, sim.profile)}});
    }
    // A device that is OFF (or on a gateway that is OFF) is not polled: nothing to record.
    if (!installation_.isActive(*device)) continue;
    models_.push_back(std::make_unique<models::LoadModel>(device->name, *profile->second, sim.scale,
                                                          engine_->rngFor(device->name), start_));
    engine_->addStepped(*models_.back(), scenario_.run.controlPeriod);
    recorded_.push_back(RecordedDevice{device->id, device->name, device->medium, models_.back().get()});
  }
  recorder_ = std::make_unique<SampleRecorder>(*engine_, scenario_.ews.sampleRate, recorded_);
}

SimulatedSite::~SimulatedSite() = default;

bool SimulatedSite::runUntil(Time t) { return engine_->runUntil(std::min(t, end_)); }

std::map<int, double> SimulatedSite::counters() const {
  std::map<int, double> result;
  for (const auto& device : recorded_) result[device.deviceId] = device.model->counterAt(engine_->now());
  return result;
}

}  // namespace ews::site
