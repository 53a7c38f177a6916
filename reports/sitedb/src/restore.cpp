// Restoring database.zip (manual 9.2): everything is checked in a staging folder before the
// data folder changes at all; then the current data is moved aside and the staged data renamed
// in, under the folder lock.
#include <fmt/format.h>
#include <sys/statvfs.h>

#include <chrono>
#include <fstream>
#include <map>
#include <optional>

#include "ews/reports/folder_lock.hpp"
#include "ews/sitedb/backup.hpp"
#include "ews/sitedb/database.hpp"
#include "entry_path.hpp"
#include "manifest.hpp"
#include "sha256.hpp"
#include "sqlite_file.hpp"
#include "work_dir.hpp"
#include "zip_reader.hpp"

namespace ews::sitedb {

namespace fs = std::filesystem;

namespace {
constexpr std::uint64_t kMaxManifestBytes = 16 * 1024 * 1024;
// Room kept free beyond the unpacked archive: the ews must still be able to write after it.
constexpr std::uint64_t kFreeSpaceMarginBytes = 16 * 1024 * 1024;

struct StagedFile {
  std::uint64_t bytes = 0;
  std::string sha256;
};

// "20260105T073000Z": the moment of a restore in a folder name.
std::string compactUtc(Time t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{seconds - day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), time.hours().count(),
                     time.minutes().count(), time.seconds().count());
}

std::optional<std::uint64_t> freeBytes(const fs::path& folder) {
  struct statvfs info {};
  if (::statvfs(folder.c_str(), &info) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
}

class Restorer {
 public:
  Restorer(const fs::path& dataDir, const fs::path& archive) : dataDir_(dataDir), archive_(archive) {}

  ArchiveRejected rejected(std::string_view what) const {
    return ArchiveRejected(fmt::format("{}: {}", archive_.string(), what));
  }

  // Reads and checks everything into `staging`; returns the manifest.
  Manifest stage(const fs::path& staging) {
    std::optional<detail::ZipReader> zip;
    try {
      zip.emplace(archive_);
    } catch (const detail::ZipFormatError& error) {
      throw rejected(error.what());
    }
    checkNames(zip->entries());
    checkFreeSpace(zip->entries());

    std::string manifestText;
    std::map<std::string, StagedFile> staged;
    for (const detail::ZipEntry& entry : zip->entries()) {
      if (entry.isDirectory()) continue;
      try {
        if (entry.name == detail::kManifestName) {
          if (entry.uncompressedBytes > kMaxManifestBytes) throw rejected("manifest.json is too large");
          zip->extract(entry, [&](const char* data, std::size_t bytes) { manifestText.append(data, bytes); });
        } else {
          staged[entry.name] = extractFile(*zip, entry, staging);
        }
      } catch (const detail::ZipFormatError& error) {
        throw rejected(error.what());
      }
    }
    if (manifestText.empty()) throw rejected("no manifest.json: not an ews backup");
    Manifest manifest;
    try {
      manifest = detail::parseManifest(manifestText);
    } catch (const std::runtime_error& error) {
      throw rejected(error.what());
    }
    checkSchemaVersion(manifest.schemaVersion);
    checkFiles(manifest, staged);
    checkDatabase(staging / kDatabaseFileName, manifest.schemaVersion);
    return manifest;
  }

 private:
  void checkNames(const std::vector<detail::ZipEntry>& entries) const {
    std::map<std::string, int> seen;
    for (const detail::ZipEntry& entry : entries) {
      if (const auto problem = detail::entryNameProblem(entry.name)) {
        throw rejected(fmt::format("entry '{}' {}", entry.name, *problem));
      }
      if (entry.isSymlink()) throw rejected(fmt::format("entry '{}' is a symbolic link", entry.name));
      if (++seen[entry.name] > 1) throw rejected(fmt::format("entry '{}' appears twice", entry.name));
    }
  }

  void checkFreeSpace(const std::vector<detail::ZipEntry>& entries) const {
    std::uint64_t needed = kFreeSpaceMarginBytes;
    for (const detail::ZipEntry& entry : entries) needed += entry.uncompressedBytes;
    const auto available = freeBytes(dataDir_);
    if (available && *available < needed) {
      throw BackupError(fmt::format("{}: not restored: it needs {} bytes, {} has {} free", archive_.string(), needed,
                                    dataDir_.string(), *available));
    }
  }

  StagedFile extractFile(detail::ZipReader& zip, const detail::ZipEntry& entry, const fs::path& staging) const {
    const fs::path target = staging / fs::path(entry.name);
    // Names were checked; this is the belt to those braces.
    const auto relative = target.lexically_normal().lexically_relative(staging);
    if (relative.empty() || *relative.begin() == "..") {
      throw rejected(fmt::format("entry '{}' escapes the data folder", entry.name));
    }
    fs::create_directories(target.parent_path());
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out) throw BackupError(fmt::format("cannot write {}", target.string()));
    detail::Sha256 hash;
    zip.extract(entry, [&](const char* data, std::size_t bytes) {
      hash.update(data, bytes);
      out.write(data, static_cast<std::streamsize>(bytes));
    });
    out.close();
    if (!out) throw BackupError(fmt::format("cannot write {} (disk full?)", target.string()));
    return {hash.bytes(), hash.hexDigest()};
  }

  void checkSchemaVersion(int version) const {
    if (version > kSchemaVersion) {
      throw rejected(fmt::format("schema version {}, this ews reads {} (restore it with a newer ews)", version,
                                 kSchemaVersion));
    }
    if (version < 1) throw rejected(fmt::format("schema version {}: not an ews site database", version));
  }

  void checkFiles(const Manifest& manifest, const std::map<std::string, StagedFile>& staged) const {
    bool hasDatabase = false;
    for (const ManifestFile& file : manifest.files) {
      const auto found = staged.find(file.path);
      if (found == staged.end()) throw rejected(fmt::format("{}: listed in the manifest but missing", file.path));
      if (found->second.bytes != file.bytes) {
        throw rejected(fmt::format("{}: {} bytes where the manifest says {}", file.path, found->second.bytes, file.bytes));
      }
      if (found->second.sha256 != file.sha256) throw rejected(fmt::format("{}: checksum mismatch", file.path));
      hasDatabase = hasDatabase || file.path == kDatabaseFileName;
    }
    for (const auto& stagedFile : staged) {
      const std::string& name = stagedFile.first;  // not a structured binding: clang 14 cannot capture one
      const bool listed = std::any_of(manifest.files.begin(), manifest.files.end(),
                                      [&](const ManifestFile& entry) { return entry.path == name; });
      if (!listed) throw rejected(fmt::format("{}: not listed in the manifest", name));
    }
    if (!hasDatabase) throw rejected("no ews.db in the archive");
  }

  void checkDatabase(const fs::path& database, int manifestVersion) const {
    std::string problem;
    try {
      detail::SqliteFile db(database, SQLITE_OPEN_READWRITE);
      const int version = static_cast<int>(db.integer("PRAGMA user_version").value_or(0));
      if (version != manifestVersion) {
        problem = fmt::format("ews.db has schema version {} where the manifest says {}", version, manifestVersion);
      } else if (const std::string check = detail::integrityCheck(db); check != "ok") {
        problem = fmt::format("ews.db fails integrity_check: {}", check);
      } else if (db.column("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").empty()) {
        problem = "ews.db is not an ews site database (no meta table)";
      }
      db.close();
    } catch (const DbError& error) {
      // SQLite reports a badly damaged file as an error rather than integrity_check rows.
      const std::string what = error.what();
      const auto colon = what.rfind(": ");
      problem = fmt::format("ews.db fails integrity_check: {}", colon == std::string::npos ? what : what.substr(colon + 2));
    }
    if (!problem.empty()) throw rejected(problem);
  }

  fs::path dataDir_;
  fs::path archive_;
};

// The current data moved aside and the staged data in; undone step by step on failure.
class Swap {
 public:
  ~Swap() {
    if (!done_) rollBack();
  }

  void move(const fs::path& from, const fs::path& to) {
    fs::rename(from, to);
    moves_.emplace_back(from, to);
  }
  void commit() { done_ = true; }

 private:
  void rollBack() noexcept {
    for (auto it = moves_.rbegin(); it != moves_.rend(); ++it) {
      std::error_code ignored;
      fs::rename(it->second, it->first, ignored);
    }
  }

  std::vector<std::pair<fs::path, fs::path>> moves_;
  bool done_ = false;
};

// Makes the current ews.db one self-contained file before it moves aside (its -wal merged);
// what cannot be merged (a damaged database) moves along with it instead.
void checkpoint(const fs::path& database) {
  try {
    detail::SqliteFile db(database, SQLITE_OPEN_READWRITE);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db.close();
  } catch (const DbError&) {
  }
}

fs::path previousDataFolder(const fs::path& dataDir, Time now) {
  const std::string base = ".before-restore-" + compactUtc(now);
  fs::path folder = dataDir / base;
  for (int n = 2; fs::exists(folder); ++n) folder = dataDir / fmt::format("{}-{}", base, n);
  return folder;
}
}  // namespace

RestoreResult restore(const fs::path& dataDir, const fs::path& archive, Time now, const RestoreOptions& options) {
  if (!fs::is_regular_file(archive)) throw ArchiveRejected(fmt::format("{}: no such archive", archive.string()));
  fs::create_directories(dataDir);
  // Held to the end: no ews may start on the folder between the checks and the swap. A check
  // alone changes nothing and may run beside the folder's ews (the page checks an upload first).
  std::optional<reports::FolderLock> lock;
  if (!options.checkOnly) {
    try {
      lock.emplace(dataDir, options.holder);
    } catch (const reports::FolderBusy& error) {
      throw reports::FolderBusy(fmt::format("{}: not restored: {}", archive.string(), error.what()));
    }
  }

  detail::WorkDir staging(dataDir, ".restore-");
  RestoreResult result;
  try {
    result.manifest = Restorer(dataDir, archive).stage(staging.path());
  } catch (const fs::filesystem_error& error) {
    throw BackupError(fmt::format("{}: not restored: {}", archive.string(), error.what()));
  }
  result.files = result.manifest.files.size();
  if (options.checkOnly) return result;

  const fs::path database = dataDir / kDatabaseFileName;
  const fs::path csv = dataDir / kCsvFolderName;
  if (fs::exists(database)) checkpoint(database);
  std::vector<std::string> current;
  for (const char* name : {"ews.db", "ews.db-wal", "ews.db-shm", "ews.db-journal", kCsvFolderName}) {
    if (fs::exists(fs::symlink_status(dataDir / name))) current.emplace_back(name);
  }
  try {
    Swap swap;
    if (!current.empty()) {
      result.previousData = previousDataFolder(dataDir, now);
      fs::create_directory(result.previousData);
      for (const std::string& name : current) swap.move(dataDir / name, result.previousData / name);
    }
    swap.move(staging.path() / kDatabaseFileName, database);
    if (fs::exists(staging.path() / kCsvFolderName)) swap.move(staging.path() / kCsvFolderName, csv);
    detail::syncFolder(dataDir);
    swap.commit();
  } catch (const fs::filesystem_error& error) {
    std::error_code ignored;
    if (!result.previousData.empty()) fs::remove(result.previousData, ignored);  // only if emptied back
    throw BackupError(fmt::format("{}: not restored, the data folder is as it was: {}", archive.string(), error.what()));
  }
  return result;
}

}  // namespace ews::sitedb
