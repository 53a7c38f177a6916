#include "ews/sitedb/database.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include "schema.hpp"

namespace ews::sitedb {

namespace {
// Web threads and `ews info` read while the engine writes: a reader never blocks the writer in
// WAL mode, but a checkpoint or a second writer may hold the lock briefly.
constexpr int kBusyTimeoutMs = 5000;

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw DbError(fmt::format("{}: {}", what, db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}
}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
      SQLITE_OK) {
    fail(db, fmt::format("site database: cannot prepare '{}'", sql));
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = other.stmt_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "site database: bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) fail(db_, "site database: bind");
  return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(db_, "site database: bind");
  }
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(db_, "site database: bind");
  }
  return *this;
}

Statement& Statement::bindNull(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "site database: bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string sql = sqlite3_sql(stmt_) != nullptr ? sqlite3_sql(stmt_) : "";
  sqlite3_reset(stmt_);
  fail(db_, fmt::format("site database: '{}'", sql));
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(stmt_, column);
  if (bytes == nullptr) return {};
  return {reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

Database::Database(const std::filesystem::path& path, Mode mode) : path_(path) {
  const int flags = mode == Mode::ReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close_v2(db_);
    throw DbError(fmt::format("site database {}: cannot open: {}", path.string(), message));
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db_, 1);
  try {
    const auto version = queryInt("PRAGMA user_version");
    if (version.value_or(0) > kSchemaVersion) {
      throw DbError(fmt::format("site database {}: schema version {} is newer than this ews ({}): update ews",
                                path.string(), *version, kSchemaVersion));
    }
    if (mode == Mode::ReadWrite) {
      // WAL: readers go on while the engine writes; NORMAL sync is durable across a process
      // crash (kill -9) and loses at most the last commits on a power cut, never consistency.
      // A new file: free pages are given back in small steps (Optimize, docs/backup.md), never
      // by a full VACUUM under a running writer. Only settable before the first table exists.
      if (version.value_or(0) == 0) exec("PRAGMA auto_vacuum = INCREMENTAL");
      exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON");
      detail::migrate(*this, static_cast<int>(version.value_or(0)));
    } else {
      if (version.value_or(0) != kSchemaVersion) {
        throw DbError(fmt::format("site database {}: schema version {} where {} is expected (open it once read-write)",
                                  path.string(), version.value_or(0), kSchemaVersion));
      }
      exec("PRAGMA query_only=ON");
    }
  } catch (const DbError& error) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    // Name the file: SQLite's own message ("file is not a database") does not.
    const std::string what = error.what();
    if (what.find(path.string()) != std::string::npos) throw;
    throw DbError(fmt::format("site database {}: {}", path.string(), what));
  }
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::exec(std::string_view sql) const {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string error = message != nullptr ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw DbError(fmt::format("'{}': {}", text.substr(0, 80), error));
  }
}

std::optional<std::int64_t> Database::queryInt(std::string_view sql) const {
  Statement statement = prepare(sql);
  if (!statement.step() || statement.isNull(0)) return std::nullopt;
  return statement.int64(0);
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

std::optional<std::string> Database::meta(std::string_view key) const {
  Statement statement = prepare("SELECT value FROM meta WHERE key = ?");
  statement.bind(1, key);
  if (!statement.step()) return std::nullopt;
  return statement.text(0);
}

void Database::setMeta(std::string_view key, std::string_view value) const {
  Statement statement = prepare("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  statement.bind(1, key).bind(2, value).run();
}

std::optional<Time> Database::metaTime(std::string_view key) const {
  const auto text = meta(key);
  if (!text || text->empty()) return std::nullopt;
  try {
    return timeFromMicros(std::stoll(*text));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Transaction::Transaction(const Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!open_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (const DbError&) {
    // The connection is going away with its error; SQLite rolls back on close anyway.
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace ews::sitedb
