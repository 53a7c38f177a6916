#pragma once
// Raw SQLite connections on database files that are not (yet) the site database: the source
// and destination of a copy, a staged database under check. Database (database.hpp) would
// migrate and switch journal modes on open, which a copy or a check must not do.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ews::sitedb::detail {

class SqliteFile {
 public:
  /// Throws DbError naming the file.
  SqliteFile(const std::filesystem::path& path, int openFlags);
  ~SqliteFile();
  SqliteFile(const SqliteFile&) = delete;
  SqliteFile& operator=(const SqliteFile&) = delete;

  sqlite3* handle() const { return db_; }
  /// Throws DbError with SQLite's message.
  void exec(std::string_view sql) const;
  /// First column of every row as text (NULL as "").
  std::vector<std::string> column(std::string_view sql) const;
  std::optional<std::int64_t> integer(std::string_view sql) const;
  /// Closes now (it must succeed for a copy to be complete); throws DbError.
  void close();

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

/// The first lines of PRAGMA integrity_check, joined; "ok" for a sound database.
std::string integrityCheck(const SqliteFile& db, int maxErrors = 5);

}  // namespace ews::sitedb::detail
