#include "ews/installation/remote_id.hpp"

#include <stdexcept>

namespace ews::installation {

namespace {
// The leading digit says what the remaining four digits identify.
constexpr int kKindStride = 10000;
constexpr int kMaxTargetId = 9999;

int leadingDigit(RemoteKind kind) {
  switch (kind) {
    case RemoteKind::Device: return 1;
    case RemoteKind::Load: return 2;
    case RemoteKind::Group: return 3;
    case RemoteKind::AllElectricalLoads: break;
  }
  return 0;
}
}  // namespace

std::optional<RemoteTarget> decodeRemoteId(int remoteId) {
  if (remoteId == kAllElectricalLoadsRemoteId) return RemoteTarget{RemoteKind::AllElectricalLoads, 0};
  const int id = remoteId % kKindStride;
  if (remoteId < kKindStride || id == 0) return std::nullopt;
  switch (remoteId / kKindStride) {
    case 1: return RemoteTarget{RemoteKind::Device, id};
    case 2: return RemoteTarget{RemoteKind::Load, id};
    case 3: return RemoteTarget{RemoteKind::Group, id};
    default: return std::nullopt;
  }
}

int encodeRemoteId(const RemoteTarget& target) {
  if (target.kind == RemoteKind::AllElectricalLoads) return kAllElectricalLoadsRemoteId;
  if (target.id < 1 || target.id > kMaxTargetId) {
    throw std::out_of_range("a Remote ID designates ids 1 to 9999");
  }
  const int remoteId = leadingDigit(target.kind) * kKindStride + target.id;
  if (remoteId == kAllElectricalLoadsRemoteId) {
    throw std::out_of_range("load id 9999 cannot be read remotely: 29999 means all electrical loads");
  }
  return remoteId;
}

}  // namespace ews::installation
