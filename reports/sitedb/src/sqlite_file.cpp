#include "sqlite_file.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ews/sitedb/database.hpp"

namespace ews::sitedb::detail {

namespace {
constexpr int kBusyTimeoutMs = 5000;  // as the site database's own connections
}

SqliteFile::SqliteFile(const std::filesystem::path& path, int openFlags) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, openFlags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw DbError(fmt::format("{}: cannot open: {}", path.string(), message));
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db_, 1);
}

SqliteFile::~SqliteFile() { sqlite3_close_v2(db_); }

void SqliteFile::exec(std::string_view sql) const {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string error = message != nullptr ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw DbError(fmt::format("{}: '{}': {}", path_.string(), text, error));
  }
}

std::vector<std::string> SqliteFile::column(std::string_view sql) const {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
    throw DbError(fmt::format("{}: '{}': {}", path_.string(), sql, sqlite3_errmsg(db_)));
  }
  std::vector<std::string> rows;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    const auto* bytes = sqlite3_column_text(statement, 0);
    rows.emplace_back(bytes != nullptr ? reinterpret_cast<const char*>(bytes) : "");
  }
  sqlite3_finalize(statement);
  if (rc != SQLITE_DONE) throw DbError(fmt::format("{}: '{}': {}", path_.string(), sql, sqlite3_errmsg(db_)));
  return rows;
}

std::optional<std::int64_t> SqliteFile::integer(std::string_view sql) const {
  const auto rows = column(sql);
  if (rows.empty() || rows.front().empty()) return std::nullopt;
  return std::stoll(rows.front());
}

void SqliteFile::close() {
  if (db_ == nullptr) return;
  if (sqlite3_close(db_) != SQLITE_OK) {
    throw DbError(fmt::format("{}: cannot close: {}", path_.string(), sqlite3_errmsg(db_)));
  }
  db_ = nullptr;
}

std::string integrityCheck(const SqliteFile& db, int maxErrors) {
  const auto lines = db.column(fmt::format("PRAGMA integrity_check({})", maxErrors));
  if (lines.empty()) return "no answer";
  std::string joined;
  // A row may hold several lines ("*** in database main ***\nPage 6: ..."): one line out.
  for (const auto& row : lines) {
    std::size_t start = 0;
    while (start <= row.size()) {
      const std::size_t end = std::min(row.find('\n', start), row.size());
      if (end > start) {
        if (!joined.empty()) joined += "; ";
        joined.append(row, start, end - start);
      }
      start = end + 1;
    }
  }
  return joined;
}

}  // namespace ews::sitedb::detail
