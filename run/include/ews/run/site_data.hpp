#pragma once
// A data folder (`--data DIR`, docs/site-database.md): the folder lock, the site database and
// the configuration in force. Opening seeds an empty database from a scenario file; later
// opens run from what is stored.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "ews/kernel/time.hpp"
#include "ews/reports/folder_lock.hpp"
#include "ews/run/site_config.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::run {

class SiteData {
 public:
  static constexpr const char* kDatabaseFile = "ews.db";
  static constexpr const char* kCsvFolder = "csv";
  static constexpr const char* kTraceFile = "trace.h5";

  /// Takes the folder's lock for `holder` (reports::FolderBusy when another process has it),
  /// opens or creates its database, and loads the configuration in force. An empty database
  /// is seeded from `seedScenario` (version 1, author "seed"); without one it is an error
  /// naming the folder. A seed given to a seeded database is not used (seedIgnored()).
  /// Throws ValidationError for a seed that does not validate (nothing is stored then).
  SiteData(const std::filesystem::path& folder, const std::optional<std::string>& seedScenario,
           const std::string& holder, Time now);

  const std::filesystem::path& folder() const { return folder_; }
  const sitedb::Database& db() const { return *db_; }
  const SiteConfig& config() const { return config_; }
  /// The name stored configurations are parsed under: their relative file references
  /// (trace and sessions files) resolve beside the file the site was seeded from.
  const std::string& sourceName() const { return sourceName_; }
  bool seedIgnored() const { return seedIgnored_; }

  /// Makes `config` (already stored by the configuration service) the one in force.
  void setConfig(SiteConfig config) { config_ = std::move(config); }

 private:
  std::filesystem::path folder_;
  reports::FolderLock lock_;
  std::unique_ptr<sitedb::Database> db_;
  std::string sourceName_;
  SiteConfig config_;
  bool seedIgnored_ = false;
};

}  // namespace ews::run
