#pragma once
// The pending-event set of one engine, ordered by (time, phase, insertion sequence): ties at
// the same instant and phase run first-in first-out, like ns-3's EventKey{ts, uid}, so a run
// never depends on heap internals (DESIGN decision 3).
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "ews/kernel/time.hpp"

namespace ews {

/// Phases of one instant. Everything at time t in an earlier phase runs before anything at t
/// in a later phase, whatever the order of scheduling.
enum class EventPhase : std::uint8_t {
  Input = 0,    ///< commands posted by other threads, scenario inputs (arrivals, faults)
  Observe = 1,  ///< two-phase steps: every component reads the state at t
  Update = 2,   ///< two-phase steps: every component changes its state; default for plain events
  Publish = 3,  ///< recorders and observers: see the state after all updates of t
};

using Callback = std::function<void()>;

/// Handle of a scheduled event; stays safe to cancel after the event ran (cancel returns false).
struct EventId {
  std::uint64_t value = 0;
  bool valid() const { return value != 0; }
  friend bool operator==(EventId, EventId) = default;
};

class EventQueue {
 public:
  EventId push(Time at, EventPhase phase, Callback callback);
  /// Cancels a pending event. False when it already ran, was cancelled or never existed.
  bool cancel(EventId id);

  bool empty() const { return liveCount_ == 0; }
  std::size_t size() const { return liveCount_; }
  /// Time of the next live event, if any (drops cancelled entries at the head).
  std::optional<Time> nextTime();

  struct Popped {
    Time at;
    EventPhase phase;
    Callback callback;
  };
  /// Removes and returns the next live event. Precondition: !empty().
  Popped pop();

 private:
  // Heap entries are small PODs; callbacks live in slots so the heap moves only 24 bytes.
  struct Key {
    std::int64_t timeMicros;
    std::uint64_t order;  // phase in the top 8 bits, insertion sequence below: one comparison
    std::uint32_t slot;
  };
  struct Slot {
    Callback callback;
    std::uint32_t generation = 1;
    bool live = false;
  };
  static bool later(const Key& a, const Key& b) {
    return a.timeMicros != b.timeMicros ? a.timeMicros > b.timeMicros : a.order > b.order;
  }
  void dropCancelledHead();
  void releaseSlot(std::uint32_t slot);
  /// True when the next event is the head of run_ rather than of heap_. Precondition: !empty().
  bool runIsNext() const;

  // Events pushed in increasing (time, order) order — periodic reschedules, schedules in time
  // order — go to run_, a FIFO with O(1) push and pop; the others to heap_. The next event is
  // the earlier of the two heads.
  std::vector<Key> run_;
  std::size_t runHead_ = 0;
  std::vector<Key> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> freeSlots_;
  std::uint64_t nextSequence_ = 0;
  std::size_t liveCount_ = 0;
};

}  // namespace ews
