// Writing database.zip (manual 9.1): the database copy, the CSV tree, the manifest.
#include "ews/sitedb/backup.hpp"

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/Compress.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <streambuf>

#include "db_snapshot.hpp"
#include "entry_path.hpp"
#include "ews/sitedb/database.hpp"
#include "manifest.hpp"
#include "range_buf.hpp"
#include "sha256.hpp"
#include "work_dir.hpp"

namespace ews::sitedb {

namespace fs = std::filesystem;

namespace {
// Plain zip records stop at 65535 entries and 4 GiB; past those Poco writes zip64 records,
// which it must know before the first entry. Margins cover deflate's worst-case growth.
constexpr std::size_t kZip64EntryThreshold = 60'000;
constexpr std::uint64_t kZip64ByteThreshold = 0xF000'0000ull;

// The CSV files are appended by whole lines while the backup runs (reports/stores,
// AppendCsvFile): take each up to its last complete line, which is what the ews itself keeps
// of a cut line when it reopens the file.
std::uint64_t completeLineBytes(std::ifstream& in, std::uint64_t size) {
  if (size == 0) return 0;
  std::uint64_t end = size;
  std::array<char, 4096> block{};
  while (end > 0) {
    const std::uint64_t begin = end > block.size() ? end - block.size() : 0;
    in.seekg(static_cast<std::streamoff>(begin));
    in.read(block.data(), static_cast<std::streamsize>(end - begin));
    if (static_cast<std::uint64_t>(in.gcount()) != end - begin) break;
    for (std::uint64_t i = end - begin; i-- > 0;) {
      if (block[i] == '\n') return begin + i + 1;
    }
    end = begin;
  }
  in.clear();
  return size;  // no line break at all: not a line-based file, take it whole
}

// Regular files under csv/, relative to the data folder, sorted (a stable archive order).
// Symbolic links are not followed: restore could not recreate them, and they may point
// outside the folder. AtomicFile's *.partial files are unfinished writes.
std::vector<fs::path> listCsvTree(const fs::path& dataDir) {
  std::vector<fs::path> files;
  const fs::path root = dataDir / kCsvFolderName;
  if (!fs::is_directory(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_symlink() || !entry.is_regular_file()) continue;
    if (entry.path().extension() == ".partial") continue;
    files.push_back(fs::relative(entry.path(), dataDir));
  }
  std::sort(files.begin(), files.end());
  return files;
}

Poco::DateTime pocoTime(Time t) { return Poco::DateTime(Poco::Timestamp(toMicros(t))); }

std::string entryName(const fs::path& relative) { return relative.generic_string(); }
}  // namespace

BackupResult backup(const fs::path& dataDir, Time now, const BackupOptions& options) {
  const fs::path database = dataDir / kDatabaseFileName;
  if (!fs::is_regular_file(database)) {
    throw BackupError(fmt::format("{}: no site database ({}) to back up", dataDir.string(), kDatabaseFileName));
  }
  BackupResult result;
  result.archive = options.output.empty() ? dataDir / kBackupArchiveName : options.output;
  detail::WorkDir work(dataDir, ".backup-");

  // 1. The database: a snapshot file first; the zip is then written from a file nobody writes.
  const fs::path copy = work.path() / kDatabaseFileName;
  detail::SnapshotResult snapshot;
  try {
    snapshot = detail::snapshotDatabase(database, copy,
                                        {options.pagesPerStep, options.pauseBetweenSteps, options.verifyCopy});
  } catch (const DbError& error) {
    throw BackupError(fmt::format("backup of {} failed: {}", dataDir.string(), error.what()));
  }
  result.copySteps = snapshot.steps;
  result.databaseBytes = snapshot.bytes;
  Manifest& manifest = result.manifest;
  manifest.ewsVersion = options.ewsVersion;
  manifest.schemaVersion = snapshot.schemaVersion;
  manifest.createdAt = now;
  manifest.configVersion = snapshot.configVersion;

  const std::vector<fs::path> csvFiles = listCsvTree(dataDir);
  std::uint64_t totalBytes = snapshot.bytes;
  for (const fs::path& file : csvFiles) {
    std::error_code ignored;
    totalBytes += fs::file_size(dataDir / file, ignored);
  }
  const bool zip64 = options.forceZip64 || csvFiles.size() * 2 + 2 > kZip64EntryThreshold ||
                     totalBytes >= kZip64ByteThreshold;

  try {
    detail::PartialFile partial(result.archive);
    std::ofstream out(partial.path(), std::ios::binary | std::ios::trunc);
    if (!out) throw BackupError(fmt::format("cannot write {}", partial.path().string()));
    Poco::Zip::Compress zip(out, true, zip64);
    const Poco::DateTime stamp = pocoTime(now);
    auto add = [&](const fs::path& file, const std::string& name, bool wholeLines) {
      std::ifstream in(file, std::ios::binary);
      if (!in) throw BackupError(fmt::format("cannot read {}", file.string()));
      in.seekg(0, std::ios::end);
      const auto size = static_cast<std::uint64_t>(in.tellg());
      const std::uint64_t bytes = wholeLines ? completeLineBytes(in, size) : size;
      in.clear();
      in.seekg(0);
      detail::Sha256 hash;
      // Bytes [0, limit) of a file that may be growing, hashed on the way: the archive entry and
      // the manifest's checksum come from one and the same read.
      detail::RangeBuf buffer(in, bytes, [&hash](const char* data, std::size_t count) { hash.update(data, count); });
      std::istream source(&buffer);
      zip.addFile(source, stamp, Poco::Path(name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                  Poco::Zip::ZipCommon::CL_NORMAL);
      if (hash.bytes() != bytes) throw BackupError(fmt::format("{}: shorter than expected while reading", file.string()));
      manifest.files.push_back({name, bytes, hash.hexDigest()});
      return bytes;
    };
    add(copy, kDatabaseFileName, false);
    for (const fs::path& file : csvFiles) {
      const bool lines = file.extension() == ".csv";
      result.csvBytes += add(dataDir / file, entryName(file), lines);
      ++result.csvFiles;
    }
    // Last: it lists the others. Its own integrity is the zip's CRC-32.
    std::istringstream manifestText(detail::manifestJson(manifest));
    zip.addFile(manifestText, stamp, Poco::Path(std::string(detail::kManifestName), Poco::Path::PATH_UNIX),
                Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_NORMAL);
    zip.close();
    out.close();
    if (!out) throw BackupError(fmt::format("cannot write {} (disk full?)", partial.path().string()));
    partial.commit();
  } catch (const Poco::Exception& error) {
    throw BackupError(fmt::format("{}: cannot write the archive: {}", result.archive.string(), error.displayText()));
  }
  result.archiveBytes = fs::file_size(result.archive);
  return result;
}

}  // namespace ews::sitedb
