#pragma once
// The pure part of `ews sweep` (docs/cli.md): the --set options, the grid of their values, and
// setting a value in a scenario's YAML tree. No threads and no files: unit-tested in tests/cli.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ews::run {

/// A bad --set option, or two options setting one key: a usage error; the message names the option.
class SweepUsageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// One swept key, from `--set KEY=V1,V2,...`.
struct SweepKey {
  std::string option;  ///< as written, for messages: "--set dlm.step1=75,60"
  std::string key;     ///< as written, the table's column: "dlm.step1"
  std::string path;    ///< the scenario key it sets, aliases resolved: "dlm.firstStep"
  std::vector<std::string> values;  ///< in the order given
};

/// The scenario key a sweep key stands for: the dlm.step1 and dlm.step2 are
/// dlm.firstStep and dlm.secondStep; other keys are themselves.
std::string canonicalKey(std::string_view key);

/// Parses the text of one --set option, "KEY=V1,V2,...". Keys are scenario keys as the loader
/// names fields ("dlm.hysteresis", "run.seed", "loadProfiles[1].scale"); values are scalars,
/// each given once. Throws SweepUsageError naming the option.
SweepKey parseSetOption(std::string_view text);

/// Every combination of the keys' values: the cartesian product in the order the keys are given,
/// the last key varying fastest; one combination (the scenario as it is) without keys.
class SweepGrid {
 public:
  /// More combinations than this is a mistake in the command line, not a sweep to run.
  static constexpr std::size_t kMaxCombinations = 1'000'000;

  /// Throws SweepUsageError when two keys touch one scenario key (after aliases, or one key
  /// inside the other) or the grid is too large.
  explicit SweepGrid(std::vector<SweepKey> keys);

  std::size_t size() const { return size_; }
  const std::vector<SweepKey>& keys() const { return keys_; }

  /// The value of each key in combination `index` (< size()), in key order.
  std::vector<std::string> values(std::size_t index) const;
  /// Sets combination `index`'s values in `document`. Throws SweepUsageError naming the option
  /// whose key cannot be set (see setYamlValue).
  void apply(YAML::Node& document, std::size_t index) const;
  /// Combination `index` as options, for messages: "--set dlm.hysteresis=5 --set dlm.step1=60".
  std::string describe(std::size_t index) const;
  /// The key that sets the scenario field `field` (a dotted path such as a loader diagnostic's),
  /// or a field inside or around it; null when none does.
  const SweepKey* keyFor(std::string_view field) const;

 private:
  std::vector<SweepKey> keys_;
  std::size_t size_ = 1;
};

}  // namespace ews::run
