#include "ews/sitedb/daily_backup.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <regex>

#include "db_snapshot.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/sitedb/backup.hpp"
#include "ews/sitedb/database.hpp"
#include "meta_keys.hpp"

namespace ews::sitedb {

namespace fs = std::filesystem;

namespace {
constexpr const char* kFolderName = "backups";

bool isCopyName(const std::string& name) {
  static const std::regex pattern(R"(auto-\d{4}-\d{2}-\d{2}\.db)");
  return std::regex_match(name, pattern);
}
}  // namespace

AutoBackupStatus readAutoBackupStatus(const Database& db) {
  AutoBackupStatus status;
  status.attemptedAt = db.metaTime(detail::kMetaAutoBackupAttempt);
  status.succeededAt = db.metaTime(detail::kMetaAutoBackupSuccess);
  status.ok = db.meta(detail::kMetaAutoBackupStatus).value_or("") == "ok";
  status.message = db.meta(detail::kMetaAutoBackupMessage).value_or("");
  return status;
}

DailyBackup::DailyBackup(fs::path dataDir) : DailyBackup(std::move(dataDir), Options{}) {}

DailyBackup::DailyBackup(fs::path dataDir, Options options) : dataDir_(std::move(dataDir)), options_(options) {}

fs::path DailyBackup::folder() const { return dataDir_ / kFolderName; }

std::int64_t DailyBackup::dayNumber(Time t) const {
  if (options_.zone == nullptr) return std::chrono::floor<std::chrono::days>(t).time_since_epoch().count();
  const LocalDateTime local = options_.zone->toLocal(t);
  const std::chrono::year_month_day date{std::chrono::year{local.year}, std::chrono::month{local.month},
                                         std::chrono::day{local.day}};
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

void DailyBackup::resume(const Database& db) {
  lastAttempt_ = db.metaTime(detail::kMetaAutoBackupAttempt);
  lastSuccess_ = db.metaTime(detail::kMetaAutoBackupSuccess);
}

bool DailyBackup::due(Time now) const {
  const std::int64_t today = dayNumber(now);
  if (lastSuccess_ && dayNumber(*lastSuccess_) == today) return false;
  if (lastAttempt_ && dayNumber(*lastAttempt_) == today && now - *lastAttempt_ < options_.retryAfter) return false;
  return true;
}

DailyBackup::Result DailyBackup::copy(Time now) const {
  Result result;
  result.at = now;
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{dayNumber(now)}}};
  const std::string name = fmt::format("auto-{:04}-{:02}-{:02}.db", static_cast<int>(date.year()),
                                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  const fs::path target = folder() / name;
  const fs::path partial = folder() / (name + ".partial");
  try {
    fs::create_directories(folder());
    const auto snapshot = detail::snapshotDatabase(dataDir_ / kDatabaseFileName, partial,
                                                   {options_.pagesPerStep, options_.pauseBetweenSteps, true});
    fs::rename(partial, target);  // a second copy of the same day replaces the first
    result.ok = true;
    result.file = target;
    result.bytes = snapshot.bytes;

    std::vector<std::string> copies;
    for (const auto& entry : fs::directory_iterator(folder())) {
      const std::string file = entry.path().filename().string();
      if (entry.is_regular_file() && isCopyName(file)) copies.push_back(file);
    }
    // Names sort by date: keep the newest.
    std::sort(copies.begin(), copies.end(), std::greater<>());
    for (std::size_t i = static_cast<std::size_t>(std::max(options_.keepCopies, 1)); i < copies.size(); ++i) {
      fs::remove(folder() / copies[i]);
    }
  } catch (const std::exception& error) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    if (!result.ok) result.message = error.what();  // a failed pruning leaves a good copy good
  }
  return result;
}

void DailyBackup::record(const Database& db, const Result& result) {
  lastAttempt_ = result.at;
  db.setMeta(detail::kMetaAutoBackupAttempt, std::to_string(toMicros(result.at)));
  db.setMeta(detail::kMetaAutoBackupStatus, result.ok ? "ok" : "error");
  if (result.ok) {
    lastSuccess_ = result.at;
    db.setMeta(detail::kMetaAutoBackupSuccess, std::to_string(toMicros(result.at)));
    db.setMeta(detail::kMetaAutoBackupMessage, fs::relative(result.file, dataDir_).generic_string());
  } else {
    db.setMeta(detail::kMetaAutoBackupMessage, result.message);
  }
}

DailyBackup::Result DailyBackup::run(const Database& db, Time now) {
  const Result result = copy(now);
  record(db, result);
  return result;
}

}  // namespace ews::sitedb
