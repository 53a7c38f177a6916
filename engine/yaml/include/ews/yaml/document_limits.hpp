#pragma once
// The size limits of our YAML inputs (scenario files, device profiles), checked before any
// reader walks a document, so that reading stays linear in the file. yaml-cpp keeps an alias as
// one shared node, but a reader visits it at each use: a few lines of anchors and aliases fan
// out to millions of nodes (1000 gateways naming one list of 1000 devices). The limits are many
// times what the largest valid file needs (docs/scenario-format.md, "Limits").
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string_view>

#include "ews/yaml/located.hpp"

namespace ews::yaml {

struct DocumentLimits {
  std::size_t maxBytes = std::size_t{16} << 20;  ///< the file's text
  int maxDepth = 64;                             ///< nested maps and lists
  std::size_t maxNodes = 1'000'000;              ///< every node, an alias counted at each use
  std::size_t maxMapKeys = 10'000;               ///< keys of one map
  std::size_t maxListItems = 500'000;            ///< items of one list
};

/// Checks a document's text before it is parsed: "<what> is N bytes, over the limit of M
/// bytes" at line 1, or "not valid UTF-8 (byte 0xNN)" at the byte's line and column (names and
/// texts go to JSON, HDF5 and CSV files that require UTF-8); false then.
bool checkText(std::string_view text, const DocumentLimits& limits, DiagnosticSink& sink, std::string_view what);

/// Walks `root` once (each anchored node once, however many aliases name it) and reports the
/// first limit passed, at the node that passes it and naming the limit; false then.
bool checkDocumentLimits(const YAML::Node& root, const DocumentLimits& limits, DiagnosticSink& sink);

}  // namespace ews::yaml
