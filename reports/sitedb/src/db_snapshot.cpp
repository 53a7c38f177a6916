#include "db_snapshot.hpp"

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <thread>

#include "ews/sitedb/database.hpp"
#include "sqlite_file.hpp"

namespace ews::sitedb::detail {

SnapshotResult snapshotDatabase(const std::filesystem::path& source, const std::filesystem::path& destination,
                                const SnapshotOptions& options) {
  if (!std::filesystem::is_regular_file(source)) throw DbError(fmt::format("{}: no site database", source.string()));
  // Read-write but query-only: it never writes, yet when it is the last connection (no ews
  // running) closing it merges and removes the -wal and -shm files, as a read-only connection
  // cannot; they would otherwise stay behind in the data folder.
  SqliteFile from(source, SQLITE_OPEN_READWRITE);
  from.exec("PRAGMA query_only = ON");
  // One read transaction for the whole copy: every step then reads the same snapshot.
  from.exec("BEGIN");
  SnapshotResult result;
  const auto version = from.integer("PRAGMA user_version");
  result.schemaVersion = static_cast<int>(version.value_or(0));
  if (result.schemaVersion == 0) throw DbError(fmt::format("{}: not an ews site database (no schema)", source.string()));
  if (result.schemaVersion > kSchemaVersion) {
    throw DbError(fmt::format("{}: schema version {} is newer than this ews ({})", source.string(), result.schemaVersion,
                              kSchemaVersion));
  }
  if (!from.column("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'config_versions'").empty()) {
    result.configVersion = from.integer("SELECT max(version) FROM config_versions");
  }

  std::error_code ignored;
  std::filesystem::remove(destination, ignored);
  std::filesystem::remove(destination.string() + "-journal", ignored);
  SqliteFile to(destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3_backup* copy = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
  if (copy == nullptr) {
    throw DbError(fmt::format("{}: cannot start the copy: {}", destination.string(), sqlite3_errmsg(to.handle())));
  }
  const int pagesPerStep = options.pagesPerStep > 0 ? options.pagesPerStep : -1;
  int rc = SQLITE_OK;
  while (true) {
    rc = sqlite3_backup_step(copy, pagesPerStep);
    ++result.steps;
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    if (options.pauseBetweenSteps > Duration::zero()) {
      std::this_thread::sleep_for(std::chrono::microseconds(toMicros(options.pauseBetweenSteps)));
    }
  }
  sqlite3_backup_finish(copy);
  if (rc != SQLITE_DONE) {
    throw DbError(fmt::format("{}: copy of {} failed: {}", destination.string(), source.string(), sqlite3_errstr(rc)));
  }
  from.exec("COMMIT");
  from.close();

  // The copied header says WAL like its source; a copy is one self-contained file. The ews
  // switches it back to WAL when it opens it read-write after a restore.
  to.exec("PRAGMA journal_mode=DELETE");
  if (options.verify) {
    const std::string check = integrityCheck(to);
    if (check != "ok") throw DbError(fmt::format("{}: the database fails integrity_check: {}", source.string(), check));
  }
  to.close();
  result.bytes = std::filesystem::file_size(destination);
  return result;
}

}  // namespace ews::sitedb::detail
