#include "ews/profiles/addressing.hpp"

#include "ews/profiles/master_slave_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace ews::profiles {

namespace {

using installation::Device;
using installation::DeviceFamily;

bool isEms(DeviceFamily family) { return family == DeviceFamily::EmsMeasure || family == DeviceFamily::EmsStateControl; }

bool remoteEmsModule(const Device& device) { return device.interfaceAddress.has_value() && isEms(device.family); }

std::uint8_t checkedUnitId(const Device& device, int address) {
  if (address < 1 || address > 247) {
    throw std::invalid_argument(fmt::format("device '{}' has no Modbus unit id on an RS485 line (address {})",
                                            device.name, address));
  }
  return static_cast<std::uint8_t>(address);
}

UnitKind kindOf(const std::vector<const Device*>& devices) {
  for (const Device* device : devices) {
    if (remoteEmsModule(*device)) return UnitKind::EmsInterface;
    if (device->family == DeviceFamily::PulseCounter) return UnitKind::PulseHost;
    if (device->family == DeviceFamily::ChargingStation && device->catalogue->sidesShareAddress) {
      return UnitKind::StationSides;
    }
  }
  return UnitKind::Device;
}

bool isPulseHostCounter(const Device& device) {
  return device.family == DeviceFamily::EnergyCounter && device.catalogue->pulseInputCount > 0;
}

// Position in the unit's device list: a host counter first, then by position / side /
// module address, then by id (stable for everything else).
int orderKey(const Device& device) {
  if (device.family == DeviceFamily::PulseCounter) return device.position.value_or(0);
  if (device.side) return *device.side;
  if (remoteEmsModule(device)) return device.address;
  return 0;
}

}  // namespace

UnitAddress unitAddressOf(const Device& device) {
  if (device.family == DeviceFamily::WsMeasure) {
    // A virtual device reads one value of its slave's map: unit 247, the Remote ID's registers.
    const auto first = device.remoteId ? slaveRegisterOf(*device.remoteId) : std::nullopt;
    if (!first) {
      throw std::invalid_argument(fmt::format("virtual device '{}': Remote ID {} is not served by a slave's register map",
                                              device.name, device.remoteId.value_or(0)));
    }
    return UnitAddress{kSlaveUnitId, *first};
  }
  if (!remoteEmsModule(device)) return UnitAddress{checkedUnitId(device, device.address), 0};
  if (device.address < 1 || device.address > kMaxRemoteEmsModule) {
    throw std::invalid_argument(fmt::format(
        "EMS CX3 module '{}' at module address {} behind the interface at {}: the twin serves remote-addressed "
        "modules 1..{} (register windows of 0x{:04X})",
        device.name, device.address, *device.interfaceAddress, kMaxRemoteEmsModule, kEmsModuleStride));
  }
  return UnitAddress{checkedUnitId(device, *device.interfaceAddress),
                     static_cast<std::uint16_t>(device.address * kEmsModuleStride)};
}

std::shared_ptr<const RegisterMap> unitProfileOf(const installation::Installation& installation,
                                                           const ProfileCatalogue& profiles,
                                                           const Device& device) {
  if (device.family == DeviceFamily::PulseCounter) {
    for (const Device* other : installation.devicesOfGateway(installation.gatewayOf(device))) {
      if (isPulseHostCounter(*other) && other->address == device.address) return profiles.forDevice(*other);
    }
  }
  return profiles.forDevice(device);
}

std::string fieldPrefixOf(const Device& device, const RegisterMap& map) {
  if (device.family == DeviceFamily::PulseCounter && device.position) return fmt::format("position.{}.", *device.position);
  if (device.family == DeviceFamily::ChargingStation && map.find("side.1.station.state")) {
    return fmt::format("side.{}.", device.side.value_or(1));
  }
  return {};
}

std::vector<Unit> unitsOf(const installation::Installation& installation, const installation::Gateway& gateway) {
  if (gateway.kind == installation::GatewayKind::Virtual) return {};
  std::map<int, std::vector<const Device*>> byUnit;
  for (const Device* device : installation.devicesOfGateway(gateway)) {
    byUnit[unitAddressOf(*device).unitId].push_back(device);
  }
  std::vector<Unit> units;
  units.reserve(byUnit.size());
  for (auto& [unitId, devices] : byUnit) {
    std::stable_sort(devices.begin(), devices.end(), [](const Device* a, const Device* b) {
      // A pulse host (an energy counter among pulse counters) comes first.
      const bool hostA = a->family != DeviceFamily::PulseCounter;
      const bool hostB = b->family != DeviceFamily::PulseCounter;
      if (hostA != hostB) return hostA;
      return orderKey(*a) < orderKey(*b);
    });
    units.push_back(Unit{static_cast<std::uint8_t>(unitId), kindOf(devices), std::move(devices)});
  }
  return units;
}

std::string_view unitKindName(UnitKind kind) {
  switch (kind) {
    case UnitKind::Device: return "device";
    case UnitKind::PulseHost: return "pulse host";
    case UnitKind::StationSides: return "station sides";
    case UnitKind::EmsInterface: return "EMS interface";
  }
  return "unknown";
}

}  // namespace ews::profiles
