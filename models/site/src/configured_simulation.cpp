#include "ews/site/configured_simulation.hpp"

#include <fmt/format.h>

#include "ews/devices/station_settings.hpp"
#include "ews/devices/supply_point.hpp"
#include "ews/physics/ev_session.hpp"
#include "ews/profiles/addressing.hpp"
#include "ews/simlink/rs485_timing.hpp"

namespace ews::site {

namespace {
using installation::Device;
using installation::Gateway;

/// Where a physical device is: what makes two configurations' devices the same device.
std::string placeOf(const Gateway& gateway, const Device& device) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", gateway.name, static_cast<int>(device.family), device.model,
                     device.address, device.interfaceAddress.value_or(0), device.position.value_or(0),
                     device.side.value_or(0), static_cast<int>(device.medium), device.concentrator);
}

/// What makes a unit's simulated device answer the same: its devices' places and the settings
/// its behaviours are built from.
std::string signatureOf(const Gateway& gateway, const profiles::Unit& unit) {
  std::string signature = fmt::format("{}#{}#{}", gateway.name, unit.unitId, static_cast<int>(unit.kind));
  for (const Device* device : unit.devices) {
    signature += fmt::format("/{}|{}|{}", placeOf(gateway, *device), static_cast<int>(device->supply),
                             device->phase ? static_cast<int>(*device->phase) : -1);
    if (device->generic) {
      signature += fmt::format("|{}:{}:{}:{}", device->generic->functionCode, device->generic->registerAddress,
                               device->generic->words, device->generic->multiplier);
    }
  }
  return signature;
}

scenario::LoadProfileSpec dailyProfile(std::string name, std::vector<std::pair<Duration, double>> points) {
  scenario::LoadProfileSpec spec;
  spec.name = std::move(name);
  spec.kind = scenario::LoadProfileSpec::Kind::Daily;
  spec.dailyPointsW = std::move(points);
  spec.weekendFactor = 0.6;
  spec.noiseFraction = 0.05;
  return spec;
}
}  // namespace

scenario::LoadProfileSpec DefaultModels::electricity() {
  // A small office or shop circuit: low at night, a morning rise, a lunch dip, an evening peak.
  return dailyProfile("configured-electricity", {{hours(0), 400.0},
                                                 {hours(7), 2500.0},
                                                 {hours(12), 1800.0},
                                                 {hours(18), 3000.0},
                                                 {hours(22), 600.0}});
}

scenario::LoadProfileSpec DefaultModels::water() {
  return dailyProfile("configured-water", {{hours(0), 5.0}, {hours(7), 60.0}, {hours(13), 40.0}, {hours(19), 80.0}, {hours(23), 5.0}});
}

scenario::LoadProfileSpec DefaultModels::gas() {
  return dailyProfile("configured-gas", {{hours(0), 150.0}, {hours(6), 900.0}, {hours(10), 400.0}, {hours(18), 800.0}, {hours(22), 200.0}});
}

ConfiguredSimulation::ConfiguredSimulation(SimulatedSite& site) : site_(site) {
  for (const SiteLink& line : site_.links()) {
    std::array<models::SimDevice*, 248>& state = seedState_[line.link];
    for (std::size_t id = 1; id < state.size(); ++id) state[id] = line.link->attached(static_cast<std::uint8_t>(id));
    for (const profiles::Unit& unit : profiles::unitsOf(site_.installation(), *line.gateway)) {
      seedUnits_.emplace(signatureOf(*line.gateway, unit), site_.unit(*line.gateway, unit.unitId));
    }
    for (const Device* device : site_.installation().devicesOfGateway(*line.gateway)) {
      seedDevices_.emplace(placeOf(*line.gateway, *device), device);
    }
  }
}

ConfiguredSimulation::~ConfiguredSimulation() {
  if (settleTask_) site_.engine().cancelTask(*settleTask_);
  for (const auto& [link, state] : seedState_) serve(*link, state);
}

std::vector<FollowedLine> ConfiguredSimulation::follow(std::shared_ptr<const installation::Installation> installation,
                                                       const scenario::Scenario& scenario) {
  const bool dlmAuthorises = scenario.dlm.on && scenario.dlm.controlLogic;
  std::vector<FollowedLine> lines;
  for (const Gateway* gateway : installation->gateways()) {
    // Virtual gateways are slave web servers, not RS485 lines (as in SimulatedSite).
    if (gateway->kind == installation::GatewayKind::Virtual) continue;
    simlink::SimLink& link = lineOf(*gateway);
    std::array<models::SimDevice*, 248> units{};
    for (const profiles::Unit& unit : profiles::unitsOf(*installation, *gateway)) {
      units[unit.unitId] = deviceFor(*installation, *gateway, unit, installation, dlmAuthorises);
    }
    serve(link, units);
    lines.push_back(FollowedLine{gateway, &link});
  }
  return lines;
}

simlink::SimLink& ConfiguredSimulation::lineOf(const Gateway& gateway) {
  for (const SiteLink& line : site_.links()) {
    if (line.gateway->name == gateway.name) return *line.link;
  }
  std::unique_ptr<simlink::SimLink>& own = ownLines_[gateway.name];
  if (!own) {
    const Duration latency =
        gateway.kind == installation::GatewayKind::Local ? simlink::kLocalPortLatency : simlink::kIpGatewayLatency;
    own = std::make_unique<simlink::SimLink>(
        gateway.name, simlink::lineSettingsFrom(site_.scenario().ews.modbus),
        [engine = &site_.engine()] { return engine->now(); }, site_.engine().rngFor("configured-link:" + gateway.name),
        latency);
  }
  return *own;
}

models::SimDevice* ConfiguredSimulation::deviceFor(const installation::Installation& installation, const Gateway& gateway,
                                                   const profiles::Unit& unit,
                                                   const std::shared_ptr<const installation::Installation>& owner,
                                                   bool dlmAuthorises) {
  const std::string signature = signatureOf(gateway, unit);
  if (const auto seed = seedUnits_.find(signature); seed != seedUnits_.end()) return seed->second;
  if (const auto built = built_.find(signature); built != built_.end()) return built->second.device.get();

  devices::UnitContext context;
  context.profiles = &site_.deviceProfiles();
  context.seed = site_.seed();
  context.start = site_.engine().now();
  context.sourceOf = [&](const Device& device) { return sourceOf(installation, gateway, device, dlmAuthorises); };
  context.scheduler = [engine = &site_.engine()](Time at, std::function<void()> command) {
    engine->schedule(std::max(at, engine->now()), EventPhase::Input, std::move(command));
  };
  Built& built = built_[signature];
  built.installation = owner;
  built.device = devices::makeUnit(unit, context);
  if (built.device && built.device->settles() && !settleTask_) {
    // Breakers' protections and statistics integrate between polls (SimulatedSite does the
    // same for its own devices); only once such a device is built, so a site that follows its
    // seed pays nothing.
    // On the control steps' grid, as the models' steps.
    const Duration period = site_.scenario().run.controlPeriod;
    const Time first = site_.start() + period * ((site_.engine().now() - site_.start() + period - Duration{1}) / period);
    settleTask_ = site_.engine().every(period, first, EventPhase::Publish,
                                       [this](Time t) {
                                         for (auto& [key, unitBuilt] : built_) {
                                           if (unitBuilt.device && unitBuilt.device->settles()) unitBuilt.device->settle(t);
                                         }
                                       });
  }
  return built.device.get();
}

devices::DeviceSource ConfiguredSimulation::sourceOf(const installation::Installation& installation,
                                                     const Gateway& gateway, const Device& device, bool dlmAuthorises) {
  const std::string place = placeOf(gateway, device);
  if (const auto seed = seedDevices_.find(place); seed != seedDevices_.end()) return site_.sourceOf(*seed->second);
  devices::DeviceSource source;
  if (device.family == installation::DeviceFamily::ChargingStation) {
    source.station = &defaultStation(device, place, dlmAuthorises);
  } else {
    source.meter = &defaultLoad(installation, device, place);
  }
  return source;
}

const models::Metered& ConfiguredSimulation::defaultLoad(const installation::Installation& installation,
                                                         const Device& device, const std::string& place) {
  OwnLoad& load = loads_[place];
  if (load.model) return *load.model;
  const scenario::LoadProfileSpec spec = device.medium == installation::Medium::Water ? DefaultModels::water()
                                         : device.medium == installation::Medium::Gas ? DefaultModels::gas()
                                                                                      : DefaultModels::electricity();
  load.profile = std::make_unique<models::LoadProfile>(spec, site_.zone());
  RngStream draws(site_.seed(), "configured:" + place);
  const double scale = draws.uniform(0.5, 1.5);
  // Where it draws, as a seed device without `lines`: a single-phase meter on L1, else balanced.
  const auto map = profiles::unitProfileOf(installation, site_.deviceProfiles(), device);
  const models::LineSplit lines = map != nullptr && devices::isSinglePhaseMap(*map)
                                      ? models::LineSplit::single(0, models::kDefaultLoadPowerFactor)
                                      : models::LineSplit::balanced(models::kDefaultLoadPowerFactor);
  load.model = std::make_unique<models::LoadModel>("configured:" + place, *load.profile, scale,
                                                   site_.engine().rngFor("configured:" + place), site_.engine().now(),
                                                   nullptr, lines);
  site_.engine().addStepped(*load.model, site_.scenario().run.controlPeriod);
  return *load.model;
}

physics::ChargingStation& ConfiguredSimulation::defaultStation(const Device& device, const std::string& place,
                                                               bool dlmAuthorises) {
  std::unique_ptr<physics::ChargingStationModel>& model = stations_[place];
  if (model) return model->station();
  physics::StationSettings settings = devices::stationSettingsFor(device);
  // Under Green'Up DLM a vehicle waits for the EWS's authorisation (as at a seed station).
  settings.autoStart = !dlmAuthorises;
  const Time now = site_.engine().now();
  model = std::make_unique<physics::ChargingStationModel>("configured-station:" + place, settings, now);
  site_.engine().addStepped(*model, site_.scenario().run.controlPeriod);
  // One vehicle a day, the first a minute after the station is added (so a test sees it
  // charge at once), each staying 9 h to take 20 -> 90 % of a 50 kWh battery; its arrival
  // moves by up to 30 min a day, drawn from the seed and the station's place.
  RngStream draws(site_.seed(), "configured-sessions:" + place);
  for (int day = 0; day < DefaultModels::kStationDays; ++day) {
    physics::EvSession session;
    session.arrival = now + minutes(1) + days(day) + seconds(draws.uniformInt(0, day == 0 ? 0 : 1800));
    session.departure = session.arrival + hours(9);
    session.arrivalSocPct = 20.0;
    session.targetSocPct = 90.0;
    session.phases = settings.phases;
    session.maxChargePowerKW = physics::defaultMaxChargePowerKW(settings.phases);
    model->station().addSession(session);
  }
  return model->station();
}

void ConfiguredSimulation::serve(simlink::SimLink& link, const std::array<models::SimDevice*, 248>& units) {
  for (std::size_t id = 1; id < units.size(); ++id) {
    const auto unitId = static_cast<std::uint8_t>(id);
    if (link.attached(unitId) == units[id]) continue;
    link.detach(unitId);
    if (units[id] != nullptr) link.attach(unitId, *units[id]);
  }
}

}  // namespace ews::site
