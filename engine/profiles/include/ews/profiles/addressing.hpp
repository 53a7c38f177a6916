#pragma once
// Where a configured device answers on its RS485 line, and which simulated units a gateway's
// line carries (docs/devices.md, "Addressing"). The simulated devices and the acquisition
// both use these functions, so a poller asks exactly the unit and registers the twin serves.
//
// - A plain device answers at its own address; its registers are those of its profile.
// - Pulse counters have no Modbus port: they are read at their concentrator's (or host
//   energy counter's) address, in that unit's position.<N>.* fields.
// - The two sides of an old-range station share one address; each reads side.<N>.* fields.
// - EMS CX3 modules in remote addressing ("module-interface", manual 7.16.1.3) answer at the
//   interface's address; module m's registers are its profile's shifted by m x 0x0400.
// - Everything that owns a unit id on a line is one simulated device (one SimDevice).
// - A WSMEASURE device of a virtual gateway reads one value of the slave's served map.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ews/installation/installation.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/profiles/register_map.hpp"

namespace ews::profiles {

/// Register window of one EMS CX3 module behind an interface in remote addressing: module m
/// answers at m x kEmsModuleStride + (its profile's address), in every address space. 0x400
/// holds a module's measurement block (input registers 0x0000-0x0203); its settings
/// (holding registers at 0x1000) fall in another module's window of the holding-register
/// space, where no module has a register. 0x1000 would not fit: module 15 would end past
/// 0xFFFF, and the reference site uses modules 14-19.
inline constexpr std::uint16_t kEmsModuleStride = 0x0400;
/// The highest module address whose shifted EMS CX3 profile still fits the 16-bit address
/// space (the supply setting at 0x1000 sets the bound: 59 x 0x400 + 0x1000 = 0xFC00).
inline constexpr int kMaxRemoteEmsModule = 59;

struct UnitAddress {
  std::uint8_t unitId = 0;           ///< Modbus unit id on the gateway's line (1..247)
  std::uint16_t registerOffset = 0;  ///< added to every profile address (EMS remote addressing)
  friend bool operator==(const UnitAddress&, const UnitAddress&) = default;
};

/// Where `device` answers. A WSMEASURE device answers at its slave's unit 247, its register
/// offset being its Remote ID's value (master_slave_map.hpp). Throws std::invalid_argument for
/// a Remote ID the slave's map does not serve or a remote EMS module beyond kMaxRemoteEmsModule.
UnitAddress unitAddressOf(const installation::Device& device);

/// The profile a device is read through: its unit's map. ProfileCatalogue::forDevice, except
/// for a pulse counter wired to an energy counter with pulse inputs at the same address
/// (configured on the same gateway), which is read through that counter's profile even when
/// the counter does not name it as its concentrator. nullptr when nothing describes it.
std::shared_ptr<const RegisterMap> unitProfileOf(const installation::Installation& installation,
                                                           const ProfileCatalogue& profiles,
                                                           const installation::Device& device);

/// The prefix of the fields a device reads within its unit's profile `map`: "position.3."
/// for a pulse counter at position 3, "side.2." for side 2 of an old-range station (a
/// one-side old-range station, or one without a side, reads "side.1."), else "".
std::string fieldPrefixOf(const installation::Device& device, const RegisterMap& map);

enum class UnitKind : std::uint8_t {
  Device,        ///< one configured device at its own address
  PulseHost,     ///< a concentrator, or an energy counter with pulse inputs, and its pulse counters
  StationSides,  ///< an old-range station whose sides share the address
  EmsInterface,  ///< an EMS CX3 interface and the modules behind it (remote addressing)
};

/// One unit id of a line and the configured devices it serves.
struct Unit {
  std::uint8_t unitId = 0;
  UnitKind kind = UnitKind::Device;
  /// PulseHost: the host energy counter first (if configured), then the pulse counters by
  /// position; StationSides: by side; EmsInterface: by module address; else the device.
  std::vector<const installation::Device*> devices;
};

/// The units of a physical or Local gateway, by unit id. Virtual gateways (slave web servers,
/// Master/Slave) have no RS485 line: their list is empty. Devices that are OFF are listed:
/// a device the EWS does not poll still answers on its line.
std::vector<Unit> unitsOf(const installation::Installation& installation, const installation::Gateway& gateway);

std::string_view unitKindName(UnitKind kind);

}  // namespace ews::profiles
