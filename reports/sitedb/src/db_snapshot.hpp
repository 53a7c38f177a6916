#pragma once
// A consistent copy of the site database while the engine writes it, with SQLite's online
// backup API. The source connection is our own, query-only, and holds one read transaction for
// the whole copy: in WAL mode a reader never blocks the writer, and a copy inside one read
// transaction is one snapshot that never restarts (sqlite3_backup_step restarts a copy when
// the source changes between two read transactions, which under a writer committing every
// sample could go on forever). The pages go over in steps with a pause between, so the copy
// shares the disk rather than saturating it.
#include <cstdint>
#include <filesystem>
#include <optional>

#include "ews/kernel/time.hpp"

namespace ews::sitedb::detail {

struct SnapshotOptions {
  int pagesPerStep = 256;
  Duration pauseBetweenSteps = milliseconds(1);
  bool verify = true;  ///< PRAGMA integrity_check on the copy
};

struct SnapshotResult {
  std::uint64_t bytes = 0;
  int schemaVersion = 0;
  std::optional<std::int64_t> configVersion;
  int steps = 0;
};

/// Copies `source` into `destination` (overwritten; a single file in rollback-journal mode, no
/// -wal). Throws DbError naming the file: source missing, not an ews site database, a schema
/// newer than this build, the copy failing, or (verify) the copy failing integrity_check.
SnapshotResult snapshotDatabase(const std::filesystem::path& source, const std::filesystem::path& destination,
                                const SnapshotOptions& options);

}  // namespace ews::sitedb::detail
