#pragma once
// The consumption pages' queries on the site database (docs/site-database.md): a
// history::BucketSource over a (read-only) connection, so the pages ask the same questions with
// the same code as of the in-memory History (history::HistoryQueries).
#include <memory>
#include <vector>

#include "ews/history/bucket_source.hpp"
#include "ews/history/history_queries.hpp"
#include "ews/recording/sample.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::sitedb {

class HistoryReader final : public history::BucketSource {
 public:
  /// `db` must outlive the reader; one reader per thread (a connection is not shared).
  explicit HistoryReader(const Database& db);
  ~HistoryReader() override;

  std::vector<history::Bucket> range(history::SeriesKey series, history::Resolution resolution, std::int64_t fromKey,
                                     std::int64_t toKey) const override;
  std::optional<std::int64_t> droppedBelow(history::Resolution resolution) const override;

  /// The pages' queries in the site's zone.
  history::HistoryQueries queries(const TimeZone& zone) const { return {*this, zone}; }
  /// Every consumption series with a stored year bucket (each subject's consumption; its
  /// cost series follow from the tariffs), keys ascending.
  std::vector<history::SeriesKey> subjects() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Stored events with from <= at < to, oldest first, at most `limit`.
struct StoredEvent {
  recording::Event event;
  std::string author;
};
std::vector<StoredEvent> readEvents(const Database& db, Time from, Time to, std::size_t limit);

}  // namespace ews::sitedb
