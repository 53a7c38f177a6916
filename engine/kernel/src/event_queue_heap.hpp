#pragma once
// The 4-ary min-heap used for the event queue's window (private to event_queue.cpp).
// A 4-ary heap has half the depth of a binary heap, and the four children of a node are
// adjacent in memory, so each level costs at most one cache line of keys.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace ews::heap4 {

inline constexpr std::size_t kArity = 4;

/// (time, order) lexicographic "a runs after b", written without branches: on random keys the
/// heap's child comparisons are unpredictable, and a mispredicted branch costs more than both
/// comparisons. A functor, so it inlines (a function pointer did not).
struct Later {
  template <class Key>
  bool operator()(const Key& a, const Key& b) const {
    return (a.timeMicros > b.timeMicros) | ((a.timeMicros == b.timeMicros) & (a.order > b.order));
  }
};

/// Moves heap[hole] up to its place.
template <class Key>
void siftUp(std::vector<Key>& heap, std::size_t hole) {
  const Key moving = heap[hole];
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / kArity;
    if (!Later{}(heap[parent], moving)) break;
    heap[hole] = heap[parent];
    hole = parent;
  }
  heap[hole] = moving;
}

/// Removes heap[0]: the last entry fills the hole and sinks to its place.
template <class Key>
void popFront(std::vector<Key>& heap) {
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
    for (std::size_t c = first + 1; c < end; ++c) best = Later{}(heap[best], heap[c]) ? c : best;
    if (!Later{}(moving, heap[best])) break;
    heap[hole] = heap[best];
    hole = best;
  }
  heap[hole] = moving;
}

}  // namespace ews::heap4
