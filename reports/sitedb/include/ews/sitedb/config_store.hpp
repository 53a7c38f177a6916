#pragma once
// The configuration versions of the site database (docs/site-database.md, "Configuration"):
// each saved change is a new version holding the whole site as scenario YAML, with who saved it
// and why. The text is stored only after the scenario loader and the installation rules
// accepted it (the configuration service, run/); this store does not parse it.
#include <optional>
#include <string>
#include <vector>

#include "ews/kernel/time.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::sitedb {

struct ConfigVersion {
  int version = 0;  ///< 1 for the seed, +1 per saved change
  Time savedAt{};
  std::string author;
  std::string summary;
  std::string scenarioYaml;  ///< empty in configHistory()'s list
};

/// The version in force; nullopt for an empty (never seeded) database.
std::optional<ConfigVersion> latestConfig(const Database& db);
/// Every version, oldest first, without their text.
std::vector<ConfigVersion> configHistory(const Database& db);
/// Stores `scenarioYaml` as the next version and a "config" event naming the author and the
/// summary, in one transaction. Returns the new version number.
int saveConfig(const Database& db, const std::string& scenarioYaml, const std::string& author,
               const std::string& summary, Time savedAt);

}  // namespace ews::sitedb
