#pragma once
// The configuration routes speak JSON, the stored configuration is scenario YAML
// (docs/api.md, "Configuration"): a YAML document shown as JSON, and a JSON value sent to the
// configuration service as YAML flow text.
#include <Poco/Dynamic/Var.h>
#include <yaml-cpp/yaml.h>

#include <string>

namespace ews::web::detail {

/// A plain scalar becomes a number, true/false or null when it reads as one (as the scenario
/// loader would read it); a quoted scalar stays a text ("4 120 74", "16").
Poco::Dynamic::Var jsonOfYaml(const YAML::Node& node);

/// Flow YAML of a JSON value (texts always quoted, so "16" stays a text).
std::string yamlOfJson(const Poco::Dynamic::Var& value);

}  // namespace ews::web::detail
