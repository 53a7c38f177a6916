#pragma once
// The read side of a bucket store, what the consumption queries need: the in-memory History
// and the site database (reports/sitedb) both provide it, so both answer the pages' questions
// with the same code (history_queries.hpp).
#include <cstdint>
#include <optional>
#include <vector>

#include "ews/history/series.hpp"

namespace ews::history {

class BucketSource {
 public:
  virtual ~BucketSource() = default;
  /// The buckets of `series` at `resolution` with fromKey <= key <= toKey, keys ascending.
  virtual std::vector<Bucket> range(SeriesKey series, Resolution resolution, std::int64_t fromKey,
                                    std::int64_t toKey) const = 0;
  /// Buckets with a key below this were dropped by down-sampling; nullopt: none dropped.
  virtual std::optional<std::int64_t> droppedBelow(Resolution resolution) const = 0;
};

}  // namespace ews::history
