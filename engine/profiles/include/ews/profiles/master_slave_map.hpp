#pragma once
// The register map a slave Energy Web Server serves to its masters over Modbus TCP (manual
// 7.16.6, docs/master-slave.md): unit id 247, holding registers, one 64-bit Wh counter of
// positive active energy per Remote ID, at an address computed from the Remote ID:
//
//   1XXXX device  XXXX  ->  0x0000 + 4 x (XXXX - 1)     (XXXX = 1..4096)
//   2YYYY load    YYYY  ->  0x4000 + 4 x (YYYY - 1)
//   3ZZZZ group   ZZZZ  ->  0x8000 + 4 x (ZZZZ - 1)
//   29999 all electrical loads -> 0xC000
//
// One read of 4 registers per value, no state per connection (a "select then read" scheme
// would need two transactions and would mix up two masters sharing a slave). The counter's
// word layout is the WSMEASURE profile's (models/profiles/data/wsmeasure.yaml): the master
// decodes with it, the slave encodes with it. The master's poll plan reaches each value by
// the register offset of its UnitAddress, as EMS CX3 modules behind an interface.
#include <cstdint>
#include <optional>

namespace ews::profiles {

/// The unit id of the served map: the "247" of the manual's "247 - 1XXXX" labels.
inline constexpr std::uint8_t kSlaveUnitId = 247;
/// Registers of one value: a u64 in Wh.
inline constexpr std::uint16_t kSlaveValueWords = 4;

/// The first register of the value of `remoteId`; nullopt when the Remote ID is not of the
/// manual's forms or its id is beyond installation::kMaxServedRemoteTargetId.
std::optional<std::uint16_t> slaveRegisterOf(int remoteId);

/// Which Remote ID's value holds register `address`, and the word of the value it is (0..3);
/// nullopt for a register outside every value's window.
struct SlaveRegister {
  int remoteId = 0;
  std::uint16_t word = 0;
  bool operator==(const SlaveRegister&) const = default;
};
std::optional<SlaveRegister> slaveRegisterAt(std::uint16_t address);

}  // namespace ews::profiles
