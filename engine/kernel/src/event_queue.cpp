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
  heap_.push_back(Key{toMicros(at), order, slot});
  std::push_heap(heap_.begin(), heap_.end(), later);
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
    std::pop_heap(heap_.begin(), heap_.end(), later);
    heap_.pop_back();
    releaseSlot(slot);
  }
}

std::optional<Time> EventQueue::nextTime() {
  dropCancelledHead();
  if (heap_.empty()) return std::nullopt;
  return timeFromMicros(heap_.front().timeMicros);
}

EventQueue::Popped EventQueue::pop() {
  dropCancelledHead();
  assert(!heap_.empty());
  const Key key = heap_.front();
  std::pop_heap(heap_.begin(), heap_.end(), later);
  heap_.pop_back();
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
