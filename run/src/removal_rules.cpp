#include "removal_rules.hpp"

#include <fmt/format.h>

#include <regex>

namespace ews::run {

std::optional<std::string> removalRefusal(const YAML::Node& document, const std::string& path) {
  static const std::regex kGateway(R"(installation\.gateways\[(\d+)\])");
  std::smatch match;
  if (!std::regex_match(path, match, kGateway)) return std::nullopt;
  const YAML::Node gateways = document["installation"]["gateways"];
  const std::size_t index = std::stoul(match[1].str());
  if (!gateways.IsSequence() || index >= gateways.size()) return std::nullopt;  // the edit says it
  const YAML::Node gateway = gateways[index];
  if (gateway["kind"] && gateway["kind"].Scalar() == "local") {
    return "the Local gateway cannot be deleted: switch it OFF instead";
  }
  const YAML::Node devices = gateway["devices"];
  if (devices.IsSequence() && devices.size() > 0) {
    return fmt::format("the gateway still has {} device{}: delete them first", devices.size(),
                       devices.size() == 1 ? "" : "s");
  }
  return std::nullopt;
}

}  // namespace ews::run
