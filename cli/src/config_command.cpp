// `ews config export --data DIR` (docs/cli.md): the configuration in force, as the scenario
// YAML it is stored as; `ews validate` accepts it and `ews live FILE --data NEW` re-seeds the
// same site from it.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "data_folder.hpp"

namespace ews::cli {

int runConfigExport(const ConfigExportOptions& options) {
  const auto site = readStoredSite("ews config export", options.dataDir);
  if (!site) return kInvalidInput;
  const sitedb::ConfigVersion& config = site->config;
  fmt::print("# configuration version {} of {}, saved {} by {}: {}\n", config.version, options.dataDir,
             formatUtc(config.savedAt), config.author, config.summary);
  fmt::print("{}", config.scenarioYaml);
  if (!config.scenarioYaml.empty() && config.scenarioYaml.back() != '\n') fmt::print("\n");
  return kOk;
}

}  // namespace ews::cli
