#include "ews/run/sweep_grid.hpp"

#include "ews/scenario/yaml_edit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace ews::run {

namespace {

/// The shorthand (the manual's "first / second reduction step").
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kAliases{{
    {"dlm.step1", "dlm.firstStep"},
    {"dlm.step2", "dlm.secondStep"},
}};

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
    scenario::parseYamlPath(sweep.path);
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
      scenario::setYamlValue(document, keys_[k].path, chosen[k]);
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

}  // namespace ews::run
