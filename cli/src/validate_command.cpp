#include <fmt/format.h>

#include "commands.hpp"
#include "diagnostics_output.hpp"
#include "exit_codes.hpp"
#include "ews/installation/installation.hpp"
#include "ews/scenario/metering_tree.hpp"
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
    // Warnings: the scenario is valid, the installer decides (the exit status stays 0).
    for (const Diagnostic& warning : scenario::doubleCountingWarnings(scenario)) {
      fmt::print(stderr, "{}: {}: warning: {}\n", warning.where.str(), warning.field, warning.reason);
    }
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
