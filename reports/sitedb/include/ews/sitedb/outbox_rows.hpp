#pragma once
// The deliveries still to be sent, kept in the site database so a restart resumes them
// (docs/delivery.md, "Failures never lose data"): the message itself (recipients, subject,
// text, the attached files' bytes), its attempts so far and the wall-clock instant of the next.
// No secret is ever stored: the sending account is read from the settings at each attempt.
#include <cstdint>
#include <string>
#include <vector>

#include "ews/sitedb/database.hpp"

namespace ews::sitedb {

struct OutboxFile {
  std::string name;      ///< "monthly_report_2026-03.pdf"
  std::string mimeType;  ///< "application/pdf"
  std::string content;   ///< the bytes (stored as a BLOB)
  bool operator==(const OutboxFile&) const = default;
};

struct OutboxRow {
  std::int64_t id = 0;  ///< 0: not stored yet
  std::string kind;     ///< the events kind of its log lines: "report", "alert", ...
  int deviceId = 0;
  Time postedAt{};      ///< the engine time it was posted at (its log lines carry it)
  std::string what;     ///< the log lines' description
  std::string channel;  ///< "email" or "telegram"
  std::vector<std::string> recipients;  ///< e-mail addresses; empty for Telegram (the enabled chats)
  std::string subject;
  std::string text;
  std::vector<OutboxFile> files;
  int attempts = 0;
  Time nextAttempt{};  ///< wall clock, UTC
  bool operator==(const OutboxRow&) const = default;
};

/// Inserts `row` (id 0) or replaces the stored row of its id, files included, in one
/// transaction; returns the id.
std::int64_t keepOutboxRow(const Database& db, const OutboxRow& row);
/// Removes a delivery sent or given up (and its files).
void removeOutboxRow(const Database& db, std::int64_t id);
/// Every delivery waiting, oldest first.
std::vector<OutboxRow> outboxRows(const Database& db);

}  // namespace ews::sitedb
