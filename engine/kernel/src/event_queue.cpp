#include "ews/kernel/event_queue.hpp"

#include <cassert>
#include <stdexcept>

#include "event_queue_heap.hpp"

namespace ews {

namespace {
constexpr int kPhaseShift = 56;
constexpr std::uint64_t kSequenceMask = (std::uint64_t{1} << kPhaseShift) - 1;

EventId makeId(std::uint32_t slot, std::uint32_t generation) {
  return EventId{(std::uint64_t{generation} << 32) | slot};
}

/// Starts fetching a slot (40 bytes, which may straddle two cache lines).
template <class Slot>
void prefetchSlot(const Slot& slot) {
  __builtin_prefetch(&slot);
  __builtin_prefetch(reinterpret_cast<const char*>(&slot) + sizeof(Slot) - 1);
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
  const Entry entry{toMicros(at), order, slot};
  if (runHead_ == run_.size() || heap4::Later{}(entry, run_.back())) {
    if (runHead_ == run_.size()) {
      run_.clear();
      runHead_ = 0;
    }
    run_.push_back(entry);
  } else {
    pushOutOfOrder(entry);
  }
  ++liveCount_;
  return makeId(slot, s.generation);
}

void EventQueue::pushOutOfOrder(const Entry& entry) {
  // A push before the window's bound with nothing pending in the window and the far tier
  // (a bare queue reused from an earlier time; the engine never does that) would start a
  // window heap that holds everything: re-base the far tier instead.
  if (far_.inWindow(entry.timeMicros) && window_.empty() && far_.empty()) far_.reset();
  if (far_.inWindow(entry.timeMicros)) {
    window_.push_back(entry);
    heap4::siftUp(window_, window_.size() - 1);
  } else {
    far_.push(entry);
  }
}

bool EventQueue::cancel(EventId id) {
  const auto slot = static_cast<std::uint32_t>(id.value & 0xffffffffu);
  const auto generation = static_cast<std::uint32_t>(id.value >> 32);
  if (!id.valid() || slot >= slots_.size()) return false;
  Slot& s = slots_[slot];
  if (!s.live || s.generation != generation) return false;
  // The queue entry stays until it reaches a head (lazy deletion keeps cancel O(1)); the
  // callback and what it captured go now.
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
  // Slots come back in dispatch order, which is scattered in memory after a burst of pushes at
  // random times; the next burst would then write its callbacks all over the slot array, a
  // cache miss per push. Once every slot is free again, hand them out in address order. The
  // rebuild is O(slots), so it waits for as many releases as there are slots.
  if (++releasesSinceRebuild_ >= slots_.size() && freeSlots_.size() == slots_.size()) {
    for (std::size_t i = 0; i < freeSlots_.size(); ++i) {
      freeSlots_[i] = static_cast<std::uint32_t>(freeSlots_.size() - 1 - i);
    }
    releasesSinceRebuild_ = 0;
  }
}

void EventQueue::dropCancelledHeads() {
  for (;;) {
    if (window_.empty()) {
      if (far_.empty()) break;
      const std::size_t first = window_.size();
      far_.refill(window_);
      // The refilled events are the next to run: heap them and start fetching their slots.
      for (std::size_t i = first; i < window_.size(); ++i) {
        prefetchSlot(slots_[window_[i].slot]);
        heap4::siftUp(window_, i);
      }
      continue;
    }
    const std::uint32_t slot = window_.front().slot;
    if (slots_[slot].live) break;
    heap4::popFront(window_);
    releaseSlot(slot);
  }
  while (runHead_ < run_.size() && !slots_[run_[runHead_].slot].live) releaseSlot(run_[runHead_++].slot);
}

bool EventQueue::runIsNext() const {
  if (runHead_ == run_.size()) return false;
  return window_.empty() || heap4::Later{}(window_.front(), run_[runHead_]);
}

std::optional<Time> EventQueue::nextTime() {
  dropCancelledHeads();
  if (window_.empty() && runHead_ == run_.size()) return std::nullopt;
  return timeFromMicros(runIsNext() ? run_[runHead_].timeMicros : window_.front().timeMicros);
}

EventQueue::Popped EventQueue::pop() {
  dropCancelledHeads();
  assert(!window_.empty() || runHead_ < run_.size());
  Entry entry;
  if (runIsNext()) {
    entry = run_[runHead_++];
    // Keep the run's storage bounded when it never drains: drop the consumed prefix once it
    // is the larger half (amortized O(1) per event).
    if (runHead_ >= 1024 && 2 * runHead_ >= run_.size()) {
      run_.erase(run_.begin(), run_.begin() + static_cast<std::ptrdiff_t>(runHead_));
      runHead_ = 0;
    }
    if (runHead_ < run_.size()) prefetchSlot(slots_[run_[runHead_].slot]);
  } else {
    entry = window_.front();
    heap4::popFront(window_);
  }
  Slot& s = slots_[entry.slot];
  Popped popped{timeFromMicros(entry.timeMicros), static_cast<EventPhase>(entry.order >> kPhaseShift),
                std::move(s.callback)};
  s.callback = nullptr;
  s.live = false;
  --liveCount_;
  releaseSlot(entry.slot);
  return popped;
}

}  // namespace ews
