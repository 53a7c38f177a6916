// `ews config export --data DIR` (docs/cli.md): the configuration in force, as the scenario
// YAML it is stored as; `ews validate` accepts it and `ews live FILE --data NEW` re-seeds the
// same site from it.
#include <fmt/format.h>

#include <filesystem>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "ews/run/site_data.hpp"
#include "ews/sitedb/config_store.hpp"

namespace ews::cli {

int runConfigExport(const ConfigExportOptions& options) {
  const auto path = std::filesystem::path(options.dataDir) / run::SiteData::kDatabaseFile;
  if (!std::filesystem::exists(path)) {
    fmt::print(stderr, "ews config export: {}: no site database\n", path.string());
    return kInvalidInput;
  }
  // Read-only: a running ews keeps writing while the configuration is exported.
  const sitedb::Database db(path, sitedb::Database::Mode::ReadOnly);
  const auto config = sitedb::latestConfig(db);
  if (!config) {
    fmt::print(stderr, "ews config export: {}: holds no configuration yet\n", path.string());
    return kInvalidInput;
  }
  fmt::print("# configuration version {} of {}, saved {} by {}: {}\n", config->version, options.dataDir,
             formatUtc(config->savedAt), config->author, config->summary);
  fmt::print("{}", config->scenarioYaml);
  if (!config->scenarioYaml.empty() && config->scenarioYaml.back() != '\n') fmt::print("\n");
  return kOk;
}

}  // namespace ews::cli
