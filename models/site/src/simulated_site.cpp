#include "ews/site/simulated_site.hpp"

#include "ews/profiles/identification.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "ews/profiles/addressing.hpp"
#include "ews/devices/ems_bus.hpp"
#include "ews/profiles/identification.hpp"
#include "ews/devices/station_settings.hpp"
#include "ews/devices/unit_factory.hpp"
#include "ews/installation/defaults.hpp"
#include "ews/kernel/clock.hpp"
#include "ews/physics/ev_session.hpp"
#include "ews/simlink/fault_window.hpp"
#include "ews/simlink/rs485_timing.hpp"

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
      ownedEngine_(std::make_unique<Engine>(EngineConfig{start_, seed_})),
      engine_(ownedEngine_.get()),
      deviceProfiles_(profiles::ProfileCatalogue::loadDirectory(profiles::defaultProfileDirectory())) {
  engine_->setClock(makeClock(scenario_, overrides));
  build();
}

SimulatedSite::SimulatedSite(scenario::Scenario scenario, Engine& engine, std::string scope)
    : scenario_(withDefaultNames(std::move(scenario))),
      installation_(installation::Installation::build(scenario_.installation)),
      zone_(scenario_.ews.timezone),
      seed_(scenario_.run.seed),
      start_(scenario_.run.start),
      end_(start_ + runDuration(scenario_, {})),
      engine_(&engine),
      scope_(std::move(scope)),
      deviceProfiles_(profiles::ProfileCatalogue::loadDirectory(profiles::defaultProfileDirectory())) {
  if (engine.now() != start_) {
    throw std::invalid_argument(fmt::format("site '{}' starts at {} but the shared engine is at {}", scenario_.name,
                                            formatUtc(start_), formatUtc(engine.now())));
  }
  build();
}

void SimulatedSite::build() {
  for (const auto& spec : scenario_.loadProfiles) {
    profiles_.push_back(std::make_unique<models::LoadProfile>(spec, zone_));
    profilesByName_.emplace(spec.name, profiles_.back().get());
    profileSpecs_.emplace(spec.name, &spec);
  }
  for (const auto& sim : scenario_.deviceSims) simsByDevice_.emplace(sim.device, &sim);
  buildStations();

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
  buildLines();
  addFaults();
  settleEachStep();
}

void SimulatedSite::buildStations() {
  // Every station has its physics, sim binding or not: it answers on its line either way.
  // Under Green'Up DLM a vehicle waits for the EWS's authorisation; otherwise it charges at once.
  const bool authorisedByDlm = scenario_.dlm.on && scenario_.dlm.controlLogic;
  for (const installation::Device* device : installation_.devices()) {
    if (device->family != installation::DeviceFamily::ChargingStation) continue;
    physics::StationSettings settings = devices::stationSettingsFor(*device);
    settings.autoStart = !authorisedByDlm;
    auto model = std::make_unique<physics::ChargingStationModel>(scope_ + device->name + "/station", settings, start_,
                                                                 &modelChanges_);
    engine_->addStepped(*model, scenario_.run.controlPeriod);
    stations_.emplace(device->name, std::move(model));
  }
  for (std::size_t i = 0; i < scenario_.sessions.size(); ++i) {
    const scenario::EvSessionSpec& spec = scenario_.sessions[i];
    const auto station = stations_.find(spec.station);
    if (station == stations_.end()) {
      throw ValidationError({Diagnostic{spec.loc, fmt::format("sessions[{}].station", i),
                                        fmt::format("'{}' is not a charging station", spec.station)}});
    }
    physics::ChargingStation& physics = station->second->station();
    try {
      physics.addSession(physics::evSessionFromSpec(spec, physics.settings().phases));
    } catch (const std::invalid_argument& error) {
      // E.g. a vehicle arriving before the run starts: refused with the entry's position.
      throw ValidationError({Diagnostic{spec.loc, fmt::format("sessions[{}]", i), error.what()}});
    }
  }
}

models::LoadModel& SimulatedSite::loadFor(const scenario::DeviceSimSpec& sim) {
  const auto shared = profilesByName_.find(sim.profile);
  if (shared == profilesByName_.end()) brokenReference(sim, fmt::format("load profile '{}' does not exist", sim.profile));
  const models::LoadProfile* profile = shared->second;
  if (profile->isPerDevice()) {
    // Office and home days are drawn per device (seed + device name + date).
    profiles_.push_back(std::make_unique<models::LoadProfile>(*profileSpecs_.at(sim.profile), zone_,
                                                              models::ProfileBinding{seed_, sim.device}));
    profile = profiles_.back().get();
  }
  // The physical load keeps drawing whatever the EWS thinks of the device (ON/OFF only
  // changes what is polled), so every profile is stepped.
  auto load = std::make_unique<models::LoadModel>(scope_ + sim.device, *profile, sim.scale, rngFor(sim.device), start_,
                                                  &modelChanges_, linesOf(sim));
  engine_->addStepped(*load, scenario_.run.controlPeriod);
  models::LoadModel& ref = *load;
  meters_.push_back(std::move(load));
  return ref;
}

models::LineSplit SimulatedSite::linesOf(const scenario::DeviceSimSpec& sim) const {
  if (sim.lineShares) return models::LineSplit::shares(*sim.lineShares, sim.powerFactor);
  // Not written: a single-phase meter's load on L1 (the line its own registers show), a
  // three-phase meter's balanced (docs/scenario-format.md).
  const installation::Device* device = installation_.findDevice(sim.device);
  const auto map = device != nullptr ? profiles::unitProfileOf(installation_, deviceProfiles_, *device) : nullptr;
  if (map != nullptr && devices::isSinglePhaseMap(*map)) return models::LineSplit::single(0, sim.powerFactor);
  return models::LineSplit::balanced(sim.powerFactor);
}

const models::Metered& SimulatedSite::meterFor(const scenario::DeviceSimSpec& sim) {
  if (const auto built = metersByDevice_.find(sim.device); built != metersByDevice_.end()) return *built->second;

  const models::Metered* own = &idle_;
  const auto station = stations_.find(sim.device);
  if (!sim.profile.empty()) {
    models::LoadModel& load = loadFor(sim);
    loadsByDevice_.emplace(sim.device, &load);
    if (station != stations_.end()) {
      // A station draws what its vehicles take; a profile given to it is its domestic socket.
      domesticFeeds_.push_back(DomesticFeed{&station->second->station(), &load});
    } else {
      own = &load;
    }
  }
  if (station != stations_.end()) own = station->second.get();
  if (!sim.downstream.empty()) {
    std::vector<const models::Metered*> parts;
    for (const auto& name : sim.downstream) {
      const auto part = simsByDevice_.find(name);
      if (part == simsByDevice_.end() || part->second == &sim) {
        brokenReference(sim, fmt::format("downstream device '{}' has no sim binding", name));
      }
      parts.push_back(&meterFor(*part->second));
    }
    meters_.push_back(std::make_unique<models::FeederMeter>(*own, std::move(parts), &modelChanges_));
    own = meters_.back().get();
  }
  metersByDevice_.emplace(sim.device, own);
  return *own;
}

void SimulatedSite::buildLines() {
  devices::UnitContext context;
  context.profiles = &deviceProfiles_;
  context.seed = seed_;
  context.start = start_;
  context.sourceOf = [this](const installation::Device& device) { return sourceOf(device); };
  context.identityOverride = [this](const installation::Device& device) -> std::optional<devices::ServedIdentity> {
    const auto sim = simsByDevice_.find(device.name);
    if (sim == simsByDevice_.end() || (sim->second->identifiesAs.empty() && !sim->second->firmware)) return std::nullopt;
    devices::ServedIdentity identity = devices::configuredIdentity(device);
    if (!sim->second->identifiesAs.empty()) identity.modelCode = profiles::modelCodeOf(sim->second->identifiesAs).value_or(0);
    identity.firmware = sim->second->firmware.value_or(identity.firmware);
    return identity;
  };
  // A link serves a request a few ms after the engine's now: a written command takes effect
  // at that instant, in the engine's order, before the models of that instant step.
  context.scheduler = [engine = engine_](Time at, std::function<void()> command) {
    engine->schedule(std::max(at, engine->now()), EventPhase::Input, std::move(command));
  };

  const simlink::LineSettings line = simlink::lineSettingsFrom(scenario_.ews.modbus);
  for (const installation::Gateway* gateway : installation_.gateways()) {
    // Virtual gateways are slave web servers, not RS485 lines: MultiSite links them to their
    // slaves in virtual time (multi_site.hpp), `ews live` over Modbus TCP.
    if (gateway->kind == installation::GatewayKind::Virtual) continue;
    const Duration latency =
        gateway->kind == installation::GatewayKind::Local ? simlink::kLocalPortLatency : simlink::kIpGatewayLatency;
    Line built{gateway,
               std::make_unique<simlink::SimLink>(gateway->name, line, [engine = engine_] { return engine->now(); },
                                                  rngFor("link:" + gateway->name), latency),
               {}};
    checkAddressable(*gateway);
    devices::EmsBus emsBus;  // the links hold on to the modules, not to the bus
    context.emsBus = &emsBus;
    for (const profiles::Unit& unit : profiles::unitsOf(installation_, *gateway)) {
      std::unique_ptr<devices::UnitDevice> device = devices::makeUnit(unit, context);
      if (!device) continue;  // no profile (model not set): nothing answers
      built.link->attach(unit.unitId, *device);
      if (device->settles()) settling_.push_back(device.get());
      built.units.emplace(unit.unitId, std::move(device));
    }
    programLinks(*gateway, emsBus);
    context.emsBus = nullptr;
    lines_.push_back(std::move(built));
  }
}

void SimulatedSite::programLinks(const installation::Gateway& gateway, devices::EmsBus& bus) const {
  for (const installation::Device* device : installation_.devicesOfGateway(gateway)) {
    const auto sim = simsByDevice_.find(device->name);
    if (sim == simsByDevice_.end() || sim->second->links.empty()) continue;
    // A module without a register map (model not set) does not answer: nothing to program.
    if (!profiles::unitProfileOf(installation_, deviceProfiles_, *device)) continue;
    try {
      bus.program(*device, sim->second->links);
    } catch (const std::invalid_argument& error) {
      const auto at = sim->second->fieldLocs.find("links");
      throw ValidationError({Diagnostic{at != sim->second->fieldLocs.end() ? at->second : sim->second->loc,
                                        "sim.links", error.what()}});
    }
  }
}

devices::AlarmSettings SimulatedSite::alarmsOf(const installation::Device& device) const {
  devices::AlarmSettings alarms;
  if (const auto sim = simsByDevice_.find(device.name); sim != simsByDevice_.end()) {
    alarms.currentLimitA = sim->second->alarmCurrentA;
  }
  for (const scenario::FaultSpec& fault : scenario_.faults) {
    if (fault.kind == scenario::FaultSpec::Kind::InstallationError && fault.target == device.name) {
      alarms.installationErrors.push_back({fault.from, fault.to});
    }
  }
  return alarms;
}

void SimulatedSite::checkAddressable(const installation::Gateway& gateway) const {
  std::vector<Diagnostic> problems;
  for (const installation::Device* device : installation_.devicesOfGateway(gateway)) {
    try {
      profiles::unitAddressOf(*device);
    } catch (const std::invalid_argument& error) {
      // An address the rules accept but the twin cannot serve (an EMS module beyond the
      // register windows): reported at the device's entry like any configuration error.
      for (std::size_t g = 0; g < scenario_.installation.gateways.size(); ++g) {
        const auto& devices = scenario_.installation.gateways[g].devices;
        for (std::size_t d = 0; d < devices.size(); ++d) {
          if (devices[d].name != device->name) continue;
          const auto loc = devices[d].fieldLocs.find("address");
          problems.push_back(Diagnostic{loc != devices[d].fieldLocs.end() ? loc->second : devices[d].loc,
                                        fmt::format("installation.gateways[{}].devices[{}].address", g, d),
                                        error.what()});
        }
      }
    }
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
}

void SimulatedSite::addFaults() {
  for (std::size_t i = 0; i < scenario_.faults.size(); ++i) {
    const scenario::FaultSpec& fault = scenario_.faults[i];
    // Reported by the device itself (its alarm bits, alarmsOf), not injected on the line.
    if (fault.kind == scenario::FaultSpec::Kind::InstallationError) continue;
    if (fault.kind == scenario::FaultSpec::Kind::GatewayDown) {
      const installation::Gateway* gateway = installation_.findGateway(fault.target);
      if (gateway == nullptr) {
        throw ValidationError({Diagnostic{fault.loc, fmt::format("faults[{}].target", i),
                                          fmt::format("no gateway named '{}'", fault.target)}});
      }
      if (gateway->kind == installation::GatewayKind::Virtual) continue;
      simLinkOf(*gateway).addFault(simlink::faultWindowFrom(fault, std::nullopt));
      continue;
    }
    const installation::Device* device = installation_.findDevice(fault.target);
    if (device == nullptr) {
      throw ValidationError({Diagnostic{fault.loc, fmt::format("faults[{}].target", i),
                                        fmt::format("no device named '{}'", fault.target)}});
    }
    const installation::Gateway& gateway = installation_.gatewayOf(*device);
    if (gateway.kind == installation::GatewayKind::Virtual) continue;
    // The fault hits the unit the device answers on: a pulse counter's fault hits its
    // concentrator (every position), an EMS module's its interface.
    simLinkOf(gateway).addFault(simlink::faultWindowFrom(fault, profiles::unitAddressOf(*device).unitId));
  }
}

void SimulatedSite::settleEachStep() {
  if (settling_.empty() && domesticFeeds_.empty()) return;
  engine_->every(scenario_.run.controlPeriod, start_, EventPhase::Publish, [this](Time t) {
    for (const DomesticFeed& feed : domesticFeeds_) feed.station->setDomesticLoad(t, feed.load->currentRate());
    for (devices::UnitDevice* device : settling_) device->settle(t);
  });
}

simlink::SimLink& SimulatedSite::simLinkOf(const installation::Gateway& gateway) {
  for (Line& line : lines_) {
    if (line.gateway == &gateway) return *line.link;
  }
  throw std::out_of_range(fmt::format("gateway '{}' has no simulated line (virtual gateway, or another site's)",
                                      gateway.name));
}

devices::UnitDevice* SimulatedSite::unit(const installation::Gateway& gateway, std::uint8_t unitId) {
  for (Line& line : lines_) {
    if (line.gateway != &gateway) continue;
    const auto found = line.units.find(unitId);
    return found == line.units.end() ? nullptr : found->second.get();
  }
  return nullptr;
}

std::vector<SiteLink> SimulatedSite::links() {
  std::vector<SiteLink> result;
  result.reserve(lines_.size());
  for (Line& line : lines_) result.push_back(SiteLink{line.gateway, line.link.get()});
  return result;
}

devices::DeviceSource SimulatedSite::sourceOf(const installation::Device& device) {
  devices::DeviceSource source;
  if (const auto meter = metersByDevice_.find(device.name); meter != metersByDevice_.end()) {
    source.meter = meter->second;
  }
  if (const auto station = stations_.find(device.name); station != stations_.end()) {
    source.station = &station->second->station();
  }
  source.alarms = alarmsOf(device);
  return source;
}

physics::ChargingStationModel* SimulatedSite::stationModel(const installation::Device& device) {
  const auto found = stations_.find(device.name);
  return found == stations_.end() ? nullptr : found->second.get();
}

std::vector<models::LoadModel*> SimulatedSite::loadsMeasuredBy(const installation::Device& device) {
  std::vector<models::LoadModel*> loads;
  collectLoads(device.name, loads);
  return loads;
}

void SimulatedSite::collectLoads(const std::string& deviceName, std::vector<models::LoadModel*>& loads) {
  const auto sim = simsByDevice_.find(deviceName);
  if (sim == simsByDevice_.end()) return;
  // The loader refuses downstream loops; a device under two branches counts once.
  if (const auto own = loadsByDevice_.find(deviceName);
      own != loadsByDevice_.end() && std::find(loads.begin(), loads.end(), own->second) == loads.end()) {
    loads.push_back(own->second);
  }
  for (const std::string& part : sim->second->downstream) collectLoads(part, loads);
}

physics::ChargingStation* SimulatedSite::domesticStationOf(const models::LoadModel& load) {
  for (const DomesticFeed& feed : domesticFeeds_) {
    if (feed.load == &load) return feed.station;
  }
  return nullptr;
}

SimulatedSite::~SimulatedSite() = default;

bool SimulatedSite::runUntil(Time t) { return engine_->runUntil(std::min(t, end_)); }

std::map<int, double> SimulatedSite::counters() const {
  std::map<int, double> result;
  for (const auto& device : recorded_) result[device.deviceId] = device.meter->counterAt(engine_->now());
  return result;
}

}  // namespace ews::site
