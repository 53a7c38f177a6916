#include "ews/yaml/located.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace ews::yaml {

SourceLoc DiagnosticSink::at(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return SourceLoc{file_, 0, 0};
  return SourceLoc{file_, mark.line + 1, mark.column + 1};
}

void DiagnosticSink::error(SourceLoc where, std::string field, std::string reason) {
  if (diagnostics_.size() >= kMaxKept) {
    ++leftOut_;
    return;
  }
  diagnostics_.push_back(Diagnostic{std::move(where), std::move(field), std::move(reason)});
}

std::vector<Diagnostic> DiagnosticSink::take() {
  if (leftOut_ != 0) {
    // File-level (line 0), so it is not lost among the kept ones when they are sorted.
    diagnostics_.push_back(Diagnostic{SourceLoc{file_, 0, 0}, "",
                                      fmt::format("{} more errors not listed (only the first {} found are)", leftOut_,
                                                  kMaxKept)});
    leftOut_ = 0;
  }
  return std::move(diagnostics_);
}

std::string memberPath(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::vector<MapEntry> mapEntries(const Located& node, DiagnosticSink& sink) {
  std::vector<MapEntry> entries;
  std::unordered_map<std::string, std::size_t> entryOf;  // key -> index in entries
  for (auto it = node.node.begin(); it != node.node.end(); ++it) {
    // Copies: `it->first` lives in a proxy that dies at the end of the full expression.
    const YAML::Node keyNode = it->first;
    const YAML::Node value = it->second;
    if (!keyNode.IsScalar()) {
      const SourceLoc loc = sink.at(keyNode.Mark());
      sink.error(loc.known() ? loc : node.loc, node.path, "keys must be plain names");
      continue;
    }
    std::string key = keyNode.Scalar();
    const auto [first, isNew] = entryOf.emplace(key, entries.size());
    if (!isNew) {
      const SourceLoc firstLoc = sink.at(entries[first->second].keyNode.Mark());
      sink.error(sink.at(keyNode.Mark()), memberPath(node.path, key),
                 fmt::format("duplicate key '{}' (first given at line {}, column {})", key, firstLoc.line,
                             firstLoc.column));
      continue;
    }
    entries.push_back(MapEntry{std::move(key), keyNode, value});
  }
  return entries;
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
