#pragma once
// The shared, position-aware base of our YAML readers (scenario files, device profiles):
// a sink that collects every diagnostic of one file at 1-based line:column, and a node that
// carries its position and the dotted path naming it in messages. Each reader builds its own
// typed getters on top.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "ews/kernel/diagnostic.hpp"

namespace ews::yaml {

/// Collects the diagnostics of one file; parsing carries on after each, so one pass reports
/// every problem.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  /// yaml-cpp marks are 0-based; diagnostics are 1-based. A null mark gives the file alone.
  SourceLoc at(const YAML::Mark& mark) const;
  void error(SourceLoc where, std::string field, std::string reason);
  bool empty() const { return diagnostics_.empty(); }
  std::size_t count() const { return diagnostics_.size(); }
  std::vector<Diagnostic> take() { return std::move(diagnostics_); }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

/// A YAML node with its position and the dotted path naming it in messages.
struct Located {
  YAML::Node node;
  std::string path;
  SourceLoc loc;
};

/// How a node of the wrong type is described in a message: "a list", "a map", "'abc'",
/// "an empty value".
std::string describeNode(const YAML::Node& node);

}  // namespace ews::yaml
