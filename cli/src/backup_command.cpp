// `ews backup --data DIR [--out FILE]` and `ews restore --data DIR FILE [--check]` (manual 9,
// docs/backup.md): the same library calls the Backup/Restore page makes.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "ews/reports/folder_lock.hpp"
#include "ews/sitedb/backup.hpp"

namespace ews::cli {

namespace {
Time wallNow() {
  return Time{std::chrono::duration_cast<Duration>(std::chrono::system_clock::now().time_since_epoch())};
}

std::string utcSeconds(Time t) { return formatUtc(t).substr(0, 19) + "Z"; }
}  // namespace

int runBackup(const BackupOptions& options) {
  const std::filesystem::path dataDir(options.dataDir);
  if (!std::filesystem::is_regular_file(dataDir / sitedb::kDatabaseFileName)) {
    fmt::print(stderr, "ews backup: {}: no site database ({})\n", dataDir.string(), sitedb::kDatabaseFileName);
    return kInvalidInput;
  }
  sitedb::BackupOptions backupOptions;
  backupOptions.ewsVersion = EWS_VERSION;
  backupOptions.output = options.outPath;
  try {
    const sitedb::BackupResult result = sitedb::backup(dataDir, wallNow(), backupOptions);
    fmt::print("{}: {} bytes: ews.db ({} bytes, schema version {}{}), {} CSV files ({} bytes)\n",
               result.archive.string(), result.archiveBytes, result.databaseBytes, result.manifest.schemaVersion,
               result.manifest.configVersion ? fmt::format(", configuration version {}", *result.manifest.configVersion)
                                             : std::string(),
               result.csvFiles, result.csvBytes);
    return kOk;
  } catch (const sitedb::BackupError& error) {
    fmt::print(stderr, "ews backup: {}\n", error.what());
    return kRuntimeError;
  }
}

int runRestore(const RestoreOptions& options) {
  sitedb::RestoreOptions restoreOptions;
  restoreOptions.holder = fmt::format("ews restore {}", options.archivePath);
  restoreOptions.checkOnly = options.checkOnly;
  try {
    const sitedb::RestoreResult result =
        sitedb::restore(options.dataDir, options.archivePath, wallNow(), restoreOptions);
    const sitedb::Manifest& manifest = result.manifest;
    const std::string origin =
        fmt::format("{} files, schema version {}{}, made by ews {} on {}", result.files, manifest.schemaVersion,
                    manifest.configVersion ? fmt::format(", configuration version {}", *manifest.configVersion) : "",
                    manifest.ewsVersion, utcSeconds(manifest.createdAt));
    if (options.checkOnly) {
      fmt::print("{}: a valid ews backup: {}\n", options.archivePath, origin);
      return kOk;
    }
    fmt::print("{}: restored into {}: {}\n", options.archivePath, options.dataDir, origin);
    if (!result.previousData.empty()) fmt::print("previous data kept in {}\n", result.previousData.string());
    return kOk;
  } catch (const sitedb::ArchiveRejected& error) {
    fmt::print(stderr, "ews restore: {}\nnothing was changed in {}\n", error.what(), options.dataDir);
    return kInvalidInput;
  } catch (const reports::FolderBusy& error) {
    fmt::print(stderr, "ews restore: {}\n", error.what());
    return kRuntimeError;
  } catch (const sitedb::BackupError& error) {
    fmt::print(stderr, "ews restore: {}\n", error.what());
    return kRuntimeError;
  }
}

}  // namespace ews::cli
