#include "bucket_level.hpp"

#include <algorithm>

namespace ews::history::detail {

namespace {
bool keyBelow(const Bucket& bucket, std::int64_t key) { return bucket.key < key; }

void accumulate(Bucket& bucket, double value, bool gap) {
  bucket.value += value;
  ++bucket.samples;
  if (gap) ++bucket.gapSamples;
}
}  // namespace

void BucketLevel::add(std::int64_t key, double value, bool gap) {
  if (buckets_.empty() || buckets_.back().key < key) {
    buckets_.push_back(Bucket{key, 0.0, 0, 0});
    accumulate(buckets_.back(), value, gap);
    return;
  }
  // Late or repeated key: keep the order (rare: the sink ignores instants already recorded).
  auto it = std::lower_bound(buckets_.begin(), buckets_.end(), key, keyBelow);
  if (it == buckets_.end() || it->key != key) it = buckets_.insert(it, Bucket{key, 0.0, 0, 0});
  accumulate(*it, value, gap);
}

const Bucket* BucketLevel::find(std::int64_t key) const {
  const auto it = std::lower_bound(buckets_.begin(), buckets_.end(), key, keyBelow);
  return it != buckets_.end() && it->key == key ? &*it : nullptr;
}

void BucketLevel::dropBelow(std::int64_t key) {
  while (!buckets_.empty() && buckets_.front().key < key) buckets_.pop_front();
}

}  // namespace ews::history::detail
