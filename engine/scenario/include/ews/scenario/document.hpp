#pragma once
// Loading a scenario in two steps, for tools that edit its YAML tree in between (`ews sweep`
// sets keys such as dlm.hysteresis): the document, then the Scenario. Every value still goes
// through the loader's checks and messages (loader.hpp). Positions come from the nodes' marks:
// a value assigned over an existing one keeps that one's position; a key added after loading has
// none, so a problem with it names the file only.
#include <yaml-cpp/yaml.h>

#include <string>

#include "ews/scenario/scenario.hpp"

namespace ews::scenario {

/// The single YAML document of scenario text, with the checks parseScenario makes first (YAML
/// syntax, one document, a map at the top); throws ValidationError naming `fileName`. Each call
/// builds an independent tree: one per thread.
YAML::Node loadScenarioYaml(const std::string& yamlText, const std::string& fileName);

/// Parses a document obtained from loadScenarioYaml (and maybe edited); diagnostics name
/// `fileName`, and relative paths (trace and sessions files) are resolved beside it. Throws
/// ValidationError with every problem, like parseScenario.
Scenario parseScenarioDocument(const YAML::Node& document, const std::string& fileName);

}  // namespace ews::scenario
