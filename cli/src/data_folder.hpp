#pragma once
// Opening a data folder (docs/site-database.md) for a command, with the command's messages: the
// read-write way of `ews live --data` and `ews run --data` (lock, seed, configuration), and the
// read-only way of `ews config export` and `ews history`, which may run beside them.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ews/kernel/time.hpp"
#include "ews/run/site_data.hpp"
#include "ews/sitedb/config_store.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::cli {

/// Opens `dataDir` for `command` ("ews live"), seeding an empty database from `scenarioPath`
/// when it is not empty. On failure prints why (diagnostics of a bad seed, a busy folder, ...),
/// sets `exitCode` and returns null.
std::unique_ptr<run::SiteData> openDataFolder(std::string_view command, const std::string& dataDir,
                                              const std::string& scenarioPath, Time now, int& exitCode);

/// A data folder's database opened read-only, with its configuration in force.
struct StoredSite {
  std::unique_ptr<sitedb::Database> db;
  sitedb::ConfigVersion config;
};
/// Prints why and returns nullopt when the folder has no database or no configuration.
std::optional<StoredSite> readStoredSite(std::string_view command, const std::string& dataDir);

}  // namespace ews::cli
