#include <fmt/format.h>

#include "commands.hpp"
#include "diagnostics_output.hpp"
#include "exit_codes.hpp"
#include "ews/installation/installation.hpp"
#include "ews/scenario/instances.hpp"
#include "ews/scenario/loader.hpp"

namespace ews::cli {

int runValidate(const ValidateOptions& options) {
  try {
    const scenario::Scenario scenario = scenario::loadScenarioFile(options.scenarioPath);
    const auto installation = installation::Installation::build(scenario.installation);
    fmt::print("{}: valid scenario '{}': {} gateways, {} devices, {} load profiles, {} sessions, {} faults\n",
               options.scenarioPath, scenario.name, installation.gateways().size(), installation.devices().size(),
               scenario.loadProfiles.size(), scenario.sessions.size(), scenario.faults.size());
    if (!scenario.slaves.empty()) {
      // A master: its slaves' files too, and what only the hierarchy shows (loops, Remote IDs).
      const scenario::InstanceSet hierarchy = scenario::loadInstances(options.scenarioPath);
      fmt::print("{}: valid Master/Slave hierarchy: {} instances, {} readings\n", options.scenarioPath,
                 hierarchy.instances.size(), hierarchy.readings.size());
    }
    return kOk;
  } catch (const ValidationError& error) {
    printDiagnostics(stderr, error);
    return kInvalidInput;
  }
}

}  // namespace ews::cli
