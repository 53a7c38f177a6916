#pragma once
// The buckets of one series at one resolution, keys ascending. Samples arrive in time order,
// so adding is almost always to the last bucket or a new one after it; down-sampling drops
// from the front. A deque does both in O(1) without the per-node cost of a map.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <vector>

#include "ews/history/series.hpp"

namespace ews::history::detail {

class BucketLevel {
 public:
  void add(std::int64_t key, double value, bool gap);
  /// nullptr: no bucket with this key.
  const Bucket* find(std::int64_t key) const;
  /// Drops every bucket with a key below `key`.
  void dropBelow(std::int64_t key);

  /// Calls f(bucket) for every bucket with from <= key <= to, keys ascending.
  template <class F>
  void forEachIn(std::int64_t from, std::int64_t to, F&& f) const {
    auto it = std::lower_bound(buckets_.begin(), buckets_.end(), from,
                               [](const Bucket& bucket, std::int64_t key) { return bucket.key < key; });
    for (; it != buckets_.end() && it->key <= to; ++it) f(*it);
  }

  std::size_t size() const { return buckets_.size(); }
  std::vector<Bucket> copy() const { return {buckets_.begin(), buckets_.end()}; }
  void assign(const std::vector<Bucket>& buckets) { buckets_.assign(buckets.begin(), buckets.end()); }

 private:
  std::deque<Bucket> buckets_;
};

}  // namespace ews::history::detail
