#pragma once
// Data folders on real files for the backup, restore and system information tests: a site
// database with history rows, a CSV tree, and fingerprints of a whole folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "ews/kernel/time.hpp"
#include "ews/sitedb/database.hpp"
#include "sha256.hpp"  // reports/sitedb/src

namespace ews::sitedb::testing {

namespace fs = std::filesystem;

inline constexpr Time kNow = timeFromMicros(1'767'607'200'000'000);  // 2026-01-05T10:00:00Z

inline std::string readBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void writeBytes(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

/// Inserts `keys` buckets per subject from `firstKey` in one transaction: value = key + subject.
inline void insertBuckets(const Database& db, int firstKey, int keys, int subjects) {
  Transaction transaction(db);
  Statement insert = db.prepare(
      "INSERT INTO buckets(kind, subject, resolution, key, value, unpriced, cost0, cost1, cost2, cost3, cost4, "
      "samples, gaps) VALUES(0, ?, 0, ?, ?, 0, 0.5, 0, 0, 0, 0, 1, 0)");
  for (int key = firstKey; key < firstKey + keys; ++key) {
    for (int subject = 0; subject < subjects; ++subject) {
      insert.bind(1, subject).bind(2, key).bind(3, static_cast<double>(key + subject));
      insert.run();
    }
  }
  transaction.commit();
}

struct Totals {
  std::int64_t rows = 0;
  double valueSum = 0;
  std::int64_t distinctKeys = 0;
  std::int64_t maxKey = -1;
  friend bool operator==(const Totals&, const Totals&) = default;
};

inline Totals totalsOf(const fs::path& database) {
  Database db(database, Database::Mode::ReadOnly);
  Statement query = db.prepare("SELECT count(*), total(value), count(DISTINCT key), coalesce(max(key), -1) FROM buckets");
  query.step();
  return {query.int64(0), query.real(1), query.int64(2), query.int64(3)};
}

/// A data folder as the running ews leaves it: ews.db (history, a config version) and csv/.
inline void makeDataFolder(const fs::path& dir, int keys, int subjects, const std::string& tag) {
  fs::create_directories(dir);
  {
    Database db(dir / "ews.db", Database::Mode::ReadWrite);
    db.exec("INSERT INTO config_versions(version, saved_at_us, author, summary, scenario) "
            "VALUES(1, 0, 'admin', 'first', 'name: a'), (3, 1, 'admin', 'third', 'name: a')");
    db.setMeta("site", tag);
    insertBuckets(db, 0, keys, subjects);
  }
  writeBytes(dir / "csv/devices/1/1_energy_2026-01.csv",
             "date_time;counter_Wh;delta_Wh;average_W;gap\n2026-01-05 10:00:00+01:00;1000,000;10,000;60,000;0\n" +
                 tag + ";1;2;3;0\n");
  writeBytes(dir / "csv/overallTotal/values_2026-01.csv", "electricity (Wh);water (dm3)\n1;2\n" + tag + "\n");
  writeBytes(dir / "csv/settings/devices_v1.csv", "id;name\n1;" + tag + "\n");
  writeBytes(dir / "trace.h5", "not part of a backup " + tag);
}

/// SHA-256 of every file under `dir` by relative path (ews.lock aside: restore creates it to
/// hold the folder, as any ews does).
inline std::map<std::string, std::string> fingerprint(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == "ews.lock") continue;
    files[fs::relative(entry.path(), dir).generic_string()] = detail::sha256Hex(readBytes(entry.path()));
  }
  return files;
}

/// Names in `dir` starting with `prefix` (leftover work folders).
inline int countNamed(const fs::path& dir, const std::string& prefix) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) ++count;
  }
  return count;
}

class TempFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("ews-sitedb-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
             std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

}  // namespace ews::sitedb::testing
