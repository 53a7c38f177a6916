// The far tier of the event queue: a radix heap ("monotone priority queue") on the time.
//
// Why a radix heap: the engine never schedules before the last dispatched time, so the queue
// only ever extracts a minimum that does not decrease. A radix heap exploits that: an entry is
// filed, unsorted, in the bucket of the highest 8-bit digit where its time differs from a base
// no later than every entry, and moves down a level only when its bucket becomes the earliest.
// Appends and bucket scans are sequential, so a large pending set costs a few streamed passes
// per event instead of a cache miss per heap level. A bucket small enough (or at the lowest
// level) goes whole to the window heap, which orders it by (time, order).
//
// Filing stays valid while base_ moves up: base_ only moves inside the earliest non-empty
// bucket, so it keeps the digits above that bucket's level, and every other entry still
// differs from it at the same digit.
#include <algorithm>
#include <bit>
#include <cassert>

#include "ews/kernel/event_queue.hpp"

namespace ews {

namespace {
/// A bucket this small goes to the window whole instead of being split one level further: the
/// window heap then stays a few hundred entries at most (in L1/L2), while bigger buckets are
/// split by streaming.
constexpr std::uint32_t kDumpThreshold = 256;
}  // namespace

std::uint32_t EventQueue::FarTier::newChunk() {
  if (freeChunk_ != kNoChunk) {
    const std::uint32_t chunk = freeChunk_;
    freeChunk_ = chunks_[chunk].next;
    return chunk;
  }
  chunks_.emplace_back();
  return static_cast<std::uint32_t>(chunks_.size() - 1);
}

void EventQueue::FarTier::append(const Entry& entry) {
  const std::uint64_t key = radixKey(entry.timeMicros);
  // `| 1`: an entry at base_ itself is filed at level 0, like any other single instant.
  const int level = (63 - std::countl_zero((key ^ base_) | 1)) / kDigitBits;
  const auto index = static_cast<std::uint32_t>((key >> (level * kDigitBits)) & (kBuckets - 1));
  Bucket& bucket = buckets_[level][index];
  const std::uint32_t fill = bucket.size % kChunkEntries;
  if (fill == 0) {  // empty or the tail chunk is full
    const std::uint32_t chunk = newChunk();
    chunks_[chunk].next = kNoChunk;
    if (bucket.size == 0) {
      bucket.head = chunk;
      occupied_[level][index / 64] |= std::uint64_t{1} << (index % 64);
      occupiedLevels_ |= 1u << level;
    } else {
      chunks_[bucket.tail].next = chunk;
    }
    bucket.tail = chunk;
  }
  chunks_[bucket.tail].entries[fill] = entry;
  ++bucket.size;
}

std::uint64_t EventQueue::FarTier::minKey(const Bucket& bucket) const {
  std::uint64_t min = ~std::uint64_t{0};
  std::uint32_t remaining = bucket.size;
  for (std::uint32_t chunk = bucket.head; remaining > 0; chunk = chunks_[chunk].next) {
    const std::uint32_t count = std::min(remaining, kChunkEntries);
    for (std::uint32_t i = 0; i < count; ++i) min = std::min(min, radixKey(chunks_[chunk].entries[i].timeMicros));
    remaining -= count;
  }
  return min;
}

void EventQueue::FarTier::reset() {
  assert(size_ == 0);
  base_ = 0;
  windowLast_ = 0;
}

void EventQueue::FarTier::push(const Entry& entry) {
  assert(!inWindow(entry.timeMicros));
  append(entry);
  ++size_;
}

void EventQueue::FarTier::refill(std::vector<Entry>& window) {
  assert(size_ > 0);
  for (;;) {
    // The earliest non-empty bucket: lowest level, then lowest digit.
    const int level = std::countr_zero(occupiedLevels_);
    int word = 0;
    while (occupied_[level][word] == 0) ++word;
    const auto index = static_cast<std::uint32_t>(word * 64 + std::countr_zero(occupied_[level][word]));
    Bucket bucket = buckets_[level][index];
    buckets_[level][index] = Bucket{};
    occupied_[level][word] &= ~(std::uint64_t{1} << (index % 64));
    if (occupied_[level][word] == 0) {
      bool levelEmpty = true;
      for (const std::uint64_t bits : occupied_[level]) levelEmpty = levelEmpty && bits == 0;
      if (levelEmpty) occupiedLevels_ &= ~(1u << level);
    }

    // The bucket covers the keys sharing base_'s digits above `level`, with digit `index`.
    const int shift = level * kDigitBits;
    const std::uint64_t above = level + 1 == kLevels ? 0 : base_ >> (shift + kDigitBits) << (shift + kDigitBits);
    const std::uint64_t low = above | (std::uint64_t{index} << shift);
    const std::uint64_t last = low + ((std::uint64_t{1} << shift) - 1);
    const bool toWindow = level == 0 || bucket.size <= kDumpThreshold;
    if (toWindow) {
      base_ = low;
      size_ -= bucket.size;
      windowLast_ = last;
    } else {
      // Split around the bucket's earliest entry rather than its lower bound: the entries
      // then land at the level where they really differ, skipping levels of digits they all
      // share (a burst of events within an hour shares the top 4 bytes of its times).
      base_ = minKey(bucket);
    }

    // Stream the bucket's chunks, recycling each once read. Entries are copied out before
    // append(), which may grow chunks_.
    std::uint32_t remaining = bucket.size;
    for (std::uint32_t chunk = bucket.head; remaining > 0;) {
      const std::uint32_t count = std::min(remaining, kChunkEntries);
      if (toWindow) {
        const Entry* entries = chunks_[chunk].entries;
        window.insert(window.end(), entries, entries + count);
      } else {
        for (std::uint32_t i = 0; i < count; ++i) {
          const Entry entry = chunks_[chunk].entries[i];
          append(entry);
        }
      }
      remaining -= count;
      const std::uint32_t next = chunks_[chunk].next;
      chunks_[chunk].next = freeChunk_;
      freeChunk_ = chunk;
      chunk = next;
    }
    if (toWindow) return;
  }
}

}  // namespace ews
