#include "ews/devices/unit_factory.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "ews/devices/alarm_flags.hpp"
#include "ews/devices/breaker_status.hpp"
#include "ews/devices/ems_bus.hpp"
#include "ews/devices/ems_control.hpp"
#include "ews/devices/measurement.hpp"
#include "ews/devices/pulse_inputs.hpp"
#include "ews/devices/station_settings.hpp"
#include "ews/devices/supervision_io.hpp"
#include "ews/devices/supply_setting.hpp"
#include "ews/devices/turnaround.hpp"
#include "ews/kernel/rng.hpp"
#include "ews/profiles/identification.hpp"

namespace ews::devices {

namespace {

using installation::Device;
using installation::DeviceFamily;
using MapPtr = std::shared_ptr<const profiles::RegisterMap>;

/// Supply voltages vary by up to +-1 % per device and phase (cable drops, transformer taps).
constexpr double kVoltageSpreadFraction = 0.01;

bool mapHasPrefix(const profiles::RegisterMap& map, std::string_view prefix) {
  for (const profiles::Field& field : map.fields()) {
    if (std::string_view(field.name).starts_with(prefix)) return true;
  }
  return false;
}

/// Whether the profile measures electricity (a breaker with counting or measurement).
bool measures(const profiles::RegisterMap& map) {
  return mapHasPrefix(map, "energy.") || mapHasPrefix(map, "voltage.") || mapHasPrefix(map, "current.");
}

std::string unitName(const profiles::Unit& unit) {
  std::string names;
  for (const Device* device : unit.devices) names += (names.empty() ? "" : ", ") + device->name;
  return fmt::format("unit {} ({})", unit.unitId, names);
}

class UnitBuilder {
 public:
  UnitBuilder(const profiles::Unit& unit, const UnitContext& context)
      : context_(context), device_(std::make_unique<UnitDevice>(unitName(unit), turnaroundOf(unit))) {}

  /// A device at its own address, or an EMS module at its window of the interface's unit.
  void plain(const Device& device, std::uint16_t offset) {
    const MapPtr map = context_.profiles->forDevice(device);
    if (!map) return;
    std::vector<Behaviour*> behaviours;
    switch (device.family) {
      case DeviceFamily::EnergyCounter:
      case DeviceFamily::MultifunctionMeter:
      case DeviceFamily::GenericModbus:
        behaviours.push_back(&measurement(device, sourceOf(device), *map));
        behaviours.push_back(&device_->add<PulseInputs>(&device));  // a pulse host with nothing wired
        break;
      case DeviceFamily::EmsMeasure: {
        Measurement& measured = measurement(device, sourceOf(device), *map);
        behaviours.push_back(&measured);
        behaviours.push_back(&device_->add<SupplySetting>(&device));
        behaviours.push_back(&device_->add<AlarmFlags>(&device, &measured, sources(device).alarms));
        break;
      }
      case DeviceFamily::EmsStateControl: {
        // The state modules watch a breaker that carries nothing the twin measures.
        auto& state = device_->add<BreakerStatus>(&device, physics::BreakerSettings{}, context_.start, nullptr,
                                                  SupplyPoint{});
        auto& control = device_->add<EmsControl>(&device);
        auto& links = device_->add<EmsLinkTable>(&device);
        behaviours.push_back(&state);
        behaviours.push_back(&control);
        behaviours.push_back(&links);
        behaviours.push_back(&device_->add<AlarmFlags>(&device, nullptr, sources(device).alarms));
        if (context_.emsBus != nullptr) {
          const bool controls = map->find("command.output.1").has_value();
          context_.emsBus->add(EmsBus::Module{&device, &links, controls ? &control : nullptr, &state});
        }
        break;
      }
      case DeviceFamily::Breaker: {
        const SupplyPoint point = supplyPointOf(device, *map);
        auto& status = device_->add<BreakerStatus>(&device, breakerSettingsFor(device), context_.start,
                                                   &sourceOf(device), point);
        behaviours.push_back(&status);
        Measurement* measured = measures(*map) ? &measurement(device, status.through(), *map) : nullptr;
        if (measured != nullptr) behaviours.push_back(measured);
        behaviours.push_back(&device_->add<SupplySetting>(&device));
        behaviours.push_back(&device_->add<AlarmFlags>(&device, measured, sources(device).alarms));
        break;
      }
      case DeviceFamily::PowerSupervision: behaviours.push_back(&device_->add<SupervisionIo>(&device)); break;
      case DeviceFamily::ChargingStation:
        behaviours.push_back(&chargingPoint(&device, device, profiles::fieldPrefixOf(device, *map)));
        break;
      case DeviceFamily::PulseCounter:  // always a PulseHost unit
      case DeviceFamily::WsMeasure: return;
    }
    behaviours.push_back(&identification(device, configuredIdentity(device)));
    device_->addWindow(map, offset, std::move(behaviours));
  }

  /// A concentrator, or an energy counter with pulse inputs, and the pulse counters it hosts.
  void pulseHost(const profiles::Unit& unit) {
    const Device* host = unit.devices.front()->family == DeviceFamily::PulseCounter ? nullptr : unit.devices.front();
    const MapPtr map = context_.profiles->forDevice(host != nullptr ? *host : *unit.devices.front());
    if (!map) return;
    std::vector<Behaviour*> behaviours;
    if (host != nullptr) {
      behaviours.push_back(&measurement(*host, sourceOf(*host), *map));
    } else if (measures(*map)) {
      // Counters name an energy counter with pulse inputs as their concentrator, but the
      // counter itself is not configured: it is there, measuring nothing the twin knows.
      behaviours.push_back(&device_->add<Measurement>(nullptr, device_->keep(std::make_unique<IdleSource>()),
                                                      SupplyPoint{}, physics::HarmonicsProfile(RngStream(
                                                                         context_.seed, device_->name() + "/harmonics")),
                                                      context_.scheduler));
    }
    auto& inputs = device_->add<PulseInputs>(host);
    for (const Device* counter : unit.devices) {
      if (counter->family != DeviceFamily::PulseCounter || !counter->position) continue;
      inputs.wire(*counter->position, sourceOf(*counter), pulseWeightOf(counter->medium));
    }
    behaviours.push_back(&inputs);
    // A concentrator is not a configured device: it says what its counters name as their host.
    const Device& first = *unit.devices.front();
    const ServedIdentity concentrator{
        profiles::modelCodeOf(DeviceFamily::PulseCounter, first.concentrator).value_or(0), kDefaultFirmware};
    behaviours.push_back(&identification(first, host != nullptr ? configuredIdentity(*host) : concentrator));
    device_->addWindow(map, 0, std::move(behaviours));
  }

  /// An old-range station whose two sides share the address: one charging point per side of
  /// the map, configured or not.
  void stationSides(const profiles::Unit& unit) {
    const Device& any = *unit.devices.front();
    const MapPtr map = context_.profiles->forDevice(any);
    if (!map) return;
    std::vector<Behaviour*> behaviours;
    for (int side = 1; side <= 2; ++side) {
      const std::string prefix = fmt::format("side.{}.", side);
      if (!map->find(prefix + "station.state")) continue;
      const Device* configured = nullptr;
      for (const Device* device : unit.devices) {
        if (device->side.value_or(1) == side) configured = device;
      }
      behaviours.push_back(&chargingPoint(configured, configured != nullptr ? *configured : any, prefix));
    }
    behaviours.push_back(&identification(any, configuredIdentity(any)));
    device_->addWindow(map, 0, std::move(behaviours));
  }

  std::unique_ptr<UnitDevice> take() {
    if (device_->windows().empty()) return nullptr;
    return std::move(device_);
  }

 private:
  DeviceSource sources(const Device& device) const {
    return context_.sourceOf ? context_.sourceOf(device) : DeviceSource{};
  }

  const PowerSource& sourceOf(const Device& device) {
    const DeviceSource source = sources(device);
    if (source.meter == nullptr) return device_->keep(std::make_unique<IdleSource>());
    return device_->keep(std::make_unique<MeteredSource>(*source.meter));
  }

  SupplyPoint supplyPointOf(const Device& device, const profiles::RegisterMap& map) const {
    SupplyPoint point;
    point.phases = isSinglePhaseMap(map) ? 1 : 3;
    RngStream rng(context_.seed, device.name + "/supply");
    for (Eigen::Index i = 0; i < 3; ++i) {
      point.voltageV(i) = physics::kNominalVoltageLnV * (1.0 + rng.uniform(-kVoltageSpreadFraction, kVoltageSpreadFraction));
    }
    point.supply = device.supply == installation::Supply::Downstream ? physics::SupplyDirection::Downstream
                                                                     : physics::SupplyDirection::Upstream;
    return point;
  }

  Measurement& measurement(const Device& device, const PowerSource& source, const profiles::RegisterMap& map) {
    return device_->add<Measurement>(&device, source, supplyPointOf(device, map),
                                     physics::HarmonicsProfile(RngStream(context_.seed, device.name + "/harmonics")),
                                     context_.scheduler);
  }

  /// The unit's identification registers: `configured`, unless the scenario overrides
  /// `device`'s identity.
  Identification& identification(const Device& device, ServedIdentity configured) {
    std::optional<ServedIdentity> served;
    if (context_.identityOverride) served = context_.identityOverride(device);
    return device_->add<Identification>(&device, served.value_or(configured));
  }

  /// `configured`: the device of this charging point (nullptr for an unconfigured side, which
  /// then takes `reference`'s settings).
  ChargingPoint& chargingPoint(const Device* configured, const Device& reference, std::string prefix) {
    physics::ChargingStation* station = configured != nullptr ? sources(*configured).station : nullptr;
    return device_->add<ChargingPoint>(configured, std::move(prefix), station, stationSettingsFor(reference),
                                       context_.start, hasDomesticSocket(reference), context_.scheduler);
  }

  const UnitContext& context_;
  std::unique_ptr<UnitDevice> device_;
};

}  // namespace

std::unique_ptr<UnitDevice> makeUnit(const profiles::Unit& unit, const UnitContext& context) {
  if (context.profiles == nullptr) throw std::invalid_argument("makeUnit: no profile catalogue");
  if (unit.devices.empty()) return nullptr;
  UnitBuilder builder(unit, context);
  switch (unit.kind) {
    case profiles::UnitKind::Device: builder.plain(*unit.devices.front(), 0); break;
    case profiles::UnitKind::PulseHost: builder.pulseHost(unit); break;
    case profiles::UnitKind::StationSides: builder.stationSides(unit); break;
    case profiles::UnitKind::EmsInterface:
      for (const Device* module : unit.devices) builder.plain(*module, profiles::unitAddressOf(*module).registerOffset);
      break;
  }
  return builder.take();
}

}  // namespace ews::devices
