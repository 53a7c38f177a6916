// `ews info --data DIR [--optimize] [--json]` (manual 8.8, docs/backup.md): the System
// information page as text or JSON, and its "Optimize" button.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "ews/reports/folder_lock.hpp"
#include "ews/sitedb/backup.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/system_info.hpp"

namespace ews::cli {

namespace {
// The CPU figures of a one-shot command: averaged over this long.
constexpr Duration kCpuSampleInterval = milliseconds(250);

Time wallNow() {
  return Time{std::chrono::duration_cast<Duration>(std::chrono::system_clock::now().time_since_epoch())};
}

std::string utcSeconds(Time t) { return formatUtc(t).substr(0, 19) + "Z"; }

std::string bytesText(std::uint64_t bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 4) {
    value /= 1024.0;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} bytes", bytes) : fmt::format("{:.1f} {}", value, units[unit]);
}

std::string percentText(const std::optional<double>& percent) {
  return percent ? fmt::format("{:.1f} %", *percent) : "unknown";
}

void printText(const sitedb::SystemInfo& info) {
  const auto& health = info.health;
  fmt::print("Software version     {}\n", info.softwareVersion);
  fmt::print("Last restart         {}\n", info.lastRestart ? utcSeconds(*info.lastRestart) : "never recorded");
  if (info.runningPid) {
    fmt::print("ews process          pid {}, CPU {} of the machine\n", *info.runningPid, percentText(info.cpu.processPercent));
  } else {
    fmt::print("ews process          not running on this folder\n");
  }
  fmt::print("Machine CPU          {} (over {:.2f} s)\n", percentText(info.cpu.machinePercent), toSeconds(info.cpu.interval));
  fmt::print("Database size        {} (WAL {})\n", bytesText(info.databaseBytes), bytesText(info.walBytes));
  fmt::print("Free space           {} of {}\n", bytesText(info.freeBytes), bytesText(info.filesystemBytes));
  const auto& automatic = info.autoBackup;
  if (!automatic.attemptedAt) {
    fmt::print("Automatic backup     never made\n");
  } else if (automatic.ok) {
    fmt::print("Automatic backup     {} Ok ({})\n", utcSeconds(*automatic.attemptedAt), automatic.message);
  } else {
    fmt::print("Automatic backup     {} Error: {}{}\n", utcSeconds(*automatic.attemptedAt), automatic.message,
               automatic.succeededAt ? fmt::format(" (last good copy {})", utcSeconds(*automatic.succeededAt)) : "");
  }
  fmt::print("User backup          {}\n",
             info.lastUserBackup ? fmt::format("{} ({})", utcSeconds(*info.lastUserBackup), sitedb::kBackupArchiveName)
                                 : "none in the data folder");
  fmt::print("Database health      {}\n", health.advice);
  fmt::print("  free pages         {:.1f} % ({} of {} pages of {} bytes), auto_vacuum {}, {}, last optimised {}\n",
             health.freePercent, health.freelistCount, health.pageCount, health.pageSizeBytes, health.autoVacuum,
             health.analysed ? "analysed" : "never analysed",
             health.lastOptimize ? utcSeconds(*health.lastOptimize) : "never");
}

// "Optimize": a full VACUUM only when no ews holds the folder (the lock is then ours for the
// duration, so none can start meanwhile); otherwise the steps that never block a writer long.
void runOptimize(const std::filesystem::path& dataDir, const std::filesystem::path& database, bool quiet) {
  std::optional<reports::FolderLock> lock;
  try {
    lock.emplace(dataDir, "ews info --optimize");
  } catch (const reports::FolderBusy&) {
  }
  sitedb::Database db(database, sitedb::Database::Mode::ReadWrite);
  sitedb::OptimizeOptions options;
  options.allowFullVacuum = lock.has_value();
  const sitedb::OptimizeReport report = sitedb::optimize(db, wallNow(), options);
  if (quiet) return;
  fmt::print("Optimize             analysed; {}; free pages {} -> {}; longest lock {:.3f} s\n",
             report.fullVacuum ? "full VACUUM (ews not running)"
                               : fmt::format("{} incremental vacuum steps", report.incrementalSteps),
             report.before.freelistCount, report.after.freelistCount, toSeconds(report.longestLockHold));
  if (!report.note.empty()) fmt::print("                     {}\n", report.note);
}
}  // namespace

int runInfo(const InfoOptions& options) {
  const std::filesystem::path dataDir(options.dataDir);
  const std::filesystem::path database = dataDir / sitedb::kDatabaseFileName;
  if (!std::filesystem::is_regular_file(database)) {
    fmt::print(stderr, "ews info: {}: no site database\n", database.string());
    return kInvalidInput;
  }
  try {
    if (options.optimize) runOptimize(dataDir, database, options.json);
    const sitedb::Database db(database, sitedb::Database::Mode::ReadOnly);
    const auto pid = sitedb::folderLockHolder(dataDir);
    const sitedb::CpuUse cpu = sitedb::measureCpu(pid, kCpuSampleInterval);
    const sitedb::SystemInfo info = sitedb::querySystemInfo(dataDir, db, EWS_VERSION, cpu);
    if (options.json) {
      fmt::print("{}", sitedb::systemInfoJson(info));
    } else {
      printText(info);
    }
    return kOk;
  } catch (const sitedb::DbError& error) {
    fmt::print(stderr, "ews info: {}\n", error.what());
    return kRuntimeError;
  }
}

}  // namespace ews::cli
