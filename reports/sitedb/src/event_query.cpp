#include "ews/sitedb/event_query.hpp"

#include <fmt/format.h>

namespace ews::sitedb {

namespace {
/// "?, ?, ?" for `count` values.
std::string placeholders(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += i == 0 ? "?" : ", ?";
  return text;
}

/// The WHERE clause of `filter` (placeholders in the order bindFilter binds them).
std::string whereOf(const EventFilter& filter) {
  std::string where = "WHERE 1";
  if (filter.from) where += " AND at_us >= ?";
  if (filter.to) where += " AND at_us < ?";
  if (filter.deviceId) where += " AND device = ?";
  if (filter.kind) where += " AND kind = ?";
  if (!filter.excludedKinds.empty()) where += " AND kind NOT IN (" + placeholders(filter.excludedKinds.size()) + ")";
  return where;
}

/// The row of a SELECT at_us, device, kind, detail, author.
StoredEvent storedEventOf(const Statement& rows) {
  StoredEvent stored;
  stored.event.at = timeFromMicros(rows.int64(0));
  stored.event.deviceId = static_cast<int>(rows.int64(1));
  stored.event.kind = rows.text(2);
  stored.event.detail = rows.text(3);
  stored.author = rows.text(4);
  return stored;
}

int bindFilter(Statement& statement, const EventFilter& filter) {
  int index = 1;
  if (filter.from) statement.bind(index++, toMicros(*filter.from));
  if (filter.to) statement.bind(index++, toMicros(*filter.to));
  if (filter.deviceId) statement.bind(index++, *filter.deviceId);
  if (filter.kind) statement.bind(index++, std::string_view(*filter.kind));
  for (const std::string& kind : filter.excludedKinds) statement.bind(index++, std::string_view(kind));
  return index;
}
}  // namespace

EventPage readEventPage(const Database& db, const EventFilter& filter, std::int64_t offset, std::int64_t limit) {
  EventPage page;
  const std::string where = whereOf(filter);
  Statement count = db.prepare("SELECT count(*) FROM events " + where);
  bindFilter(count, filter);
  if (count.step()) page.total = count.int64(0);
  Statement rows = db.prepare(
      fmt::format("SELECT at_us, device, kind, detail, author FROM events {} ORDER BY at_us DESC, id DESC LIMIT ? OFFSET ?", where));
  const int next = bindFilter(rows, filter);
  rows.bind(next, limit).bind(next + 1, offset);
  while (rows.step()) page.events.push_back(storedEventOf(rows));
  return page;
}

std::vector<StoredEvent> readEvents(const Database& db, Time from, Time to, std::size_t limit) {
  Statement rows = db.prepare(
      "SELECT at_us, device, kind, detail, author FROM events WHERE at_us >= ? AND at_us < ? ORDER BY at_us, id LIMIT ?");
  rows.bind(1, toMicros(from)).bind(2, toMicros(to)).bind(3, static_cast<std::int64_t>(limit));
  std::vector<StoredEvent> events;
  while (rows.step()) events.push_back(storedEventOf(rows));
  return events;
}

std::vector<std::string> storedEventKinds(const Database& db, const std::vector<std::string>& excluded) {
  std::vector<std::string> kinds;
  EventFilter filter;
  filter.excludedKinds = excluded;
  Statement rows = db.prepare("SELECT DISTINCT kind FROM events " + whereOf(filter) + " ORDER BY kind");
  bindFilter(rows, filter);
  while (rows.step()) kinds.push_back(rows.text(0));
  return kinds;
}

}  // namespace ews::sitedb
