#pragma once
// What the Delete button may not remove (manual 7.16.1.5): the Local gateway of a Mini EWS
// (switched OFF instead; without this rule the loader would add it back, empty, and its
// devices would be lost), and a gateway that still has devices ("To erase a Gateway, is
// necessary delete all the devices connected to it at first").
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace ews::run {

/// Why removing `path` from `document` is refused; nullopt when it may be removed.
std::optional<std::string> removalRefusal(const YAML::Node& document, const std::string& path);

}  // namespace ews::run
