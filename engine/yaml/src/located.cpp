#include "ews/yaml/located.hpp"

#include <fmt/format.h>

namespace ews::yaml {

SourceLoc DiagnosticSink::at(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return SourceLoc{file_, 0, 0};
  return SourceLoc{file_, mark.line + 1, mark.column + 1};
}

void DiagnosticSink::error(SourceLoc where, std::string field, std::string reason) {
  diagnostics_.push_back(Diagnostic{std::move(where), std::move(field), std::move(reason)});
}

std::string describeNode(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Scalar: return fmt::format("'{}'", node.Scalar());
    default: return "an empty value";
  }
}

}  // namespace ews::yaml
