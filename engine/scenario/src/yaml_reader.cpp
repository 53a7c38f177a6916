#include "yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "suggest.hpp"
#include "zoned_time.hpp"

namespace ews::scenario::detail {

namespace {


void typeError(DiagnosticSink& sink, const Located& v, std::string_view expected) {
  sink.error(v.loc, v.path, fmt::format("expected {}, got {}", expected, yaml::describeNode(v.node)));
}

/// The scalar text of `v`, or a type diagnostic naming `expected`.
std::optional<std::string> scalarText(DiagnosticSink& sink, const Located& v, std::string_view expected) {
  if (!v.node.IsScalar()) {
    typeError(sink, v, expected);
    return std::nullopt;
  }
  return v.node.Scalar();
}

template <class T>
std::optional<T> takeParsed(DiagnosticSink& sink, const Located& v, Parsed<T> parsed) {
  if (!parsed) sink.error(v.loc, v.path, parsed.error);
  return parsed.value;
}

std::optional<double> checkRange(DiagnosticSink& sink, const Located& v, double value, RealRange range,
                                 std::string_view unitName = {}) {
  auto violation = rangeViolation(value, range, unitName);
  if (!violation) return value;
  sink.error(v.loc, v.path, std::move(*violation));
  return std::nullopt;
}

std::string formatNumber(double value) { return fmt::format("{:g}", value); }

}  // namespace

std::optional<std::string> rangeViolation(double value, RealRange range, std::string_view unitName) {
  const std::string unit = unitName.empty() ? std::string() : fmt::format(" {}", unitName);
  const bool tooLow = range.exclusiveMin ? value <= range.min : value < range.min;
  if (!tooLow && value <= range.max) return std::nullopt;
  const bool bounded = range.max < 1e300;
  std::string rule;
  if (!range.exclusiveMin && bounded) {
    rule = fmt::format("must be between {} and {}{}", formatNumber(range.min), formatNumber(range.max), unit);
  } else {
    rule = fmt::format("must be {} {}{}", range.exclusiveMin ? "greater than" : "at least", formatNumber(range.min), unit);
    if (bounded) rule += fmt::format(" and at most {}{}", formatNumber(range.max), unit);
  }
  return fmt::format("{}, got {}{}", rule, formatNumber(value), unit);
}

std::optional<std::string> oneOfViolation(std::int64_t value, std::span<const int> allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return std::nullopt;
  return fmt::format("must be one of {}, got {}", fmt::join(allowed, ", "), value);
}

std::optional<std::string> asString(DiagnosticSink& sink, const Located& v) { return scalarText(sink, v, "a string"); }

std::optional<bool> asBool(DiagnosticSink& sink, const Located& v) {
  const auto text = scalarText(sink, v, "a boolean (true/false)");
  if (!text) return std::nullopt;
  return takeParsed(sink, v, parseBool(*text));
}

std::optional<std::int64_t> asInteger(DiagnosticSink& sink, const Located& v, IntRange range) {
  const auto text = scalarText(sink, v, "an integer");
  if (!text) return std::nullopt;
  const auto value = takeParsed(sink, v, parseInteger(*text));
  if (!value) return std::nullopt;
  if (*value < range.min || *value > range.max) {
    sink.error(v.loc, v.path, fmt::format("must be between {} and {}, got {}", range.min, range.max, *value));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> asIntegerOneOf(DiagnosticSink& sink, const Located& v, std::span<const int> allowed) {
  const auto text = scalarText(sink, v, "an integer");
  if (!text) return std::nullopt;
  const auto value = takeParsed(sink, v, parseInteger(*text));
  if (!value) return std::nullopt;
  if (auto violation = oneOfViolation(*value, allowed)) {
    sink.error(v.loc, v.path, std::move(*violation));
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> asUnsigned(DiagnosticSink& sink, const Located& v) {
  const auto text = scalarText(sink, v, "a non-negative integer");
  if (!text) return std::nullopt;
  return takeParsed(sink, v, parseUnsigned(*text));
}

std::optional<double> asReal(DiagnosticSink& sink, const Located& v, RealRange range) {
  const auto text = scalarText(sink, v, "a number");
  if (!text) return std::nullopt;
  const auto value = takeParsed(sink, v, parseReal(*text));
  if (!value) return std::nullopt;
  return checkRange(sink, v, *value, range);
}

std::optional<double> asQuantity(DiagnosticSink& sink, const Located& v, std::span<const UnitFactor> units,
                                 RealRange range) {
  const auto text = scalarText(sink, v, "a number");
  if (!text) return std::nullopt;
  const auto value = takeParsed(sink, v, parseQuantity(*text, units));
  if (!value) return std::nullopt;
  // Ranges are stated in the base unit: the first of the table when its factor is 1.
  const bool namedBase = !units.empty() && units.front().factor == 1.0;
  return checkRange(sink, v, *value, range, namedBase ? units.front().unit : std::string_view{});
}

std::optional<Duration> asDuration(DiagnosticSink& sink, const Located& v, DurationRange range) {
  const auto text = scalarText(sink, v, "a duration (e.g. 15min)");
  if (!text) return std::nullopt;
  const auto value = takeParsed(sink, v, parseDurationChecked(*text));
  if (!value) return std::nullopt;
  if (*value < range.min || *value > range.max) {
    sink.error(v.loc, v.path,
               fmt::format("must be between {} and {}, got {}", formatDuration(range.min), formatDuration(range.max),
                           formatDuration(*value)));
    return std::nullopt;
  }
  return value;
}

std::optional<Duration> asTimeOfDay(DiagnosticSink& sink, const Located& v) {
  const auto text = scalarText(sink, v, "a time of day (HH:MM)");
  if (!text) return std::nullopt;
  return takeParsed(sink, v, parseTimeOfDay(*text));
}

std::optional<Time> asDateTime(DiagnosticSink& sink, const Located& v, const date::time_zone* zone) {
  const auto text = scalarText(sink, v, "a date-time (YYYY-MM-DDTHH:MM:SS)");
  if (!text) return std::nullopt;
  const auto local = takeParsed(sink, v, parseLocalDateTime(*text));
  if (!local || zone == nullptr) return std::nullopt;
  return takeParsed(sink, v, localToUtc(*zone, *local));
}

std::optional<std::vector<Located>> asList(DiagnosticSink& sink, const Located& v) {
  if (v.node.IsNull()) return std::vector<Located>{};
  if (!v.node.IsSequence()) {
    typeError(sink, v, "a list");
    return std::nullopt;
  }
  std::vector<Located> items;
  std::size_t index = 0;
  for (const auto& item : v.node) {
    SourceLoc loc = sink.at(item.Mark());
    if (!loc.known()) loc = v.loc;
    items.push_back(Located{item, fmt::format("{}[{}]", v.path, index++), std::move(loc)});
  }
  return items;
}

void reportBadEnum(DiagnosticSink& sink, const Located& v, const std::string& text,
                   std::span<const std::string_view> names) {
  sink.error(v.loc, v.path, fmt::format("unknown value '{}' (expected one of: {})", text, fmt::join(names, ", ")));
}

// ---- MapReader ----

MapReader::MapReader(DiagnosticSink& sink, const Located& node, installation::FieldLocs* fieldLocs)
    : sink_(&sink), self_(node), fieldLocs_(fieldLocs) {
  if (node.node.IsNull() || !node.node.IsDefined()) return;
  if (!node.node.IsMap()) {
    typeError(sink, node, "a map");
    return;
  }
  entries_ = yaml::mapEntries(node, sink);
}

MapReader MapReader::child(std::string_view key, installation::FieldLocs* fieldLocs) {
  const auto v = get(key);
  if (!v) return MapReader(*sink_, Located{YAML::Node(), pathOf(key), self_.loc}, fieldLocs);
  return MapReader(*sink_, *v, fieldLocs);
}

std::string MapReader::pathOf(std::string_view key) const { return yaml::memberPath(self_.path, key); }

Located MapReader::locate(const Entry& entry) const {
  // An empty value ("key:") has the mark of whatever token follows it, often on the next
  // line: the key is where the user looks.
  SourceLoc loc = sink_->at(entry.value.IsNull() ? entry.keyNode.Mark() : entry.value.Mark());
  if (!loc.known()) loc = sink_->at(entry.keyNode.Mark());
  if (!loc.known()) loc = self_.loc;
  return Located{entry.value, pathOf(entry.key), std::move(loc)};
}

std::optional<Located> MapReader::get(std::string_view key) {
  known_.emplace(key);
  const auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; });
  if (it == entries_.end()) return std::nullopt;
  Located located = locate(*it);
  if (fieldLocs_ != nullptr) (*fieldLocs_)[std::string(key)] = located.loc;
  return located;
}

bool MapReader::require(std::string_view key) {
  if (has(key)) return true;
  sink_->error(self_.loc, pathOf(key), fmt::format("missing required key '{}'", key));
  return false;
}

void MapReader::error(std::string_view key, std::string reason) {
  const auto v = get(key);
  sink_->error(v ? v->loc : self_.loc, pathOf(key), std::move(reason));
}

namespace {
/// Stores a converted value into `out` when there is one.
template <class T, class U>
bool store(const std::optional<U>& value, T& out) {
  if (!value) return false;
  out = static_cast<T>(*value);
  return true;
}
}  // namespace

bool MapReader::read(std::string_view key, std::string& out) {
  const auto v = get(key);
  return v && store(asString(*sink_, *v), out);
}

bool MapReader::read(std::string_view key, bool& out) {
  const auto v = get(key);
  return v && store(asBool(*sink_, *v), out);
}

bool MapReader::read(std::string_view key, int& out, IntRange range) {
  const auto v = get(key);
  return v && store(asInteger(*sink_, *v, range), out);
}

bool MapReader::read(std::string_view key, double& out, RealRange range) {
  const auto v = get(key);
  return v && store(asReal(*sink_, *v, range), out);
}

bool MapReader::read(std::string_view key, Duration& out, DurationRange range) {
  const auto v = get(key);
  return v && store(asDuration(*sink_, *v, range), out);
}

bool MapReader::readOneOf(std::string_view key, int& out, std::span<const int> allowed) {
  const auto v = get(key);
  return v && store(asIntegerOneOf(*sink_, *v, allowed), out);
}

bool MapReader::readQuantity(std::string_view key, double& out, std::span<const UnitFactor> units, RealRange range) {
  const auto v = get(key);
  return v && store(asQuantity(*sink_, *v, units, range), out);
}

bool MapReader::readDateTime(std::string_view key, Time& out, const date::time_zone* zone) {
  const auto v = get(key);
  return v && store(asDateTime(*sink_, *v, zone), out);
}

bool MapReader::readStringList(std::string_view key, std::vector<std::string>& out) {
  const auto v = get(key);
  if (!v) return false;
  const auto items = asList(*sink_, *v);
  if (!items) return false;
  const std::size_t errorsBefore = sink_->count();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const Located& item = (*items)[i];
    if (fieldLocs_ != nullptr) (*fieldLocs_)[fmt::format("{}[{}]", key, i)] = item.loc;
    if (auto name = asString(*sink_, item)) names.push_back(std::move(*name));
  }
  if (sink_->count() != errorsBefore) return false;
  out = std::move(names);
  return true;
}

std::vector<Located> MapReader::list(std::string_view key) {
  const auto v = get(key);
  if (!v) return {};
  return asList(*sink_, *v).value_or(std::vector<Located>{});
}

void MapReader::reportUnknownKeys() {
  const std::vector<std::string> known(known_.begin(), known_.end());
  for (const auto& entry : entries_) {
    if (known_.count(entry.key) != 0) continue;
    const auto suggestion = closestMatch(entry.key, known);
    const std::string reason =
        suggestion ? fmt::format("unknown key '{}' (did you mean '{}'?)", entry.key, *suggestion)
                   : fmt::format("unknown key '{}' (expected one of: {})", entry.key, fmt::join(known, ", "));
    sink_->error(sink_->at(entry.keyNode.Mark()), pathOf(entry.key), reason);
  }
}

}  // namespace ews::scenario::detail
