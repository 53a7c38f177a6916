#include "schema.hpp"

#include <fmt/format.h>

namespace ews::sitedb::detail {

namespace {
// Version 1. Times are int64 microseconds since the Unix epoch, UTC (docs/design.md decision 1).
constexpr const char* kVersion1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- The configuration, one row per saved change: the whole site as scenario YAML
-- (docs/scenario-format.md), validated by the scenario loader before it is stored.
CREATE TABLE config_versions(
  version INTEGER PRIMARY KEY,
  saved_at_us INTEGER NOT NULL,
  author TEXT NOT NULL,
  summary TEXT NOT NULL,
  scenario TEXT NOT NULL);

-- Users of the web pages (manual 8.1, docs/users.md): codes only as salted slow hashes
-- ("pbkdf2-sha256$iterations$salt$hash"); pages as comma-separated page ids; default_pin and
-- default_puk say a manual's default code is still in use. Names are unique regardless of
-- case, so no "Administrator" can stand beside "administrator". pin_tag (HMAC-SHA256 of the
-- PIN under meta 'pin_tag_key', hex) finds the user of a PIN at login; PINs are unique.
CREATE TABLE users(
  name TEXT PRIMARY KEY COLLATE NOCASE,
  enabled INTEGER NOT NULL,
  pages TEXT NOT NULL,
  pin_hash TEXT NOT NULL,
  puk_hash TEXT NOT NULL,
  pin_tag TEXT NOT NULL,
  default_pin INTEGER NOT NULL,
  default_puk INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL) WITHOUT ROWID;
CREATE UNIQUE INDEX users_by_pin_tag ON users(pin_tag);

-- Browsers unlocked by a login with the PUK (manual 8.1.4; docs/users.md, "Login"): only the
-- SHA-256 of the cookie's random token (hex). `user` is who gave the PUK; any user may then log
-- in with the PIN alone from that browser. Rows live one year from created_at_us.
CREATE TABLE unlocked_browsers(
  token_hash TEXT PRIMARY KEY,
  user TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  last_used_us INTEGER NOT NULL) WITHOUT ROWID;

-- Settings kept as JSON documents per section: email, telegram, reports, alerts, connector.
CREATE TABLE settings(
  section TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  updated_at_us INTEGER NOT NULL,
  author TEXT NOT NULL) WITHOUT ROWID;

-- Consumption and cost history: one row per subject (device, load, group, total), resolution
-- and bucket key (history::Bucket::key), consumption and costs side by side. Keyed by time
-- first: a sample's upserts then fall on a few adjacent pages (a few dozen written per sample
-- instead of hundreds), and retention is one range delete per resolution.
CREATE TABLE buckets(
  kind INTEGER NOT NULL,
  subject INTEGER NOT NULL,
  resolution INTEGER NOT NULL,
  key INTEGER NOT NULL,
  value REAL NOT NULL,
  unpriced REAL NOT NULL,
  cost0 REAL NOT NULL, cost1 REAL NOT NULL, cost2 REAL NOT NULL, cost3 REAL NOT NULL, cost4 REAL NOT NULL,
  samples INTEGER NOT NULL,
  gaps INTEGER NOT NULL,
  PRIMARY KEY(resolution, key, kind, subject)) WITHOUT ROWID;

-- What a restart resumes from, written with each sample: the acquisition's counter of each
-- device and the recorder's baseline (docs/site-database.md, "Restart").
CREATE TABLE counters(
  device INTEGER PRIMARY KEY,
  last_raw REAL,
  total REAL NOT NULL,
  corrections INTEGER NOT NULL,
  baseline REAL);

CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  at_us INTEGER NOT NULL,
  device INTEGER NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  author TEXT NOT NULL DEFAULT '');
CREATE INDEX events_by_time ON events(at_us);
)sql";

// Version 2: the alarms page (docs/pages.md) filters events by device and by kind, newest first;
// without these a filter reads the table from the newest row until a page is full (~30 ms over
// 100 000 events for a device's).
constexpr const char* kVersion2 = R"sql(
CREATE INDEX events_by_device ON events(device, at_us);
CREATE INDEX events_by_kind ON events(kind, at_us);
)sql";

// Version 3: the deliveries still to be sent survive a restart (docs/delivery.md, "Failures
// never lose data"). The message as it goes out, never the account's password: that is read
// from the settings at each attempt. next_attempt_us is wall-clock time (retries wait in real
// time, also on a twin in virtual time).
constexpr const char* kVersion3 = R"sql(
CREATE TABLE outbox(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  device INTEGER NOT NULL,
  posted_at_us INTEGER NOT NULL,
  what TEXT NOT NULL,
  channel TEXT NOT NULL,
  recipients TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_us INTEGER NOT NULL);
CREATE TABLE outbox_files(
  delivery INTEGER NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY(delivery, position)) WITHOUT ROWID;
)sql";
}  // namespace

void migrate(const Database& db, int fromVersion) {
  if (fromVersion == kSchemaVersion) return;
  Transaction transaction(db);
  if (fromVersion < 1) db.exec(kVersion1);
  if (fromVersion < 2) db.exec(kVersion2);
  if (fromVersion < 3) db.exec(kVersion3);
  db.exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion));
  transaction.commit();
}

}  // namespace ews::sitedb::detail
