#pragma once
// A thin position-aware layer over yaml-cpp for the profile loader (on the shared base of
// engine/yaml; it only knows what profile files need: strings,
// integers in decimal or 0x hex, numbers, lists, maps with known keys). Every problem becomes
// a Diagnostic at the value's 1-based line:column under its dotted path, and parsing carries
// on, so one pass reports every problem of a file.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ews/kernel/diagnostic.hpp"
#include "ews/yaml/located.hpp"

namespace ews::profiles::detail {

using Diagnostics = yaml::DiagnosticSink;
using yaml::Located;

std::optional<std::string> readString(Diagnostics& out, const Located& v);
/// Decimal ("256") or hexadecimal ("0x0100") within [min, max].
std::optional<std::int64_t> readInteger(Diagnostics& out, const Located& v, std::int64_t min, std::int64_t max);
/// A finite number.
std::optional<double> readNumber(Diagnostics& out, const Located& v);
/// The items of a list (an empty value is an empty list).
std::optional<std::vector<Located>> readList(Diagnostics& out, const Located& v);

/// One YAML map. Every key asked with get() is a known key; reportUnknownKeys() flags the
/// others, listing the known ones.
class MapInput {
 public:
  MapInput(Diagnostics& out, const Located& node);

  const Located& self() const { return self_; }
  std::string pathOf(std::string_view key) const;
  /// The value under `key` (null values point at their key); nullopt when absent.
  std::optional<Located> get(std::string_view key);
  /// Like get(), reporting a missing key at the map.
  std::optional<Located> require(std::string_view key);
  void reportUnknownKeys();

 private:
  using Entry = yaml::MapEntry;

  Diagnostics* out_;
  Located self_;
  std::vector<Entry> entries_;
  std::vector<std::string> known_;  ///< in the order asked
};

}  // namespace ews::profiles::detail
