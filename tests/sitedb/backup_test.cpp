// Backup and restore (manual 9) on real files: a consistent copy while a writer commits,
// a restore giving the same totals, and every kind of bad archive refused with the data folder
// left byte for byte as it was.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "backup_test_support.hpp"
#include "ews/reports/folder_lock.hpp"
#include "ews/sitedb/backup.hpp"
#include "zip_builder.hpp"
#include "zip_reader.hpp"  // reports/sitedb/src

namespace {
namespace fs = std::filesystem;
using namespace ews;
using namespace ews::sitedb;
using namespace ews::sitedb::testing;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<std::pair<std::string, std::string>> readArchive(const fs::path& archive) {
  detail::ZipReader zip(archive);
  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto& entry : zip.entries()) {
    std::string content;
    zip.extract(entry, [&](const char* data, std::size_t bytes) { content.append(data, bytes); });
    entries.emplace_back(entry.name, content);
  }
  return entries;
}

BackupOptions options() {
  BackupOptions backupOptions;
  backupOptions.ewsVersion = "9.8.7-test";
  return backupOptions;
}

class BackupTest : public TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    source_ = root_ / "source";
    target_ = root_ / "target";
    makeDataFolder(source_, 200, 5, "source");
    makeDataFolder(target_, 30, 2, "target");
  }

  // An archive of the source folder, then rebuilt by `edit` (name, content) -> entries.
  fs::path rebuilt(const std::string& name,
                   const std::function<void(std::vector<std::pair<std::string, std::string>>&)>& edit) {
    const BackupResult made = backup(source_, kNow, options());
    auto entries = readArchive(made.archive);
    edit(entries);
    ZipBuilder zip;
    for (auto& [entryName, content] : entries) zip.add(entryName, content);
    const fs::path archive = root_ / name;
    zip.write(archive.string());
    return archive;
  }

  // The archive is refused with `expected` in the message, and the target folder is untouched.
  void expectRefused(const fs::path& archive, const std::string& expected) {
    const auto before = fingerprint(target_);
    try {
      restore(target_, archive, kNow);
      ADD_FAILURE() << archive << " was accepted";
    } catch (const ArchiveRejected& error) {
      EXPECT_THAT(error.what(), StartsWith(archive.string() + ": "));
      EXPECT_THAT(error.what(), HasSubstr(expected));
      if (std::getenv("EWS_SHOW_MESSAGES") != nullptr) std::cerr << error.what() << '\n';
    }
    EXPECT_EQ(fingerprint(target_), before);
    EXPECT_EQ(countNamed(target_, ".restore-"), 0);
    EXPECT_EQ(countNamed(target_, ".before-restore-"), 0);
  }

  fs::path source_;
  fs::path target_;
};

TEST_F(BackupTest, RestoreIntoFreshFolderGivesSameTotalsAndFiles) {
  const BackupResult made = backup(source_, kNow, options());
  EXPECT_EQ(made.archive, source_ / "database.zip");
  EXPECT_TRUE(fs::is_regular_file(made.archive));
  EXPECT_EQ(countNamed(source_, "database.zip.partial"), 0);
  EXPECT_EQ(fs::status(made.archive).permissions() & fs::perms::others_read, fs::perms::others_read);
  EXPECT_EQ(countNamed(source_, ".backup-"), 0);
  EXPECT_EQ(made.manifest.ewsVersion, "9.8.7-test");
  EXPECT_EQ(made.manifest.schemaVersion, kSchemaVersion);
  EXPECT_EQ(made.manifest.configVersion, std::optional<std::int64_t>(3));
  EXPECT_EQ(made.csvFiles, 3u);
  ASSERT_EQ(made.manifest.files.size(), 4u);
  EXPECT_EQ(made.manifest.files.front().path, "ews.db");

  const fs::path fresh = root_ / "fresh";
  const RestoreResult restored = restore(fresh, made.archive, kNow);
  EXPECT_TRUE(restored.previousData.empty());
  EXPECT_EQ(restored.files, 4u);
  EXPECT_EQ(restored.manifest.configVersion, std::optional<std::int64_t>(3));
  EXPECT_EQ(totalsOf(fresh / "ews.db"), totalsOf(source_ / "ews.db"));
  EXPECT_EQ(totalsOf(fresh / "ews.db").rows, 1000);
  for (const char* csv : {"csv/devices/1/1_energy_2026-01.csv", "csv/overallTotal/values_2026-01.csv",
                          "csv/settings/devices_v1.csv"}) {
    EXPECT_EQ(readBytes(fresh / csv), readBytes(source_ / csv)) << csv;
  }
  EXPECT_FALSE(fs::exists(fresh / "trace.h5"));  // only the database and the CSV tree
  EXPECT_EQ(countNamed(fresh, ".restore-"), 0);
  Database db(fresh / "ews.db", Database::Mode::ReadWrite);  // the ews opens it as usual
  EXPECT_EQ(db.meta("site"), std::optional<std::string>("source"));
}

TEST_F(BackupTest, BackupDuringAcquisitionIsAConsistentPrefix) {
  constexpr int kSubjects = 4;
  constexpr int kMaxCommits = 200'000;  // bounded even if the backup were stuck
  {
    Database db(source_ / "ews.db", Database::Mode::ReadWrite);
    db.exec("DELETE FROM buckets");
  }
  // A writer like the engine's: its own connection, one transaction per "sample".
  std::atomic<int> commits{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    Database db(source_ / "ews.db", Database::Mode::ReadWrite);
    insertBuckets(db, 0, 5000, kSubjects);  // some megabytes first: many copy steps
    commits = 5000;
    while (!stop && commits < kMaxCommits) {
      insertBuckets(db, commits, 1, kSubjects);
      ++commits;
    }
  });
  while (commits < 5000) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  BackupOptions slow = options();
  slow.pagesPerStep = 8;
  slow.pauseBetweenSteps = milliseconds(2);
  const int commitsBefore = commits;
  const BackupResult made = backup(source_, kNow, slow);
  const int commitsAfter = commits;
  stop = true;
  writer.join();

  EXPECT_GT(made.copySteps, 20);
  // The writer went on committing while the copy ran: it never waited for the backup.
  EXPECT_GT(commitsAfter, commitsBefore + 10);
  const fs::path fresh = root_ / "fresh";
  restore(fresh, made.archive, kNow);  // integrity_check passed inside
  const Totals copied = totalsOf(fresh / "ews.db");
  // Whole transactions only, a prefix of the writer's: keys 0..n-1, every subject for each.
  const std::int64_t n = copied.distinctKeys;
  EXPECT_EQ(copied.rows, n * kSubjects);
  EXPECT_EQ(copied.maxKey, n - 1);
  EXPECT_DOUBLE_EQ(copied.valueSum,
                   static_cast<double>(kSubjects * n * (n - 1) / 2 + n * kSubjects * (kSubjects - 1) / 2));
  EXPECT_GE(n, commitsBefore);
  EXPECT_LE(n, commitsAfter);
  EXPECT_GE(totalsOf(source_ / "ews.db").rows, copied.rows);
}

TEST_F(BackupTest, RestoreReplacesDataAndKeepsThePreviousAside) {
  const auto targetBefore = fingerprint(target_);
  const BackupResult made = backup(source_, kNow, options());
  const RestoreResult restored = restore(target_, made.archive, kNow);
  EXPECT_EQ(totalsOf(target_ / "ews.db"), totalsOf(source_ / "ews.db"));
  EXPECT_EQ(readBytes(target_ / "csv/settings/devices_v1.csv"), readBytes(source_ / "csv/settings/devices_v1.csv"));
  EXPECT_EQ(readBytes(target_ / "trace.h5"), "not part of a backup target");  // other files stay
  EXPECT_FALSE(fs::exists(target_ / "ews.db-wal"));
  ASSERT_FALSE(restored.previousData.empty());
  EXPECT_EQ(restored.previousData.parent_path(), target_);
  EXPECT_EQ(restored.previousData.filename(), ".before-restore-20260105T100000Z");
  // The previous database and tree, whole, in the aside folder.
  for (const auto& [path, hash] : targetBefore) {
    if (path == "trace.h5") continue;
    EXPECT_EQ(detail::sha256Hex(readBytes(restored.previousData / path)), hash) << path;
  }
  EXPECT_EQ(totalsOf(restored.previousData / "ews.db").rows, 60);
  // A second restore the same second keeps both previous states.
  const RestoreResult again = restore(target_, made.archive, kNow);
  EXPECT_EQ(again.previousData.filename(), ".before-restore-20260105T100000Z-2");
}

TEST_F(BackupTest, CheckOnlyChangesNothing) {
  const BackupResult made = backup(source_, kNow, options());
  const auto before = fingerprint(target_);
  RestoreOptions check;
  check.checkOnly = true;
  reports::FolderLock running(target_, "ews live site.yaml");  // a check may run beside the ews
  const RestoreResult result = restore(target_, made.archive, kNow, check);
  EXPECT_EQ(result.files, 4u);
  EXPECT_EQ(fingerprint(target_), before);
  EXPECT_EQ(countNamed(target_, ".restore-"), 0);
}

TEST_F(BackupTest, Zip64ArchiveRoundTrips) {
  BackupOptions zip64 = options();
  zip64.forceZip64 = true;
  const BackupResult made = backup(source_, kNow, zip64);
  restore(target_, made.archive, kNow);
  EXPECT_EQ(totalsOf(target_ / "ews.db"), totalsOf(source_ / "ews.db"));
}

TEST_F(BackupTest, CsvFilesAreCutAtTheirLastCompleteLine) {
  // A line being appended as the backup reads the file: only whole lines go in.
  writeBytes(source_ / "csv/devices/1/1_energy_2026-02.csv", "date_time;counter_Wh\n2026-02-01;1\n2026-02-01;2");
  const BackupResult made = backup(source_, kNow, options());
  restore(target_, made.archive, kNow);
  EXPECT_EQ(readBytes(target_ / "csv/devices/1/1_energy_2026-02.csv"), "date_time;counter_Wh\n2026-02-01;1\n");
}

TEST_F(BackupTest, BackupWithoutDatabaseFails) {
  fs::create_directories(root_ / "empty");
  EXPECT_THROW(
      {
        try {
          backup(root_ / "empty", kNow, options());
        } catch (const BackupError& error) {
          EXPECT_THAT(error.what(), HasSubstr("no site database"));
          throw;
        }
      },
      BackupError);
}

TEST_F(BackupTest, RefusesTruncatedArchive) {
  const BackupResult made = backup(source_, kNow, options());
  const std::string bytes = readBytes(made.archive);
  writeBytes(root_ / "half.zip", bytes.substr(0, bytes.size() / 2));
  expectRefused(root_ / "half.zip", "not a zip archive (truncated?)");
  writeBytes(root_ / "short.zip", bytes.substr(0, bytes.size() - 3));
  expectRefused(root_ / "short.zip", "not a zip archive (truncated?)");
  writeBytes(root_ / "text.zip", "this is not an archive at all\n");
  expectRefused(root_ / "text.zip", "not a zip archive (truncated?)");
}

TEST_F(BackupTest, RefusesArchiveWithCorruptedCompressedData) {
  const BackupResult made = backup(source_, kNow, options());
  std::string bytes = readBytes(made.archive);
  bytes[bytes.size() / 3] = static_cast<char>(bytes[bytes.size() / 3] ^ 0x5a);  // inside ews.db's deflated data
  writeBytes(root_ / "flipped.zip", bytes);
  expectRefused(root_ / "flipped.zip", "entry 'ews.db': ");
}

TEST_F(BackupTest, RefusesModifiedCsvFile) {
  const fs::path archive = rebuilt("modified.zip", [](auto& entries) {
    for (auto& [name, content] : entries) {
      if (name == "csv/devices/1/1_energy_2026-01.csv") content[50] = content[50] == '1' ? '2' : '1';
    }
  });
  expectRefused(archive, "csv/devices/1/1_energy_2026-01.csv: checksum mismatch");
}

TEST_F(BackupTest, RefusesNewerSchemaVersion) {
  const fs::path archive = rebuilt("newer.zip", [](auto& entries) {
    for (auto& [name, content] : entries) {
      if (name != "manifest.json") continue;
      const std::string from = fmt::format("\"schema_version\": {}", kSchemaVersion);
      ASSERT_NE(content.find(from), std::string::npos);
      content.replace(content.find(from), from.size(), "\"schema_version\": 9");
    }
  });
  expectRefused(archive, fmt::format("schema version 9, this ews reads {}", kSchemaVersion));
}

TEST_F(BackupTest, RefusesEntriesEscapingTheDataFolder) {
  const fs::path dotdot = rebuilt("dotdot.zip", [](auto& entries) { entries.emplace_back("../evil", "x"); });
  expectRefused(dotdot, "entry '../evil' escapes the data folder");
  const fs::path nested = rebuilt("nested.zip", [](auto& entries) { entries.emplace_back("csv/../../evil", "x"); });
  expectRefused(nested, "entry 'csv/../../evil' escapes the data folder");
  const fs::path absolute = rebuilt("absolute.zip", [](auto& entries) { entries.emplace_back("/etc/x", "x"); });
  expectRefused(absolute, "entry '/etc/x' is an absolute path");
  EXPECT_FALSE(fs::exists(root_ / "evil"));
  EXPECT_FALSE(fs::exists(target_.parent_path() / "evil"));
}

TEST_F(BackupTest, RefusesSymbolicLinkEntry) {
  const BackupResult made = backup(source_, kNow, options());
  ZipBuilder zip;
  for (auto& [name, content] : readArchive(made.archive)) zip.add(name, content);
  zip.add("csv/link", "/etc/passwd", 0120777);
  zip.write((root_ / "link.zip").string());
  expectRefused(root_ / "link.zip", "entry 'csv/link' is a symbolic link");
}

TEST_F(BackupTest, RefusesUnlistedAndUnknownFiles) {
  const fs::path extra = rebuilt("extra.zip", [](auto& entries) { entries.emplace_back("csv/extra.csv", "a;b\n"); });
  expectRefused(extra, "csv/extra.csv: not listed in the manifest");
  const fs::path unknown = rebuilt("unknown.zip", [](auto& entries) { entries.emplace_back("trace.h5", "x"); });
  expectRefused(unknown, "entry 'trace.h5' is not part of an ews backup");
  const fs::path missing = rebuilt("missing.zip", [](auto& entries) {
    std::erase_if(entries, [](const auto& entry) { return entry.first == "csv/settings/devices_v1.csv"; });
  });
  expectRefused(missing, "csv/settings/devices_v1.csv: listed in the manifest but missing");
  const fs::path noManifest = rebuilt("nomanifest.zip", [](auto& entries) {
    std::erase_if(entries, [](const auto& entry) { return entry.first == "manifest.json"; });
  });
  expectRefused(noManifest, "no manifest.json");
  const fs::path twice = rebuilt("twice.zip", [](auto& entries) { entries.push_back(entries.back()); });
  expectRefused(twice, "appears twice");
}

TEST_F(BackupTest, RefusesDatabaseFailingIntegrityCheck) {
  // Damage a b-tree page of the history table in the source file; the backup API copies pages
  // as they are, so the archive carries the damage with correct checksums.
  std::int64_t rootPage = 0;
  std::int64_t pageBytes = 0;
  {
    Database db(source_ / "ews.db", Database::Mode::ReadOnly);
    rootPage = db.queryInt("SELECT rootpage FROM sqlite_master WHERE name = 'buckets'").value();
    pageBytes = db.queryInt("PRAGMA page_size").value();
  }
  {
    std::fstream file(source_ / "ews.db", std::ios::in | std::ios::out | std::ios::binary);
    file.seekp((rootPage - 1) * pageBytes + 12);
    const std::string garbage(static_cast<std::size_t>(pageBytes - 12), '\xab');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  BackupOptions unchecked = options();
  unchecked.verifyCopy = false;
  const BackupResult made = backup(source_, kNow, unchecked);
  expectRefused(made.archive, "ews.db fails integrity_check");
  // With the check on, the backup itself says so instead of writing such an archive.
  EXPECT_THROW(backup(source_, kNow, options()), BackupError);
}

TEST_F(BackupTest, RestoreRefusedWhileTheFolderIsInUse) {
  const BackupResult made = backup(source_, kNow, options());
  const auto before = fingerprint(target_);
  reports::FolderLock running(target_, "ews live site.yaml");
  try {
    restore(target_, made.archive, kNow);
    ADD_FAILURE() << "restored into a folder in use";
  } catch (const reports::FolderBusy& error) {
    EXPECT_THAT(error.what(), HasSubstr("ews live site.yaml"));
    EXPECT_THAT(error.what(), HasSubstr(fmt::format("pid {}", ::getpid())));
  }
  EXPECT_EQ(fingerprint(target_), before);
}

}  // namespace
