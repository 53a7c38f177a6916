#include "ews/sitedb/outbox_rows.hpp"

#include <sstream>

namespace ews::sitedb {

namespace {
// Recipients are e-mail addresses: a line break cannot be part of one (the settings refuse it).
std::string joinLines(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : "\n") + item;
  return joined;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> items;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) items.push_back(line);
  return items;
}
}  // namespace

std::int64_t keepOutboxRow(const Database& db, const OutboxRow& row) {
  Transaction transaction(db);
  Statement upsert = db.prepare(
      "INSERT OR REPLACE INTO outbox(id, kind, device, posted_at_us, what, channel, recipients, subject, body, attempts, "
      "next_attempt_us) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (row.id != 0) upsert.bind(1, row.id); else upsert.bindNull(1);
  upsert.bind(2, row.kind).bind(3, row.deviceId).bind(4, toMicros(row.postedAt)).bind(5, row.what).bind(6, row.channel);
  upsert.bind(7, joinLines(row.recipients)).bind(8, row.subject).bind(9, row.text).bind(10, row.attempts);
  upsert.bind(11, toMicros(row.nextAttempt)).run();
  const std::int64_t id = row.id != 0 ? row.id : db.lastInsertId();
  db.prepare("DELETE FROM outbox_files WHERE delivery = ?").bind(1, id).run();
  Statement file = db.prepare("INSERT INTO outbox_files(delivery, position, name, mime_type, content) VALUES(?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < row.files.size(); ++i) {
    const OutboxFile& f = row.files[i];
    file.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, f.name).bind(4, f.mimeType);
    file.bindBlob(5, f.content).run();  // a PDF or a zip is not text
  }
  transaction.commit();
  return id;
}

void removeOutboxRow(const Database& db, std::int64_t id) {
  Transaction transaction(db);
  db.prepare("DELETE FROM outbox_files WHERE delivery = ?").bind(1, id).run();
  db.prepare("DELETE FROM outbox WHERE id = ?").bind(1, id).run();
  transaction.commit();
}

std::vector<OutboxRow> outboxRows(const Database& db) {
  std::vector<OutboxRow> rows;
  Statement select = db.prepare(
      "SELECT id, kind, device, posted_at_us, what, channel, recipients, subject, body, attempts, next_attempt_us "
      "FROM outbox ORDER BY id");
  while (select.step()) {
    OutboxRow& row = rows.emplace_back();
    row.id = select.int64(0);
    row.kind = select.text(1);
    row.deviceId = static_cast<int>(select.int64(2));
    row.postedAt = timeFromMicros(select.int64(3));
    row.what = select.text(4);
    row.channel = select.text(5);
    row.recipients = splitLines(select.text(6));
    row.subject = select.text(7);
    row.text = select.text(8);
    row.attempts = static_cast<int>(select.int64(9));
    row.nextAttempt = timeFromMicros(select.int64(10));
  }
  Statement files = db.prepare("SELECT name, mime_type, content FROM outbox_files WHERE delivery = ? ORDER BY position");
  for (OutboxRow& row : rows) {
    files.bind(1, row.id);
    while (files.step()) row.files.push_back({files.text(0), files.text(1), files.text(2)});
    files.reset();
  }
  return rows;
}

}  // namespace ews::sitedb
