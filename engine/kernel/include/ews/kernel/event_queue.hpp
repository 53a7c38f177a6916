#pragma once
// The pending-event set of one engine, ordered by (time, phase, insertion sequence): ties at
// the same instant and phase run first-in first-out, like ns-3's EventKey{ts, uid}, so a run
// never depends on heap internals (docs/design.md decision 3).
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
  // Queue entries are small PODs; callbacks live in slots so the containers move only 24
  // bytes per event, and cancel() can release a callback at once.
  struct Entry {
    std::int64_t timeMicros;
    std::uint64_t order;  // phase in the top 8 bits, insertion sequence below: one comparison
    std::uint32_t slot;
  };
  struct Slot {
    Callback callback;
    std::uint32_t generation = 1;
    bool live = false;
  };

  /// The events later than the window (see below): a radix heap on the time, 8 levels of 256
  /// buckets, each bucket an unsorted list of fixed-size chunks. Implemented in
  /// event_queue_far_tier.cpp.
  class FarTier {
   public:
    bool empty() const { return size_ == 0; }
    /// True when an entry at `timeMicros` belongs to the window rather than to this tier.
    bool inWindow(std::int64_t timeMicros) const { return radixKey(timeMicros) <= windowLast_; }
    /// Precondition: !inWindow(entry.timeMicros).
    void push(const Entry& entry);
    /// Appends the earliest entries (one bucket, unordered) to `window` and widens the window
    /// up to the end of that bucket. Precondition: !empty().
    void refill(std::vector<Entry>& window);
    /// Forgets the window bound, so that events earlier than the last window go to this tier
    /// again. Precondition: empty() and the window is empty.
    void reset();

   private:
    static constexpr int kDigitBits = 8;
    static constexpr int kLevels = 64 / kDigitBits;
    static constexpr int kBuckets = 1 << kDigitBits;
    static constexpr std::uint32_t kChunkEntries = 128;
    static constexpr std::uint32_t kNoChunk = ~std::uint32_t{0};
    struct Chunk {
      Entry entries[kChunkEntries];
      std::uint32_t next;
    };
    struct Bucket {
      std::uint32_t head = kNoChunk;
      std::uint32_t tail = kNoChunk;
      std::uint32_t size = 0;
    };
    /// Times as unsigned integers with the same order (the sign bit flipped), so the buckets
    /// can be chosen from the bits.
    static std::uint64_t radixKey(std::int64_t timeMicros) {
      return static_cast<std::uint64_t>(timeMicros) ^ (std::uint64_t{1} << 63);
    }
    void append(const Entry& entry);
    std::uint64_t minKey(const Bucket& bucket) const;
    std::uint32_t newChunk();

    // Chunks are indices into one pool (not pointers), so the tier copies like a value.
    std::vector<Chunk> chunks_;
    std::uint32_t freeChunk_ = kNoChunk;
    Bucket buckets_[kLevels][kBuckets];
    std::uint64_t occupied_[kLevels][kBuckets / 64] = {};
    std::uint32_t occupiedLevels_ = 0;
    std::uint64_t base_ = 0;        // every entry is filed by its highest digit differing from base_
    std::uint64_t windowLast_ = 0;  // entries at radix keys <= this belong to the window
    std::size_t size_ = 0;
  };

  /// Files an entry that does not extend run_ in the window or the far tier.
  void pushOutOfOrder(const Entry& entry);
  void dropCancelledHeads();
  void releaseSlot(std::uint32_t slot);
  /// True when the next event is the head of run_ rather than of window_. Precondition: the
  /// heads are settled by dropCancelledHeads() and the queue is not empty.
  bool runIsNext() const;

  // Three containers, the next event being the earlier of the heads of run_ and window_:
  // - run_: events pushed in increasing (time, order) order — periodic reschedules, schedules
  //   in time order — a FIFO with O(1) push and pop;
  // - window_: a small 4-ary min-heap holding every other event up to a time bound (and any
  //   event pushed before that bound, even in the past), so it stays in cache;
  // - far_: everything later than the window. Events reach the window a bucket at a time, in
  //   time order, once the window runs empty.
  std::vector<Entry> run_;
  std::size_t runHead_ = 0;
  std::vector<Entry> window_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> freeSlots_;
  std::size_t releasesSinceRebuild_ = 0;
  std::uint64_t nextSequence_ = 0;
  std::size_t liveCount_ = 0;
  FarTier far_;  // last: it is large (about 26 KiB of bucket heads), the hot members stay together
};

}  // namespace ews
