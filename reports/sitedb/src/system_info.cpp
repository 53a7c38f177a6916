// System information (manual 8.8) gathered in one query.
#include "ews/sitedb/system_info.hpp"

#include <fmt/format.h>
#include <sys/statvfs.h>

#include <chrono>

#include "ews/sitedb/backup.hpp"
#include "ews/sitedb/database.hpp"
#include "meta_keys.hpp"

namespace ews::sitedb {

namespace fs = std::filesystem;

namespace {
std::uint64_t sizeOr0(const fs::path& file) {
  std::error_code error;
  const auto bytes = fs::file_size(file, error);
  return error ? 0 : bytes;
}

std::optional<Time> modifiedAt(const fs::path& file) {
  std::error_code error;
  const auto stamp = fs::last_write_time(file, error);
  if (error) return std::nullopt;
  const auto system = std::chrono::file_clock::to_sys(stamp);
  return Time{std::chrono::duration_cast<Duration>(system.time_since_epoch())};
}
}  // namespace

DatabaseHealth databaseHealth(const Database& db) {
  DatabaseHealth health;
  health.pageSizeBytes = db.queryInt("PRAGMA page_size").value_or(0);
  health.pageCount = db.queryInt("PRAGMA page_count").value_or(0);
  health.freelistCount = db.queryInt("PRAGMA freelist_count").value_or(0);
  health.freePercent =
      health.pageCount > 0 ? 100.0 * static_cast<double>(health.freelistCount) / static_cast<double>(health.pageCount) : 0.0;
  health.analysed = db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").value_or(0) > 0;
  switch (db.queryInt("PRAGMA auto_vacuum").value_or(0)) {
    case 1: health.autoVacuum = "full"; break;
    case 2: health.autoVacuum = "incremental"; break;
    default: health.autoVacuum = "none";
  }
  health.lastOptimize = db.metaTime(detail::kMetaLastOptimize);

  const std::int64_t freeBytes = health.freelistCount * health.pageSizeBytes;
  const std::int64_t fileBytes = health.pageCount * health.pageSizeBytes;
  if (health.freePercent >= kOptimizeFreePercent && freeBytes >= kOptimizeMinBytes) {
    health.optimizeAdvised = true;
    health.advice = fmt::format("optimize advised: {:.0f} % of the database is free pages", health.freePercent);
  } else if (!health.analysed && fileBytes > kOptimizeMinBytes) {
    health.optimizeAdvised = true;
    health.advice = "optimize advised: the database was never analysed";
  } else {
    health.advice = "good";
  }
  return health;
}

SystemInfo querySystemInfo(const fs::path& dataDir, const Database& db, const std::string& softwareVersion,
                           const CpuUse& cpu) {
  SystemInfo info;
  info.softwareVersion = softwareVersion;
  info.lastRestart = db.metaTime(detail::kMetaLastStart);
  info.runningPid = folderLockHolder(dataDir);
  info.cpu = cpu;
  const fs::path database = dataDir / kDatabaseFileName;
  info.walBytes = sizeOr0(database.string() + "-wal");
  info.databaseBytes = sizeOr0(database) + info.walBytes;
  struct statvfs space {};
  if (::statvfs(dataDir.c_str(), &space) == 0) {
    info.freeBytes = static_cast<std::uint64_t>(space.f_bavail) * space.f_frsize;
    info.filesystemBytes = static_cast<std::uint64_t>(space.f_blocks) * space.f_frsize;
  }
  info.autoBackup = readAutoBackupStatus(db);
  info.health = databaseHealth(db);
  info.lastUserBackup = modifiedAt(dataDir / kBackupArchiveName);
  return info;
}

void recordStart(const Database& db, Time now) { db.setMeta(detail::kMetaLastStart, std::to_string(toMicros(now))); }

}  // namespace ews::sitedb
