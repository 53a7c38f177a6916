#pragma once
// The alarms page's question to the events table (manual 8.7): the stored events, newest first,
// filtered by time, device and kind, one page at a time, with how many match in all.
#include <cstdint>
#include <optional>
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
};

struct EventPage {
  std::int64_t total = 0;          ///< events matching the filter
  std::vector<StoredEvent> events;  ///< newest first, from `offset`, at most `limit`
};

EventPage readEventPage(const Database& db, const EventFilter& filter, std::int64_t offset, std::int64_t limit);

/// Every kind stored but `excluded`, alphabetical (the page's filter list).
std::vector<std::string> storedEventKinds(const Database& db, const std::vector<std::string>& excluded);

}  // namespace ews::sitedb
