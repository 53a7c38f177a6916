#include "ews/profiles/master_slave_map.hpp"

#include <array>

#include "ews/installation/remote_id.hpp"

namespace ews::profiles {

namespace {
using installation::RemoteKind;
using installation::RemoteTarget;

/// Registers of each kind's window: kMaxServedRemoteTargetId values of kSlaveValueWords.
constexpr std::uint32_t kWindowRegisters =
    static_cast<std::uint32_t>(installation::kMaxServedRemoteTargetId) * kSlaveValueWords;
static_assert(kWindowRegisters == 0x4000, "the windows are laid out at 0x0000, 0x4000, 0x8000, 0xC000");

struct Window {
  RemoteKind kind;
  std::uint32_t base;
};
constexpr std::array kWindows = {Window{RemoteKind::Device, 0x0000}, Window{RemoteKind::Load, 0x4000},
                                 Window{RemoteKind::Group, 0x8000}, Window{RemoteKind::AllElectricalLoads, 0xC000}};
}  // namespace

std::optional<std::uint16_t> slaveRegisterOf(int remoteId) {
  const auto target = installation::decodeRemoteId(remoteId);
  if (!target) return std::nullopt;
  for (const Window& window : kWindows) {
    if (window.kind != target->kind) continue;
    if (target->kind == RemoteKind::AllElectricalLoads) return static_cast<std::uint16_t>(window.base);
    if (target->id > installation::kMaxServedRemoteTargetId) return std::nullopt;
    return static_cast<std::uint16_t>(window.base + static_cast<std::uint32_t>(target->id - 1) * kSlaveValueWords);
  }
  return std::nullopt;
}

std::optional<SlaveRegister> slaveRegisterAt(std::uint16_t address) {
  const Window& window = kWindows[address / kWindowRegisters];
  const std::uint32_t offset = address - window.base;
  const auto word = static_cast<std::uint16_t>(offset % kSlaveValueWords);
  if (window.kind == RemoteKind::AllElectricalLoads) {
    if (offset >= kSlaveValueWords) return std::nullopt;
    return SlaveRegister{installation::kAllElectricalLoadsRemoteId, word};
  }
  const int id = static_cast<int>(offset / kSlaveValueWords) + 1;
  // Load id 9999 would be 29999, "all": outside the served range anyway (ids <= 4096).
  return SlaveRegister{installation::encodeRemoteId(RemoteTarget{window.kind, id}), word};
}

}  // namespace ews::profiles
