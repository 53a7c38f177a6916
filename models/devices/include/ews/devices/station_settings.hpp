#pragma once
// What a configured Green'Up station is, physically: the settings of its physics model
// (docs/physics.md, "Integration notes") and whether it has a domestic socket. Used by the
// simulated site to build the station's model and by the unit factory to serve it.
#include "ews/installation/elements.hpp"
#include "ews/physics/charging_station.hpp"

namespace ews::devices {

/// Single-phase on its line when the device has a `phase` (as the scenario loader assumes
/// for its sessions), else three-phase; the catalogue's rated current (16 A / 32 A).
physics::StationSettings stationSettingsFor(const installation::Device& device);

/// False for the "mode 3" only models, which have no domestic (mode 2) socket: enabling it is
/// refused and it reads disabled. The catalogue says so in its description ("..., mode 3"
/// against "..., modes 2 and 3"); a `modes` capability in the catalogue would be sturdier.
bool hasDomesticSocket(const installation::Device& device);

}  // namespace ews::devices
