#include "ews/scenario/yaml_edit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace ews::scenario {

namespace {
std::string_view describeKind(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  return "a value";
}

/// The node holding the last step of `steps` (created on the way for map keys), and the path
/// walked to it for messages.
YAML::Node parentOf(YAML::Node document, const std::vector<YamlPathStep>& steps, std::string& walked) {
  // Node assignment writes into the tree; reset() moves the handle: `node` walks down with it.
  YAML::Node node = document;
  for (std::size_t s = 0; s < steps.size(); ++s) {
    const YamlPathStep& step = steps[s];
    const bool last = s + 1 == steps.size();
    if (step.key.empty()) {
      if (!node.IsSequence()) {
        throw std::invalid_argument(fmt::format("{} is {}, not a list", walked, describeKind(node)));
      }
      if (step.index >= node.size()) {
        throw std::invalid_argument(fmt::format("{} has {} items: no [{}]", walked, node.size(), step.index));
      }
    } else {
      if (!node.IsMap() && !node.IsNull()) {
        throw std::invalid_argument(fmt::format("{} is {}, not a map", walked, describeKind(node)));
      }
      if (!last && !node[step.key]) node[step.key] = YAML::Node(YAML::NodeType::Map);
    }
    if (last) break;
    walked += step.key.empty() ? fmt::format("[{}]", step.index) : (walked.empty() ? "" : ".") + step.key;
    if (step.key.empty()) {
      node.reset(node[step.index]);
    } else {
      node.reset(node[step.key]);
    }
  }
  return node;
}

template <class Value>
void assign(YAML::Node document, std::string_view path, const Value& value) {
  const std::vector<YamlPathStep> steps = parseYamlPath(path);
  std::string walked;
  YAML::Node parent = parentOf(document, steps, walked);
  const YamlPathStep& leaf = steps.back();
  if (leaf.key.empty()) {
    parent[leaf.index] = value;
  } else {
    parent[leaf.key] = value;
  }
}
}  // namespace

std::vector<YamlPathStep> parseYamlPath(std::string_view path) {
  std::vector<YamlPathStep> steps;
  std::size_t at = 0;
  while (true) {
    const std::size_t end = std::min(path.find_first_of(".[]", at), path.size());
    const std::string_view key = path.substr(at, end - at);
    if (key.empty()) throw std::invalid_argument(fmt::format("'{}' is not a key: a part between dots is empty", path));
    steps.push_back(YamlPathStep{std::string(key)});
    at = end;
    while (at < path.size() && path[at] == '[') {
      const std::size_t close = path.find(']', at);
      std::size_t index = 0;
      const char* first = path.data() + at + 1;
      const char* last = path.data() + (close == std::string_view::npos ? path.size() : close);
      const auto [stop, error] = std::from_chars(first, last, index);
      if (close == std::string_view::npos || error != std::errc() || stop != last || first == last) {
        throw std::invalid_argument(fmt::format("'{}' is not a key: expected [index] with a number", path));
      }
      steps.push_back(YamlPathStep{"", index});
      at = close + 1;
    }
    if (at == path.size()) return steps;
    if (path[at] != '.') throw std::invalid_argument(fmt::format("'{}' is not a key: unexpected '{}'", path, path[at]));
    ++at;
  }
}

void setYamlValue(YAML::Node document, std::string_view path, const std::string& value) { assign(document, path, value); }

void setYamlNode(YAML::Node document, std::string_view path, const YAML::Node& value) { assign(document, path, value); }

void appendYamlNode(YAML::Node document, std::string_view path, const YAML::Node& value) {
  const std::vector<YamlPathStep> steps = parseYamlPath(path);
  std::string walked;
  YAML::Node parent = parentOf(document, steps, walked);
  const YamlPathStep& leaf = steps.back();
  YAML::Node list = leaf.key.empty() ? parent[leaf.index] : parent[leaf.key];
  if (list.IsDefined() && !list.IsNull() && !list.IsSequence()) {
    throw std::invalid_argument(fmt::format("{} is {}, not a list", path, describeKind(list)));
  }
  if (!list.IsSequence()) {
    list = YAML::Node(YAML::NodeType::Sequence);
    if (leaf.key.empty()) parent[leaf.index] = list; else parent[leaf.key] = list;
  }
  list.push_back(value);
}

void removeYamlNode(YAML::Node document, std::string_view path) {
  const std::vector<YamlPathStep> steps = parseYamlPath(path);
  std::string walked;
  YAML::Node parent = parentOf(document, steps, walked);
  const YamlPathStep& leaf = steps.back();
  if (leaf.key.empty()) {
    // yaml-cpp removes sequence items by index only through remove(index) on the node.
    if (!parent.remove(leaf.index)) throw std::invalid_argument(fmt::format("{}: no such item", path));
  } else if (!parent.IsMap() || !parent[leaf.key]) {
    throw std::invalid_argument(fmt::format("{}: no such key", path));
  } else {
    parent.remove(leaf.key);
  }
}

}  // namespace ews::scenario
