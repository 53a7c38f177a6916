#include "ews/kernel/event_queue.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>

namespace ews {

namespace {
constexpr int kPhaseShift = 56;
constexpr std::uint64_t kSequenceMask = (std::uint64_t{1} << kPhaseShift) - 1;

EventId makeId(std::uint32_t slot, std::uint32_t generation) {
  return EventId{(std::uint64_t{generation} << 32) | slot};
}

// A 4-ary min-heap on a vector: half the depth of a binary heap, and the four children of a
// node are adjacent in memory, so a large pending set costs about half the cache misses per
// pop. `later(a, b)` is true when a runs after b; it is a functor (std::push_heap was given
// a function pointer, which did not inline).
constexpr std::size_t kArity = 4;

/// (time, order) lexicographic "a after b", written without branches: on random keys the
/// heap's child comparisons are unpredictable, and a mispredicted branch costs more than both
/// comparisons.
struct Later {
  template <class Key>
  bool operator()(const Key& a, const Key& b) const {
    return (a.timeMicros > b.timeMicros) | ((a.timeMicros == b.timeMicros) & (a.order > b.order));
  }
};

template <class Key, class Compare>
void siftUp(std::vector<Key>& heap, std::size_t hole, Compare later) {
  const Key moving = heap[hole];
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / kArity;
    if (!later(heap[parent], moving)) break;
    heap[hole] = heap[parent];
    hole = parent;
  }
  heap[hole] = moving;
}

/// Removes heap[0]: the last entry fills the hole and sinks to its place.
template <class Key, class Compare>
void popFront(std::vector<Key>& heap, Compare later) {
  const Key moving = heap.back();
  heap.pop_back();
  const std::size_t size = heap.size();
  if (size == 0) return;
  std::size_t hole = 0;
  for (;;) {
    const std::size_t first = hole * kArity + 1;
    if (first >= size) break;
    const std::size_t end = std::min(first + kArity, size);
    std::size_t best = first;
    for (std::size_t c = first + 1; c < end; ++c) best = later(heap[best], heap[c]) ? c : best;
    if (!later(moving, heap[best])) break;
    heap[hole] = heap[best];
    hole = best;
  }
  heap[hole] = moving;
}
}  // namespace

EventId EventQueue::push(Time at, EventPhase phase, Callback callback) {
  if (nextSequence_ > kSequenceMask) throw std::overflow_error("event sequence exhausted");
  std::uint32_t slot;
  if (!freeSlots_.empty()) {
    slot = freeSlots_.back();
    freeSlots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.callback = std::move(callback);
  s.live = true;
  const std::uint64_t order = (std::uint64_t{static_cast<std::uint8_t>(phase)} << kPhaseShift) | nextSequence_++;
  const Key key{toMicros(at), order, slot};
  if (runHead_ == run_.size() || Later{}(key, run_.back())) {
    if (runHead_ == run_.size()) {
      run_.clear();
      runHead_ = 0;
    }
    run_.push_back(key);
  } else {
    heap_.push_back(key);
    siftUp(heap_, heap_.size() - 1, Later{});
  }
  ++liveCount_;
  return makeId(slot, s.generation);
}

bool EventQueue::cancel(EventId id) {
  const auto slot = static_cast<std::uint32_t>(id.value & 0xffffffffu);
  const auto generation = static_cast<std::uint32_t>(id.value >> 32);
  if (!id.valid() || slot >= slots_.size()) return false;
  Slot& s = slots_[slot];
  if (!s.live || s.generation != generation) return false;
  // The heap entry stays until it reaches the top (lazy deletion keeps cancel O(1)).
  s.live = false;
  s.callback = nullptr;
  --liveCount_;
  return true;
}

void EventQueue::releaseSlot(std::uint32_t slot) {
  Slot& s = slots_[slot];
  ++s.generation;  // stale EventIds of this slot no longer match
  if (s.generation == 0) s.generation = 1;
  freeSlots_.push_back(slot);
}

void EventQueue::dropCancelledHead() {
  while (!heap_.empty() && !slots_[heap_.front().slot].live) {
    const std::uint32_t slot = heap_.front().slot;
    popFront(heap_, Later{});
    releaseSlot(slot);
  }
  while (runHead_ < run_.size() && !slots_[run_[runHead_].slot].live) releaseSlot(run_[runHead_++].slot);
}

bool EventQueue::runIsNext() const {
  if (runHead_ == run_.size()) return false;
  return heap_.empty() || Later{}(heap_.front(), run_[runHead_]);
}

std::optional<Time> EventQueue::nextTime() {
  dropCancelledHead();
  if (heap_.empty() && runHead_ == run_.size()) return std::nullopt;
  return timeFromMicros(runIsNext() ? run_[runHead_].timeMicros : heap_.front().timeMicros);
}

EventQueue::Popped EventQueue::pop() {
  dropCancelledHead();
  assert(!heap_.empty() || runHead_ < run_.size());
  Key key;
  if (runIsNext()) {
    key = run_[runHead_++];
    // Keep the run's storage bounded when it never drains: drop the consumed prefix once it
    // is the larger half (amortized O(1) per event).
    if (runHead_ >= 1024 && 2 * runHead_ >= run_.size()) {
      run_.erase(run_.begin(), run_.begin() + static_cast<std::ptrdiff_t>(runHead_));
      runHead_ = 0;
    }
    if (runHead_ < run_.size()) __builtin_prefetch(&slots_[run_[runHead_].slot]);
  } else {
    key = heap_.front();
    popFront(heap_, Later{});
    // The next pops read the slots of the new head and of its children (one of which becomes
    // the head after it): start fetching them while this callback runs.
    const std::size_t ahead = std::min(heap_.size(), kArity + 1);
    for (std::size_t i = 0; i < ahead; ++i) __builtin_prefetch(&slots_[heap_[i].slot]);
  }
  Slot& s = slots_[key.slot];
  Popped popped{timeFromMicros(key.timeMicros), static_cast<EventPhase>(key.order >> kPhaseShift),
                std::move(s.callback)};
  s.callback = nullptr;
  s.live = false;
  --liveCount_;
  releaseSlot(key.slot);
  return popped;
}

}  // namespace ews
