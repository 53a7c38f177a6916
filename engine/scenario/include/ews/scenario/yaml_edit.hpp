#pragma once
// Editing a scenario's YAML tree by key path, for tools that change a scenario and then let the
// loader check it (`ews sweep`'s --set, the configuration service's changes): paths are the
// loader's field names, dotted map keys with [i] for list items ("installation.devices[3].name").
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ews::scenario {

/// One step of a key path: a map key, or the index of a list item.
struct YamlPathStep {
  std::string key;  ///< empty for an index step
  std::size_t index = 0;
};

/// "loadProfiles[1].scale" -> loadProfiles, [1], scale. Throws std::invalid_argument.
std::vector<YamlPathStep> parseYamlPath(std::string_view path);

/// Sets the scalar `value` at `path` in `document`. Missing map keys are created; an empty
/// value becomes a map when a key goes through it. Throws std::invalid_argument with the reason
/// when the path runs into a scalar, indexes something that is not a list, or an item that does
/// not exist.
void setYamlValue(YAML::Node document, std::string_view path, const std::string& value);
/// The same with any node (a map for a whole device, a list).
void setYamlNode(YAML::Node document, std::string_view path, const YAML::Node& value);
/// Appends `value` to the list at `path` (created when missing).
void appendYamlNode(YAML::Node document, std::string_view path, const YAML::Node& value);
/// Removes the map key or list item at `path`; throws std::invalid_argument when it is not there.
void removeYamlNode(YAML::Node document, std::string_view path);

}  // namespace ews::scenario
