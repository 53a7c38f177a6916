#pragma once
// Backup and restore of a data folder (manual 9, docs/backup.md). A backup is one zip,
// `database.zip`: a consistent copy of the site database made with SQLite's online backup API
// while acquisition goes on, the CSV history tree, and `manifest.json` (versions, the size and
// SHA-256 of every file). Restore checks an archive completely (zip structure, entry names,
// manifest, checksums, schema version, SQLite integrity_check) in a staging folder inside the
// data folder, and only then swaps it in; a bad archive is refused with a message naming what
// is wrong, and the data folder is left as it was.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ews/kernel/time.hpp"

namespace ews::sitedb {

/// A backup or restore could not be done (I/O, no database to back up, disk full...); what()
/// names the folder or file and the reason.
class BackupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Restore refused the archive; what() is "<archive>: <what is wrong>". Nothing was changed.
class ArchiveRejected : public BackupError {
 public:
  using BackupError::BackupError;
};

/// The file names inside a data folder that backup and restore know.
inline constexpr const char* kDatabaseFileName = "ews.db";
inline constexpr const char* kCsvFolderName = "csv";
inline constexpr const char* kBackupArchiveName = "database.zip";
/// The manifest's format version this build writes and reads.
inline constexpr int kBackupFormatVersion = 1;

struct ManifestFile {
  std::string path;  ///< archive entry name, e.g. "ews.db", "csv/devices/1/1_energy_2026-01.csv"
  std::uint64_t bytes = 0;
  std::string sha256;  ///< 64 lower-case hex digits
};

/// `manifest.json` of an archive.
struct Manifest {
  int formatVersion = kBackupFormatVersion;
  std::string ewsVersion;  ///< the software that wrote the archive
  int schemaVersion = 0;   ///< PRAGMA user_version of the archived database
  Time createdAt{};
  std::optional<std::int64_t> configVersion;  ///< max(config_versions.version); none when empty
  std::vector<ManifestFile> files;            ///< every file of the archive but the manifest
};

struct BackupOptions {
  std::string ewsVersion;       ///< written to the manifest (the cli passes EWS_VERSION)
  std::filesystem::path output;  ///< empty: <dataDir>/database.zip
  /// The database copy goes this many pages per sqlite3_backup_step, pausing in between so the
  /// copy shares the disk with the writer (the writer itself never waits on it: WAL).
  int pagesPerStep = 256;
  Duration pauseBetweenSteps = milliseconds(1);
  /// PRAGMA integrity_check on the copy before it is archived: a corrupt database gives an
  /// error rather than an archive restore would refuse. Off only in tests.
  bool verifyCopy = true;
  /// Zip64 records even for a small archive (they are used anyway past 4 GiB or 65535 entries).
  bool forceZip64 = false;
};

struct BackupResult {
  std::filesystem::path archive;
  std::uint64_t archiveBytes = 0;
  Manifest manifest;
  std::uint64_t databaseBytes = 0;
  std::size_t csvFiles = 0;
  std::uint64_t csvBytes = 0;
  int copySteps = 0;  ///< sqlite3_backup_step calls the database copy took
};

/// Writes the archive of `dataDir` (its ews.db and csv/ tree) atomically (temporary file, then
/// rename). Safe while an ews runs on the folder: takes no folder lock, reads the database
/// through its own query-only connection in one read transaction (a consistent snapshot), and
/// the CSV files up to their last complete line. `now` stamps the manifest.
/// Throws BackupError.
BackupResult backup(const std::filesystem::path& dataDir, Time now, const BackupOptions& options);

struct RestoreOptions {
  std::string holder = "ews restore";  ///< named in ews.lock while the restore runs
  /// Verify the archive completely and change nothing; takes no folder lock (may run beside
  /// the folder's ews), staging in the data folder all the same.
  bool checkOnly = false;
};

struct RestoreResult {
  Manifest manifest;
  /// Where the previous ews.db (with its -wal/-shm if any) and csv/ were moved:
  /// <dataDir>/.before-restore-<UTC time>; empty when the folder had neither or checkOnly.
  std::filesystem::path previousData;
  std::size_t files = 0;  ///< files restored (or checked)
};

/// Restores `archive` into `dataDir`. Takes the folder lock first (throws reports::FolderBusy
/// naming the running process), extracts into <dataDir>/.restore-XXXXXX and verifies
/// everything there; only then moves the current ews.db and csv/ aside into
/// <dataDir>/.before-restore-<time>/ and renames the staged ones in. Throws ArchiveRejected
/// for a bad archive (nothing changed), BackupError for I/O failures (the swap is rolled back).
/// `now` names the folder of the previous data.
RestoreResult restore(const std::filesystem::path& dataDir, const std::filesystem::path& archive, Time now,
                      const RestoreOptions& options = {});

}  // namespace ews::sitedb
