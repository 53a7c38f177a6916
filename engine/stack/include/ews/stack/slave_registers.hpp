#pragma once
// The slave side of Master/Slave (manual 7.16.6.1): an EWS whose Modbus TCP server is ON
// serves its masters the positive active energy it recorded for each of its devices (Remote ID
// 1XXXX), loads (2YYYY), measure groups (3ZZZZ) and all electrical loads (29999), at unit 247,
// laid out as profiles/master_slave_map.hpp says (docs/master-slave.md).
//
// The values are what the recorder published, accumulated sample after sample: a device's
// value adds its rows' deltas, a load's, a group's and the total add the recorder's aggregate
// rows, so "Exclude from totals", gaps and every other rule of the recorder hold as they do in
// the slave's own history; nothing is summed again here. A master therefore sees exactly the
// slave's history, one sample later (it reads what was recorded).
//
// Threading (docs/design.md decision 8): the recorder calls the SampleSink side on the engine thread,
// which publishes one immutable snapshot per sample; answer() and snapshot() may be called
// from any thread (a server thread) and only ever read a published snapshot.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "ews/installation/installation.hpp"
#include "ews/link/link.hpp"
#include "ews/profiles/field.hpp"
#include "ews/profiles/register_map.hpp"
#include "ews/recording/sample.hpp"

namespace ews::stack {

/// The served values as of one sample. Published once, never changed afterwards.
struct SlaveSnapshot {
  Time sampledAt{};                ///< the sample they reflect; Time{} before the first sample
  std::vector<double> energiesWh;  ///< parallel to SlaveRegisters::servedIds(); 0 before the first sample
};

class SlaveRegisters final : public recording::SampleSink {
 public:
  /// Serves installation::servedRemoteIds(installation), as computed now. `valueLayout` is the
  /// WSMEASURE profile: its `energy.active.import` field encodes every value (the master decodes
  /// with the same field). Throws std::invalid_argument when it has no such field.
  SlaveRegisters(const installation::Installation& installation, const profiles::RegisterMap& valueLayout);

  /// The Remote IDs served, ascending.
  std::span<const int> servedIds() const { return ids_; }
  /// The latest published snapshot (any thread); never null.
  std::shared_ptr<const SlaveSnapshot> snapshot() const;
  /// The value of `remoteId` in the latest snapshot, Wh; nullopt when it is not served.
  std::optional<double> energyWh(int remoteId) const;

  /// Answers a Modbus request as the slave's server does (any thread): unit 247, function 3,
  /// every register of the range inside the value of a served Remote ID (several consecutive
  /// values may be read at once); the request's buffer is filled from one snapshot. Otherwise
  /// the exception: GatewayPathUnavailable for another unit, IllegalFunction for any other
  /// function (writes included), IllegalDataAddress for a register of no served value.
  link::ExceptionCode answer(const link::Request& request) const;

  /// Goes on from `previous` (the registers of the stack a configuration change replaced):
  /// every Remote ID served by both keeps its value, so a master never sees a served energy
  /// fall back to zero; published at once. The engine thread only.
  void continueFrom(const SlaveRegisters& previous);

  // ---- recording::SampleSink, called by the recorder on the engine thread ----
  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override;
  void onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) override;

 private:
  /// Index of `remoteId` in ids_, nullopt when not served.
  std::optional<std::size_t> slotOf(int remoteId) const;
  void add(int remoteId, double deltaWh);

  std::vector<int> ids_;
  profiles::Field layout_;
  std::vector<double> accumulatingWh_;  ///< engine thread only
  mutable std::mutex mutex_;            ///< guards published_ (the pointer, not the snapshot)
  std::shared_ptr<const SlaveSnapshot> published_;
};

}  // namespace ews::stack
