#pragma once
// System information (manual 8.8) as one query for the page and `ews info`: software version,
// last restart, CPU use, database size and free space, the box's own daily backup, and the
// database health that says when to optimise; and the optimisation itself (docs/backup.md).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "ews/kernel/time.hpp"
#include "ews/sitedb/daily_backup.hpp"

namespace ews::sitedb {

class Database;

/// CPU use over an interval, in percent of the whole machine (all cores together = 100), so
/// the process and the machine figures compare directly. nullopt where /proc could not be read
/// (or no process).
struct CpuUse {
  std::optional<double> processPercent;
  std::optional<double> machinePercent;
  Duration interval{};  ///< what the figures average over
};

/// Samples /proc/<pid>/stat and /proc/stat: each sample() gives the use since the previous
/// one (or since construction). The page keeps one and samples at each view; the first view
/// then averages over the time since the sampler was made.
class CpuSampler {
 public:
  /// pid: the process to watch; nullopt: the machine only.
  explicit CpuSampler(std::optional<int> pid);
  CpuUse sample();

 private:
  struct Reading {
    std::optional<std::uint64_t> processTicks;
    std::optional<std::uint64_t> machineTicks;
    std::optional<std::uint64_t> machineIdleTicks;
    Time at{};
  };
  Reading read() const;

  std::optional<int> pid_;
  Reading last_;
};

/// Two readings `interval` apart (sleeps): what a one-shot command like `ews info` shows.
CpuUse measureCpu(std::optional<int> pid, Duration interval);

/// The process holding <dataDir>/ews.lock (a running ews), from /proc/locks; nullopt when
/// none. It never takes the lock itself, so it cannot make a starting ews fail.
std::optional<int> folderLockHolder(const std::filesystem::path& dataDir);

/// Database health: how much of the file is free pages, whether the planner has statistics.
struct DatabaseHealth {
  std::int64_t pageSizeBytes = 0;
  std::int64_t pageCount = 0;
  std::int64_t freelistCount = 0;
  double freePercent = 0;  ///< freelist pages / pages
  bool analysed = false;   ///< ANALYZE statistics exist (sqlite_stat1)
  std::string autoVacuum;  ///< "none" | "full" | "incremental"
  std::optional<Time> lastOptimize;
  bool optimizeAdvised = false;
  std::string advice;  ///< "good", or why optimising is advised
};

/// The rule: optimise when at least 20 % of the pages are free and that is at least 1 MiB
/// (deleted history left holes), or when the database is larger than 1 MiB and was never
/// analysed (queries plan without statistics).
inline constexpr double kOptimizeFreePercent = 20.0;
inline constexpr std::int64_t kOptimizeMinBytes = 1 << 20;
DatabaseHealth databaseHealth(const Database& db);

struct SystemInfo {
  std::string softwareVersion;
  std::optional<Time> lastRestart;    ///< meta last_start_us (recordStart)
  std::optional<int> runningPid;      ///< the ews holding the data folder, if any
  CpuUse cpu;
  std::uint64_t databaseBytes = 0;    ///< ews.db + ews.db-wal
  std::uint64_t walBytes = 0;
  std::uint64_t freeBytes = 0;        ///< available to this user on the data folder's file system
  std::uint64_t filesystemBytes = 0;  ///< size of that file system
  AutoBackupStatus autoBackup;
  DatabaseHealth health;
  std::optional<Time> lastUserBackup;  ///< mtime of <dataDir>/database.zip
};

/// One query: `db` is a connection on <dataDir>/ews.db (read-only is enough); the CPU figures
/// are passed in (CpuSampler or measureCpu) because how long to sample is the caller's choice.
SystemInfo querySystemInfo(const std::filesystem::path& dataDir, const Database& db, const std::string& softwareVersion,
                           const CpuUse& cpu);

/// The figures as one JSON object (`ews info --json`, the System information page; docs/backup.md).
std::string systemInfoJson(const SystemInfo& info);

/// Writes meta last_start_us: call once when the ews starts, after opening the database.
void recordStart(const Database& db, Time now);

struct OptimizeOptions {
  /// Allowed only when no other connection writes (start-up before acquisition, or a stopped
  /// ews): a full VACUUM holds the write lock for its whole run. It also switches the file to
  /// auto_vacuum=INCREMENTAL, after which freeing pages never needs it again.
  bool allowFullVacuum = false;
  /// Incremental vacuum: pages freed per transaction, and the pause between two, so that the
  /// writer waits at most one step (milliseconds) for the lock.
  int pagesPerStep = 256;
  Duration pauseBetweenSteps = milliseconds(20);
  /// ANALYZE looks at this many rows per index (PRAGMA analysis_limit): bounded time on any size.
  int analysisLimitRows = 1000;
};

struct OptimizeReport {
  DatabaseHealth before;
  DatabaseHealth after;
  bool analysed = false;
  bool fullVacuum = false;
  int incrementalSteps = 0;
  /// Why free pages remain: e.g. auto_vacuum is none and a full VACUUM was not allowed.
  std::string note;
  Duration longestLockHold{};  ///< the longest single write transaction the optimisation held
};

/// "Optimize" (manual 8.8): ANALYZE (bounded), PRAGMA optimize, then frees the free pages
/// (incremental vacuum in steps; full VACUUM only when allowed); a passive WAL checkpoint at the
/// end lets the file shrink. Records meta last_optimize_us. Throws DbError.
OptimizeReport optimize(Database& db, Time now, const OptimizeOptions& options = {});

}  // namespace ews::sitedb
