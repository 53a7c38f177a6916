#pragma once
// The alarms page's question to the events table (manual 8.7): the stored events, newest first,
// filtered by time, device and kind, one page at a time, with how many match in all.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ews/sitedb/database.hpp"
#include "ews/sitedb/history_reader.hpp"

namespace ews::sitedb {

struct EventFilter {
  std::optional<Time> from;  ///< at >= from
  std::optional<Time> to;    ///< at < to
  std::optional<int> deviceId;
  std::optional<std::string> kind;
  std::vector<std::string> excludedKinds;  ///< left out whatever the other members say
  std::int64_t afterId = 0;                 ///< only rows with id > afterId
};

struct EventPage {
  std::int64_t total = 0;          ///< events matching the filter
  std::vector<StoredEvent> events;  ///< newest first, from `offset`, at most `limit`
};

/// How many events match a filter and which kinds are stored, kept up to date incrementally:
/// the table only grows (events are appended, ids ascending), so each question counts only the
/// rows added since it was last asked instead of scanning the table (100 000 events: ~100 ms a
/// scan). A table whose last id went down (a restored backup) is counted again from scratch.
/// Not thread-safe: one per connection, used under its lock.
class EventCounts {
 public:
  std::int64_t count(const Database& db, const EventFilter& filter);
  /// Every kind stored but `excluded`, alphabetical (the page's filter list).
  std::vector<std::string> kinds(const Database& db, const std::vector<std::string>& excluded);

 private:
  /// The table's last id now; forgets everything when it went down.
  std::int64_t sync(const Database& db);

  struct Count {
    std::int64_t rows = 0;
    std::int64_t upToId = 0;  ///< rows with id <= upToId are counted
  };
  std::int64_t lastId_ = 0;
  std::map<std::string, Count> counts_;  ///< by the filter's text
  std::set<std::string> kinds_;
  std::int64_t kindsUpToId_ = 0;
};

/// Keyset paging for pages deep in the list: the (time, id) key of every kStride-th event
/// matching a filter, newest first, so that a page at offset 50 000 starts at the key before it
/// and steps over fewer than kStride rows, where OFFSET 50 000 steps over 50 000 (SQLite has no
/// faster way to skip rows: ~300 ms a request on 100 000 events). Keys are found once, on the
/// first question that goes that deep, by stepping from key to key; events appended since are
/// counted where they sort (they move the keys' positions down), and after kStride of them, or
/// when the table shrank (a restored backup), the keys are found again. Not thread-safe: one per
/// connection, like EventCounts.
class EventAnchors {
 public:
  static constexpr std::int64_t kStride = 500;
  struct Key {
    std::int64_t atUs = 0;
    std::int64_t id = 0;
  };
  struct Start {
    Key key;
    std::int64_t position = 0;  ///< how many matching events come before the key's, now
  };
  /// The latest key at or before `offset`; nullopt: start from the top.
  std::optional<Start> startFor(const Database& db, const EventFilter& filter, std::int64_t offset);

 private:
  struct Anchors {
    std::vector<Key> keys;    ///< keys[i] was at position (i + 1) * kStride among the rows with id <= upToId
    std::int64_t upToId = 0;
    bool complete = false;    ///< the last key is the last kStride-th row: no deeper one
  };
  std::int64_t lastId_ = 0;
  std::map<std::string, Anchors> byFilter_;
};

/// One page of the events matching `filter`, newest first; the total from `counts`. With
/// `anchors`, a page deep in the list starts from the nearest key (keyset paging).
EventPage readEventPage(const Database& db, const EventFilter& filter, std::int64_t offset, std::int64_t limit,
                        EventCounts& counts, EventAnchors* anchors = nullptr);

}  // namespace ews::sitedb
