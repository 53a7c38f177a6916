#pragma once
// The "Remote ID" a Master's virtual device reads from a Slave (manual 7.16.6.2):
// 1XXXX = device XXXX, 2YYYY = load YYYY, 3ZZZZ = measure group ZZZZ, 29999 = the total
// of all electrical loads. 29999 lies in the load range; it always means "all".
#include <optional>

namespace ews::installation {

enum class RemoteKind { Device, Load, Group, AllElectricalLoads };

struct RemoteTarget {
  RemoteKind kind = RemoteKind::Device;
  int id = 0;  ///< database id on the slave (1..9999); 0 for AllElectricalLoads

  bool operator==(const RemoteTarget&) const = default;
};

inline constexpr int kAllElectricalLoadsRemoteId = 29999;

/// The highest id of each kind a slave serves over Modbus TCP: its register map gives every
/// kind a window of 4096 four-word values (docs/master-slave.md). The manual's four digits allow
/// 9999, but an EWS holds at most 255 devices, 17 loads and a few groups, and ids are never reused
/// far beyond that; 4096 keeps the three windows and "all" inside the 16-bit register space.
/// A virtual device naming a larger id is valid (the manual's form) but no slave serves it: it
/// is not polled, and a hierarchy of scenario files reports it (scenario/instances.hpp).
inline constexpr int kMaxServedRemoteTargetId = 4096;

/// What a Remote ID designates, or nullopt when it is not of the forms above.
std::optional<RemoteTarget> decodeRemoteId(int remoteId);

/// The Remote ID that designates `target`; `target.id` must be 1..9999 (1..9998 for loads).
int encodeRemoteId(const RemoteTarget& target);

}  // namespace ews::installation
