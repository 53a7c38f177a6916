#pragma once
// Builds the simulated device answering one unit of a line (addressing.hpp) from the
// installation, the device profiles and the power sources of the simulated site: the right
// behaviours per family bound to the profile's fields (docs/devices.md, "Families").
#include <functional>
#include <memory>

#include "ews/profiles/addressing.hpp"
#include "ews/devices/charging_point.hpp"
#include "ews/devices/identification.hpp"
#include "ews/devices/supply_point.hpp"
#include "ews/devices/alarm_flags.hpp"
#include "ews/devices/unit_device.hpp"
#include "ews/models/metered.hpp"
#include "ews/physics/charging_station.hpp"
#include "ews/profiles/profile_catalogue.hpp"

namespace ews::devices {

class EmsBus;

/// What the simulated site gives a configured device.
struct DeviceSource {
  /// What the device measures or counts (W, or dm3/h for water and gas); nullptr: nothing
  /// (a device without a sim binding still answers, with zero flows).
  const models::Metered* meter = nullptr;
  /// Charging stations: the physics the site steps and feeds with EV sessions; nullptr: an
  /// idle station of the device's own.
  physics::ChargingStation* station = nullptr;
  /// EMS CX3 modules and breakers: the measure threshold and installation errors they report.
  AlarmSettings alarms;
};

struct UnitContext {
  const profiles::ProfileCatalogue* profiles = nullptr;  ///< required
  /// Empty: every device is idle.
  std::function<DeviceSource(const installation::Device&)> sourceOf;
  std::uint64_t seed = 1;  ///< scenario seed: each device's own draws (voltages, harmonics) by name
  Time start{};            ///< the run's start: the physics' initial instant
  CommandScheduler scheduler;         ///< station commands in engine order; empty: at once
  /// The EMS CX3 modules of the gateway being built register here, for their links;
  /// nullptr: no links.
  EmsBus* emsBus = nullptr;
  /// What a device answers in its identification registers when the scenario makes it
  /// contradict its configuration; nullopt (or empty): its configured identity. A pulse
  /// counter's applies to the concentrator that hosts it.
  std::function<std::optional<ServedIdentity>(const installation::Device&)> identityOverride;
};

/// The simulated device of `unit`, or nullptr when no profile describes any of its devices
/// (models left unset: "Configuration", not polled, nothing answers). Throws std::logic_error
/// when a profile lists a quantity its device cannot compute, std::invalid_argument for a
/// module or a field that does not fit the address space.
std::unique_ptr<UnitDevice> makeUnit(const profiles::Unit& unit, const UnitContext& context);

}  // namespace ews::devices
