#include "ews/sitedb/event_query.hpp"

#include <fmt/format.h>

#include <algorithm>

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
  if (filter.afterId > 0) where += " AND id > ?";
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

/// The filter as a text, to find its count again (afterId is not part of it).
std::string keyOf(const EventFilter& filter) {
  std::string key = fmt::format("{}|{}|{}|{}|", filter.from ? toMicros(*filter.from) : -1, filter.to ? toMicros(*filter.to) : -1,
                                filter.deviceId.value_or(-1), filter.kind ? "=" + *filter.kind : std::string());
  for (const std::string& kind : filter.excludedKinds) key += kind + ",";
  return key;
}

int bindFilter(Statement& statement, const EventFilter& filter) {
  int index = 1;
  if (filter.from) statement.bind(index++, toMicros(*filter.from));
  if (filter.to) statement.bind(index++, toMicros(*filter.to));
  if (filter.deviceId) statement.bind(index++, *filter.deviceId);
  if (filter.kind) statement.bind(index++, std::string_view(*filter.kind));
  for (const std::string& kind : filter.excludedKinds) statement.bind(index++, std::string_view(kind));
  if (filter.afterId > 0) statement.bind(index++, filter.afterId);
  return index;
}
}  // namespace

std::int64_t EventCounts::sync(const Database& db) {
  Statement last = db.prepare("SELECT coalesce(max(id), 0) FROM events");
  const std::int64_t id = last.step() ? last.int64(0) : 0;
  if (id < lastId_) {
    counts_.clear();
    kinds_.clear();
    kindsUpToId_ = 0;
  }
  lastId_ = id;
  return id;
}

std::int64_t EventCounts::count(const Database& db, const EventFilter& filter) {
  const std::int64_t last = sync(db);
  // Filters come from the page's choices: a bound keeps a client asking new ones from growing it.
  if (counts_.size() > 1000) counts_.clear();
  Count& known = counts_[keyOf(filter)];
  if (known.upToId < last) {
    EventFilter since = filter;
    since.afterId = known.upToId;
    Statement count = db.prepare("SELECT count(*) FROM events " + whereOf(since) + " AND id <= ?");
    count.bind(bindFilter(count, since), last);
    if (count.step()) known.rows += count.int64(0);
    known.upToId = last;
  }
  return known.rows;
}

std::vector<std::string> EventCounts::kinds(const Database& db, const std::vector<std::string>& excluded) {
  const std::int64_t last = sync(db);
  if (kindsUpToId_ < last) {
    Statement rows = db.prepare("SELECT DISTINCT kind FROM events WHERE id > ? AND id <= ?");
    rows.bind(1, kindsUpToId_).bind(2, last);
    while (rows.step()) kinds_.insert(rows.text(0));
    kindsUpToId_ = last;
  }
  std::vector<std::string> out;
  for (const std::string& kind : kinds_) {
    if (std::find(excluded.begin(), excluded.end(), kind) == excluded.end()) out.push_back(kind);
  }
  return out;
}

namespace {
// Rows at or after a key in the newest-first order: "at_us <= ?" lets SQLite start its index
// range there (an OR of the two cases would scan from the top).
constexpr std::string_view kAtOrAfterKey = " AND at_us <= ? AND NOT (at_us = ? AND id > ?)";
constexpr std::string_view kAfterKey = " AND at_us <= ? AND NOT (at_us = ? AND id >= ?)";

int bindKey(Statement& statement, int index, const EventAnchors::Key& key) {
  statement.bind(index, key.atUs).bind(index + 1, key.atUs).bind(index + 2, key.id);
  return index + 3;
}

/// The key of the row `skip` rows after `after` (from the top when null) among the matching
/// rows with id <= upToId; nullopt past the end.
std::optional<EventAnchors::Key> keyAfter(const Database& db, const EventFilter& filter, const EventAnchors::Key* after,
                                          std::int64_t skip, std::int64_t upToId) {
  Statement row = db.prepare(fmt::format("SELECT at_us, id FROM events {} AND id <= ?{} ORDER BY at_us DESC, id DESC "
                                         "LIMIT 1 OFFSET ?",
                                         whereOf(filter), after != nullptr ? kAfterKey : ""));
  int index = bindFilter(row, filter);
  row.bind(index++, upToId);
  if (after != nullptr) index = bindKey(row, index, *after);
  row.bind(index, skip);
  if (!row.step()) return std::nullopt;
  return EventAnchors::Key{row.int64(0), row.int64(1)};
}

/// Matching rows appended after upToId that come before `key` in the newest-first order.
std::int64_t appendedBefore(const Database& db, const EventFilter& filter, const EventAnchors::Key& key,
                            std::int64_t upToId) {
  Statement count = db.prepare(fmt::format("SELECT count(*) FROM events {} AND id > ? AND (at_us > ? OR (at_us = ? AND id > ?))",
                                           whereOf(filter)));
  const int index = bindFilter(count, filter);
  count.bind(index, upToId);
  bindKey(count, index + 1, key);
  return count.step() ? count.int64(0) : 0;
}
}  // namespace

std::optional<EventAnchors::Start> EventAnchors::startFor(const Database& db, const EventFilter& filter,
                                                          std::int64_t offset) {
  if (offset < kStride) return std::nullopt;
  Statement lastRow = db.prepare("SELECT coalesce(max(id), 0) FROM events");
  const std::int64_t last = lastRow.step() ? lastRow.int64(0) : 0;
  if (last < lastId_ || byFilter_.size() > 100) byFilter_.clear();  // restored; or a client asking many filters
  lastId_ = last;
  Anchors& anchors = byFilter_[keyOf(filter)];
  if (anchors.keys.empty() || last - anchors.upToId > kStride) anchors = Anchors{{}, last, false};
  const auto wanted = static_cast<std::size_t>(offset / kStride);
  while (anchors.keys.size() < wanted && !anchors.complete) {
    const Key* previous = anchors.keys.empty() ? nullptr : &anchors.keys.back();
    const auto key = keyAfter(db, filter, previous, previous != nullptr ? kStride - 1 : kStride, anchors.upToId);
    if (key) {
      anchors.keys.push_back(*key);
    } else {
      anchors.complete = true;
    }
  }
  // The deepest key not beyond `offset` once the rows appended since are counted.
  for (std::size_t i = std::min(wanted, anchors.keys.size()); i > 0; --i) {
    const Key& key = anchors.keys[i - 1];
    const std::int64_t position = static_cast<std::int64_t>(i) * kStride +
                                  (last > anchors.upToId ? appendedBefore(db, filter, key, anchors.upToId) : 0);
    if (position <= offset) return Start{key, position};
  }
  return std::nullopt;
}

EventPage readEventPage(const Database& db, const EventFilter& filter, std::int64_t offset, std::int64_t limit,
                        EventCounts& counts, EventAnchors* anchors) {
  EventPage page;
  page.total = counts.count(db, filter);
  const auto start = anchors != nullptr ? anchors->startFor(db, filter, offset) : std::nullopt;
  Statement rows = db.prepare(fmt::format(
      "SELECT at_us, device, kind, detail, author FROM events {}{} ORDER BY at_us DESC, id DESC LIMIT ? OFFSET ?",
      whereOf(filter), start ? kAtOrAfterKey : ""));
  int next = bindFilter(rows, filter);
  if (start) next = bindKey(rows, next, start->key);
  rows.bind(next, limit).bind(next + 1, start ? offset - start->position : offset);
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

}  // namespace ews::sitedb
