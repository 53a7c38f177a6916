#pragma once
// The Master/Slave topology between EWS instances (manual 7.16.6): a master reads a slave
// through a virtual gateway, and a master may itself be the slave of a higher master, so
// installations stack on several levels. A loop (A reads B which reads A) would make each
// count the other's energy again at every sample: it is refused.
#include <cstddef>
#include <span>
#include <vector>

namespace ews::installation {

class Installation;

/// The Remote IDs a slave serves (manual 7.16.6: positive active energy of a device, a load,
/// a measure group, all electrical loads), ascending: every device that meters electrical
/// energy (1XXXX; water and gas counters and devices without metering have no active energy),
/// every load but the Water and Gas pseudo-loads (2YYYY), every measure group (3ZZZZ) and
/// 29999, for ids up to kMaxServedRemoteTargetId. Disabled or OFF elements are served too:
/// their value simply stops growing.
std::vector<int> servedRemoteIds(const Installation& slave);

/// Instance `master` reads instance `slave` (indexes into the caller's list of instances).
struct ReadRelation {
  std::size_t master = 0;
  std::size_t slave = 0;
};

/// The first loop of reading relations found by a depth-first search of the topology graph
/// (instances as vertices, relations as edges), as the instances along it from one master
/// back to itself: {0, 2, 0}; a master reading itself gives {1, 1}. Empty when there is none.
/// Instances are visited in index order, so the answer is deterministic.
std::vector<std::size_t> findReadingLoop(std::size_t instanceCount, std::span<const ReadRelation> relations);

}  // namespace ews::installation
