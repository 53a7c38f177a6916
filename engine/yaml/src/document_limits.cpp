#include "ews/yaml/document_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>

#include "ews/kernel/utf8.hpp"

namespace ews::yaml {

namespace {

/// What a subtree weighs: its nodes with aliases expanded, and how deep it nests.
struct Weight {
  std::size_t nodes = 1;
  int height = 0;
};

class LimitWalk {
 public:
  LimitWalk(const DocumentLimits& limits, DiagnosticSink& sink) : limits_(limits), sink_(sink) {}

  /// nullopt once a limit was reported.
  std::optional<Weight> weigh(const YAML::Node& node, int depth) {
    if (!node.IsMap() && !node.IsSequence()) return Weight{};
    // A node's mark is its first character; a map and its first key may share it, nothing
    // else does. An alias is the anchored node itself, with its mark: weighed once.
    const YAML::Mark mark = node.Mark();
    const std::int64_t key = mark.pos < 0 ? -1 : std::int64_t{mark.pos} * 2 + (node.IsMap() ? 1 : 0);
    std::optional<Weight> weight;
    if (const auto known = weights_.find(key); key >= 0 && known != weights_.end()) {
      weight = known->second;
    } else {
      weight = weighContainer(node, depth);
      if (!weight) return std::nullopt;
      if (key >= 0) weights_.emplace(key, *weight);
    }
    // Also for an anchored value weighed at a shallower use than this one.
    if (depth + weight->height > limits_.maxDepth) return tooDeep(node);
    return weight;
  }

 private:
  std::optional<Weight> weighContainer(const YAML::Node& node, int depth) {
    if (node.IsMap() && node.size() > limits_.maxMapKeys) {
      return refuse(node, fmt::format("a map of {} keys, over the limit of {}", node.size(), limits_.maxMapKeys));
    }
    if (node.IsSequence() && node.size() > limits_.maxListItems) {
      return refuse(node, fmt::format("a list of {} items, over the limit of {}", node.size(), limits_.maxListItems));
    }
    if (depth >= limits_.maxDepth) return tooDeep(node);  // the recursion's bound
    Weight total;
    std::size_t index = 0;
    for (auto it = node.begin(); it != node.end(); ++it, ++index) {
      // Where a passed node limit is reported: a map's key, a list itself with the item's index
      // (an alias item has the mark of the value it names, far from the use).
      const bool added = node.IsMap() ? addChild(it->first, depth + 1, total, it->first, "") &&
                                            addChild(it->second, depth + 1, total, it->first, "")
                                      : addChild(*it, depth + 1, total, node, fmt::format(" (at its item {})", index));
      if (!added) return std::nullopt;
    }
    return total;
  }

  /// Adds `child`'s weight to `total`; false once a limit was reported (the node limit at
  /// `where`, `detail` added to the message).
  bool addChild(const YAML::Node& child, int depth, Weight& total, const YAML::Node& where, const std::string& detail) {
    const auto weight = weigh(child, depth);
    if (!weight) return false;
    total.nodes += weight->nodes;
    total.height = std::max(total.height, weight->height + 1);
    if (total.nodes <= limits_.maxNodes) return true;
    refuse(where, fmt::format("the document holds more than {} nodes with its aliases expanded (each use of an "
                              "alias counts its whole anchored value), the limit{}",
                              limits_.maxNodes, detail));
    return false;
  }

  std::nullopt_t tooDeep(const YAML::Node& node) {
    return refuse(node, fmt::format("nested more than {} levels deep (the limit of maps and lists within each other)",
                                    limits_.maxDepth));
  }

  std::nullopt_t refuse(const YAML::Node& node, const std::string& reason) {
    SourceLoc at = sink_.at(node.Mark());
    if (!at.known()) at = SourceLoc{sink_.file(), 1, 1};
    sink_.error(at, "", reason);
    return std::nullopt;
  }

  const DocumentLimits& limits_;
  DiagnosticSink& sink_;
  std::unordered_map<std::int64_t, Weight> weights_;
};

}  // namespace

bool checkText(std::string_view text, const DocumentLimits& limits, DiagnosticSink& sink, std::string_view what) {
  if (text.size() > limits.maxBytes) {
    sink.error(SourceLoc{sink.file(), 1, 1}, "",
               fmt::format("{} is {} bytes, over the limit of {} bytes", what, text.size(), limits.maxBytes));
    return false;
  }
  if (const auto invalid = utf8::firstInvalidByte(text)) {
    const auto at = utf8::positionOf(text, *invalid);
    sink.error(SourceLoc{sink.file(), at.line, at.column}, "",
               fmt::format("not valid UTF-8 (byte 0x{:02X}): {} must be written in UTF-8", static_cast<unsigned char>(text[*invalid]), what));
    return false;
  }
  return true;
}

bool checkDocumentLimits(const YAML::Node& root, const DocumentLimits& limits, DiagnosticSink& sink) {
  return LimitWalk(limits, sink).weigh(root, 0).has_value();
}

}  // namespace ews::yaml
