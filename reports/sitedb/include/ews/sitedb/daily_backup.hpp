#pragma once
// The box's own daily database copy (manual 8.8: "Database Backup performed by the Web
// server", distinct from the user's database.zip). Once a day a copy of ews.db only, made with
// SQLite's backup API like the user's backup, goes to <dataDir>/backups/auto-YYYY-MM-DD.db;
// the newest `keepCopies` are kept. Its date and status ("ok" / "error") are kept in the meta
// table for the System information page. No threads: the caller asks due() and calls run().
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "ews/kernel/time.hpp"

namespace ews {
class TimeZone;
}

namespace ews::sitedb {

class Database;

/// The last automatic copy as recorded in the meta table.
struct AutoBackupStatus {
  std::optional<Time> attemptedAt;  ///< last attempt, good or not
  std::optional<Time> succeededAt;  ///< last good copy
  bool ok = false;                  ///< the last attempt succeeded
  std::string message;              ///< the file written, or the error
};

/// Reads the meta keys written by DailyBackup::record; all empty when no copy was ever tried.
AutoBackupStatus readAutoBackupStatus(const Database& db);

class DailyBackup {
 public:
  struct Options {
    int keepCopies = 7;
    /// After a failed copy, the next attempt of the same day waits this long.
    Duration retryAfter = hours(1);
    /// The day of a copy (its file name, "one per day") is the local day in this zone; UTC
    /// when null. Not owned; must outlive the DailyBackup.
    const TimeZone* zone = nullptr;
    int pagesPerStep = 256;
    Duration pauseBetweenSteps = milliseconds(1);
  };

  struct Result {
    bool ok = false;
    Time at{};
    std::filesystem::path file;  ///< the copy written (ok)
    std::uint64_t bytes = 0;
    std::string message;  ///< the error (not ok)
  };

  explicit DailyBackup(std::filesystem::path dataDir);
  DailyBackup(std::filesystem::path dataDir, Options options);

  /// Loads the last attempt from the meta table: call once after opening the database, so a
  /// restart does not copy again the same day.
  void resume(const Database& db);
  /// True when there is no good copy of now's day yet, and no failed attempt less than
  /// retryAfter ago.
  bool due(Time now) const;

  /// Makes the copy and records its status: copy(now) then record(db, result).
  Result run(const Database& db, Time now);

  /// The copy alone: its own read-only connection on <dataDir>/ews.db, then pruning of the
  /// oldest copies. Never throws for a failed copy (the result says why). Touches no state of
  /// this object: it may run on a worker thread while the caller's thread keeps writing;
  /// one copy at a time, and record() its result on the thread that owns `db`.
  Result copy(Time now) const;
  /// Writes the status to the meta table (the caller's connection) and updates due().
  void record(const Database& db, const Result& result);

  /// <dataDir>/backups
  std::filesystem::path folder() const;

 private:
  std::int64_t dayNumber(Time t) const;  // days since 1970-01-01 in the chosen zone

  std::filesystem::path dataDir_;
  Options options_;
  std::optional<Time> lastAttempt_;
  std::optional<Time> lastSuccess_;
};

}  // namespace ews::sitedb
