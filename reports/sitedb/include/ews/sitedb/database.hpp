#pragma once
// One SQLite connection to the site database (docs/design.md decision 12, docs/site-database.md), over
// SQLite's C API: a thin RAII layer (statements, transactions, typed errors) because the
// writer's hot path binds and steps prepared statements thousands of times per sample, and
// the C API is what Debian's libsqlite3 ships. One writer connection (the engine side) and any
// number of read-only ones (web threads, `ews info`); WAL mode lets them read while it writes.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ews/kernel/time.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ews::sitedb {

/// A database operation failed; what() names the operation and SQLite's message.
class DbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A prepared statement. Parameters are 1-based, columns 0-based, as in SQLite.
class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bindNull(int index);
  /// Bytes that are not text (an attached PDF or zip); read back with text().
  Statement& bindBlob(int index, std::string_view bytes);
  /// true: a row is available; false: done.
  bool step();
  /// Runs a statement that returns no row (or ignores them) and resets it.
  void run();
  /// Ready for new bindings (bindings are cleared too).
  void reset();

  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  bool isNull(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  enum class Mode {
    ReadWrite,  ///< creates the file if missing, sets WAL, migrates the schema
    ReadOnly,   ///< the file must exist with the current schema; writes fail
  };

  /// Opens `path`. Throws DbError naming the file: missing (ReadOnly), not a database, a schema
  /// newer than this build, or corrupt.
  Database(const std::filesystem::path& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Statement prepare(std::string_view sql) const { return Statement(db_, sql); }
  /// Runs one or more statements without results.
  void exec(std::string_view sql) const;
  /// The first column of the first row of `sql`, nullopt without a row or for NULL.
  std::optional<std::int64_t> queryInt(std::string_view sql) const;
  std::int64_t lastInsertId() const;
  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return db_; }

  /// Values of the `meta` table (key/value text): schema facts, watermarks, backup status.
  std::optional<std::string> meta(std::string_view key) const;
  void setMeta(std::string_view key, std::string_view value) const;
  /// A meta value holding µs since the epoch; nullopt when absent, empty or damaged (reads as
  /// "never").
  std::optional<Time> metaTime(std::string_view key) const;

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

/// BEGIN IMMEDIATE ... COMMIT; rolled back when destroyed uncommitted (an exception).
class Transaction {
 public:
  explicit Transaction(const Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  const Database& db_;
  bool open_ = true;
};

/// The schema version this build writes (PRAGMA user_version). A database with a newer one is
/// refused; an older one is migrated when opened ReadWrite.
inline constexpr int kSchemaVersion = 3;

}  // namespace ews::sitedb
