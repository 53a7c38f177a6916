#include "sweep_grid.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace ews::cli {

namespace {

/// The shorthand (the manual's "first / second reduction step").
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kAliases{{
    {"dlm.step1", "dlm.firstStep"},
    {"dlm.step2", "dlm.secondStep"},
}};

/// One step of a key path: a map key, or the index of a list item.
struct PathStep {
  std::string key;  ///< empty for an index step
  std::size_t index = 0;
};

/// "loadProfiles[1].scale" -> loadProfiles, [1], scale. Throws std::invalid_argument.
std::vector<PathStep> parsePath(std::string_view path) {
  std::vector<PathStep> steps;
  std::size_t at = 0;
  while (true) {
    const std::size_t end = std::min(path.find_first_of(".[]", at), path.size());
    const std::string_view key = path.substr(at, end - at);
    if (key.empty()) throw std::invalid_argument(fmt::format("'{}' is not a key: a part between dots is empty", path));
    steps.push_back(PathStep{std::string(key)});
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
      steps.push_back(PathStep{"", index});
      at = close + 1;
    }
    if (at == path.size()) return steps;
    if (path[at] != '.') throw std::invalid_argument(fmt::format("'{}' is not a key: unexpected '{}'", path, path[at]));
    ++at;
  }
}

std::string_view describeKind(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  return "a value";
}

/// Whether setting `a` and setting `b` touch the same part of the document: equal, or one
/// inside the other ("dlm" and "dlm.hysteresis").
bool overlaps(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  return b.starts_with(a) && (a.size() == b.size() || b[a.size()] == '.' || b[a.size()] == '[');
}

}  // namespace

std::string canonicalKey(std::string_view key) {
  for (const auto& [alias, canonical] : kAliases) {
    if (key == alias) return std::string(canonical);
  }
  return std::string(key);
}

SweepKey parseSetOption(std::string_view text) {
  SweepKey sweep;
  sweep.option = fmt::format("--set {}", text);
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    throw SweepUsageError(fmt::format("{}: expected KEY=VALUE[,VALUE...], e.g. dlm.hysteresis=0,5,10", sweep.option));
  }
  sweep.key = std::string(text.substr(0, equals));
  sweep.path = canonicalKey(sweep.key);
  try {
    parsePath(sweep.path);
  } catch (const std::invalid_argument& e) {
    throw SweepUsageError(fmt::format("{}: {}", sweep.option, e.what()));
  }
  const std::string_view list = text.substr(equals + 1);
  std::size_t at = 0;
  while (true) {
    const std::size_t comma = std::min(list.find(',', at), list.size());
    std::string value(list.substr(at, comma - at));
    if (value.empty()) throw SweepUsageError(fmt::format("{}: empty value in the list '{}'", sweep.option, list));
    if (std::find(sweep.values.begin(), sweep.values.end(), value) != sweep.values.end()) {
      throw SweepUsageError(fmt::format("{}: value '{}' is given twice", sweep.option, value));
    }
    sweep.values.push_back(std::move(value));
    if (comma == list.size()) return sweep;
    at = comma + 1;
  }
}

SweepGrid::SweepGrid(std::vector<SweepKey> keys) : keys_(std::move(keys)) {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (overlaps(keys_[i].path, keys_[j].path)) {
        throw SweepUsageError(fmt::format("{}: sets {} like {}", keys_[i].option, keys_[i].path, keys_[j].option));
      }
    }
  }
  for (const auto& key : keys_) {
    if (key.values.empty()) throw SweepUsageError(fmt::format("{}: no value", key.option));
    if (size_ > kMaxCombinations / key.values.size()) {
      throw SweepUsageError(fmt::format("the grid has more than {} combinations: sweep fewer values", kMaxCombinations));
    }
    size_ *= key.values.size();
  }
}

std::vector<std::string> SweepGrid::values(std::size_t index) const {
  std::vector<std::string> out(keys_.size());
  // Mixed radix, the last key the least significant digit.
  for (std::size_t k = keys_.size(); k-- > 0;) {
    const auto& values = keys_[k].values;
    out[k] = values[index % values.size()];
    index /= values.size();
  }
  return out;
}

void SweepGrid::apply(YAML::Node& document, std::size_t index) const {
  const auto chosen = values(index);
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    try {
      setYamlValue(document, keys_[k].path, chosen[k]);
    } catch (const std::invalid_argument& e) {
      throw SweepUsageError(fmt::format("{}: {}", keys_[k].option, e.what()));
    }
  }
}

std::string SweepGrid::describe(std::size_t index) const {
  const auto chosen = values(index);
  std::vector<std::string> options;
  for (std::size_t k = 0; k < keys_.size(); ++k) options.push_back(fmt::format("--set {}={}", keys_[k].key, chosen[k]));
  return fmt::format("{}", fmt::join(options, " "));
}

const SweepKey* SweepGrid::keyFor(std::string_view field) const {
  if (field.empty()) return nullptr;
  const auto key = std::find_if(keys_.begin(), keys_.end(), [&](const SweepKey& k) { return overlaps(field, k.path); });
  return key == keys_.end() ? nullptr : &*key;
}

void setYamlValue(YAML::Node document, std::string_view path, const std::string& value) {
  const std::vector<PathStep> steps = parsePath(path);
  // Node assignment writes into the tree; reset() moves the handle: `node` walks down with it.
  YAML::Node node = document;
  std::string walked;
  for (std::size_t s = 0; s < steps.size(); ++s) {
    const PathStep& step = steps[s];
    const bool last = s + 1 == steps.size();
    if (step.key.empty()) {
      if (!node.IsSequence()) {
        throw std::invalid_argument(fmt::format("{} is {}, not a list", walked, describeKind(node)));
      }
      if (step.index >= node.size()) {
        throw std::invalid_argument(fmt::format("{} has {} items: no [{}]", walked, node.size(), step.index));
      }
      walked += fmt::format("[{}]", step.index);
    } else {
      if (!node.IsMap() && !node.IsNull()) {
        throw std::invalid_argument(fmt::format("{} is {}, not a map", walked, describeKind(node)));
      }
      walked += (walked.empty() ? "" : ".") + step.key;
      if (!last && !node[step.key]) node[step.key] = YAML::Node(YAML::NodeType::Map);
    }
    if (last) break;
    if (step.key.empty()) {
      node.reset(node[step.index]);
    } else {
      node.reset(node[step.key]);
    }
  }
  const PathStep& leaf = steps.back();
  if (leaf.key.empty()) {
    node[leaf.index] = value;
  } else {
    node[leaf.key] = value;
  }
}

}  // namespace ews::cli
