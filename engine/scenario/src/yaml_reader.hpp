#pragma once
// The typed, position-aware layer between yaml-cpp and the section parsers.
//
// Section parsers never call yaml-cpp conversions (which throw and lose positions). They ask a
// MapReader for a key with the type and range they expect; the reader either returns the value
// or records a Diagnostic at the value's 1-based line:column under its dotted field path, and
// carries on, so one pass reports every problem of a file. Every key a parser asks for
// becomes a known key: reportUnknownKeys() then flags the others with a "did you mean".
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ews/installation/spec.hpp"
#include "ews/kernel/diagnostic.hpp"
#include "ews/kernel/time.hpp"
#include "ews/yaml/located.hpp"
#include "value_parsers.hpp"

namespace date {
class time_zone;
}

namespace ews::scenario::detail {

using yaml::DiagnosticSink;
using yaml::Located;

/// Inclusive bounds; `exclusiveMin` for "greater than" rules such as speed > 0.
struct RealRange {
  double min;
  double max;
  bool exclusiveMin = false;

  static RealRange atLeast(double lo) { return {lo, 1e300}; }
  static RealRange above(double lo) { return {lo, 1e300, true}; }
  static RealRange between(double lo, double hi) { return {lo, hi}; }
};

struct IntRange {
  std::int64_t min;
  std::int64_t max;
};

struct DurationRange {
  Duration min;
  Duration max;
};

/// Why `value` is outside `range` ("must be between 0 and 100 %, got 150 %"), or nothing when it
/// is inside; `unitName` follows the numbers. Shared by YAML values and CSV fields.
std::optional<std::string> rangeViolation(double value, RealRange range, std::string_view unitName = {});

/// Why `value` is none of `allowed` ("must be one of 1, 3, got 2"), or nothing.
std::optional<std::string> oneOfViolation(std::int64_t value, std::span<const int> allowed);

template <class E>
struct EnumName {
  std::string_view name;
  E value;
};

// ---- conversions of one located node (used for map values and list items alike) ----

std::optional<std::string> asString(DiagnosticSink& sink, const Located& v);
std::optional<bool> asBool(DiagnosticSink& sink, const Located& v);
std::optional<std::int64_t> asInteger(DiagnosticSink& sink, const Located& v, IntRange range);
std::optional<std::int64_t> asIntegerOneOf(DiagnosticSink& sink, const Located& v, std::span<const int> allowed);
std::optional<std::uint64_t> asUnsigned(DiagnosticSink& sink, const Located& v);
std::optional<double> asReal(DiagnosticSink& sink, const Located& v, RealRange range);
/// A number in the base unit, or with one of `units` ("20kWh", "1.2 kW").
std::optional<double> asQuantity(DiagnosticSink& sink, const Located& v, std::span<const UnitFactor> units,
                                 RealRange range);
std::optional<Duration> asDuration(DiagnosticSink& sink, const Located& v, DurationRange range);
std::optional<Duration> asTimeOfDay(DiagnosticSink& sink, const Located& v);
/// A local date-time converted to UTC in `zone`; with no zone (it was invalid and is
/// reported already) only the notation is checked and nothing is returned.
std::optional<Time> asDateTime(DiagnosticSink& sink, const Located& v, const date::time_zone* zone);
/// The items of a list; an empty value is an empty list.
std::optional<std::vector<Located>> asList(DiagnosticSink& sink, const Located& v);

/// Reports "unknown value 'x' (expected one of: a, b)"; shared by every enum.
void reportBadEnum(DiagnosticSink& sink, const Located& v, const std::string& text,
                   std::span<const std::string_view> names);

template <class E>
std::optional<E> asEnum(DiagnosticSink& sink, const Located& v,
                        std::type_identity_t<std::span<const EnumName<E>>> table) {
  const auto text = asString(sink, v);
  if (!text) return std::nullopt;
  std::vector<std::string_view> names;
  for (const auto& entry : table) {
    if (entry.name == *text) return entry.value;
    names.push_back(entry.name);
  }
  reportBadEnum(sink, v, *text, names);
  return std::nullopt;
}

/// Reads one YAML map. Getters leave `out` untouched when the key is absent or invalid and
/// return whether they stored a value.
class MapReader {
 public:
  /// `node` must be a map (or empty: no keys); anything else is reported.
  /// When `fieldLocs` is given, every key read records where its value is.
  MapReader(DiagnosticSink& sink, const Located& node, installation::FieldLocs* fieldLocs = nullptr);

  /// The reader of the map under `key` (an empty reader when absent or not a map).
  MapReader child(std::string_view key, installation::FieldLocs* fieldLocs = nullptr);

  const SourceLoc& loc() const { return self_.loc; }
  const std::string& path() const { return self_.path; }
  std::string pathOf(std::string_view key) const;
  DiagnosticSink& sink() const { return *sink_; }

  /// The value under `key`, marking the key as known. Empty values point at their key.
  std::optional<Located> get(std::string_view key);
  bool has(std::string_view key) { return get(key).has_value(); }
  /// Reports a missing key (at the map) and returns false.
  bool require(std::string_view key);
  /// Reports `reason` at the value of `key` (or at the map if absent).
  void error(std::string_view key, std::string reason);

  bool read(std::string_view key, std::string& out);
  bool read(std::string_view key, bool& out);
  bool read(std::string_view key, int& out, IntRange range);
  bool read(std::string_view key, double& out, RealRange range);
  bool read(std::string_view key, Duration& out, DurationRange range);
  bool readOneOf(std::string_view key, int& out, std::span<const int> allowed);
  bool readQuantity(std::string_view key, double& out, std::span<const UnitFactor> units, RealRange range);
  bool readDateTime(std::string_view key, Time& out, const date::time_zone* zone);
  /// A list of names; records fieldLocs "key[i]" for each.
  bool readStringList(std::string_view key, std::vector<std::string>& out);

  template <class E>
  bool readEnum(std::string_view key, E& out, std::type_identity_t<std::span<const EnumName<E>>> table) {
    const auto v = get(key);
    if (!v) return false;
    const auto value = asEnum<E>(*sink_, *v, table);
    if (value) out = *value;
    return value.has_value();
  }

  /// The items of the list under `key` (empty when absent or not a list).
  std::vector<Located> list(std::string_view key);

  /// Reports every key that no getter asked for, suggesting the closest known key.
  void reportUnknownKeys();

 private:
  using Entry = yaml::MapEntry;

  Located locate(const Entry& entry) const;

  DiagnosticSink* sink_;
  Located self_;
  installation::FieldLocs* fieldLocs_;
  std::vector<Entry> entries_;  ///< in document order, first occurrence of each key
  std::set<std::string, std::less<>> known_;
};

}  // namespace ews::scenario::detail
