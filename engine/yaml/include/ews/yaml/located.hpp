#pragma once
// The shared, position-aware base of our YAML readers (scenario files, device profiles):
// a sink that collects every diagnostic of one file at 1-based line:column, and a node that
// carries its position and the dotted path naming it in messages. Each reader builds its own
// typed getters on top.
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "ews/kernel/diagnostic.hpp"

namespace ews::yaml {

/// Collects the diagnostics of one file; parsing carries on after each, so one pass reports
/// every problem, up to kMaxKept: beyond it they are counted, not kept, and take() ends with a
/// note of how many were left out (a file of 10,000 wrong keys is not 10,000 lines of errors).
class DiagnosticSink {
 public:
  static constexpr std::size_t kMaxKept = 1000;

  explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  /// yaml-cpp marks are 0-based; diagnostics are 1-based. A null mark gives the file alone.
  SourceLoc at(const YAML::Mark& mark) const;
  void error(SourceLoc where, std::string field, std::string reason);
  bool empty() const { return diagnostics_.empty(); }
  /// Every diagnostic reported, the ones left out included.
  std::size_t count() const { return diagnostics_.size() + leftOut_; }
  std::vector<Diagnostic> take();

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
  std::size_t leftOut_ = 0;
};

/// A YAML node with its position and the dotted path naming it in messages.
struct Located {
  YAML::Node node;
  std::string path;
  SourceLoc loc;
};

/// One key of a map as written.
struct MapEntry {
  std::string key;
  YAML::Node keyNode;
  YAML::Node value;
};

/// "<path>.<key>" (or the key alone at the top level): how messages name a map's member.
std::string memberPath(const std::string& path, std::string_view key);

/// The entries of the map `node` in document order, each key's first occurrence; reports a
/// key that is not a plain name and a repeated key (naming the first one's position). Linear
/// in the number of keys.
std::vector<MapEntry> mapEntries(const Located& node, DiagnosticSink& sink);

/// How a node of the wrong type is described in a message: "a list", "a map", "'abc'",
/// "an empty value".
std::string describeNode(const YAML::Node& node);

}  // namespace ews::yaml
