#include "yaml_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ews::profiles::detail {

namespace {


std::optional<std::string> scalarText(Diagnostics& out, const Located& v, std::string_view expected) {
  if (v.node.IsScalar()) return v.node.Scalar();
  out.error(v.loc, v.path, fmt::format("expected {}, got {}", expected, yaml::describeNode(v.node)));
  return std::nullopt;
}

}  // namespace

std::optional<std::string> readString(Diagnostics& out, const Located& v) { return scalarText(out, v, "a string"); }

std::optional<std::int64_t> readInteger(Diagnostics& out, const Located& v, std::int64_t min, std::int64_t max) {
  constexpr std::string_view kExpected = "an integer (decimal, or hexadecimal as 0x...)";
  const auto text = scalarText(out, v, kExpected);
  if (!text) return std::nullopt;
  std::string_view digits = *text;
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    digits.remove_prefix(2);
    base = 16;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    out.error(v.loc, v.path, fmt::format("expected {}, got '{}'", kExpected, *text));
    return std::nullopt;
  }
  if (value < min || value > max) {
    // Register limits read better in hex too: "between 0 and 65535 (0xFFFF)".
    const std::string hexMax = max > 0xFF ? fmt::format(" (0x{:X})", max) : std::string();
    out.error(v.loc, v.path, fmt::format("must be between {} and {}{}, got {}", min, max, hexMax, *text));
    return std::nullopt;
  }
  return value;
}

std::optional<double> readNumber(Diagnostics& out, const Located& v) {
  const auto text = scalarText(out, v, "a number");
  if (!text) return std::nullopt;
  double value = 0.0;
  const char* first = text->data();
  const char* last = first + text->size();
  if (first != last && *first == '+') ++first;  // from_chars refuses a plus sign
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc() || end != last || !std::isfinite(value)) {
    out.error(v.loc, v.path, fmt::format("expected a number, got '{}'", *text));
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<Located>> readList(Diagnostics& out, const Located& v) {
  if (v.node.IsNull()) return std::vector<Located>{};
  if (!v.node.IsSequence()) {
    out.error(v.loc, v.path, fmt::format("expected a list, got {}", yaml::describeNode(v.node)));
    return std::nullopt;
  }
  std::vector<Located> items;
  std::size_t index = 0;
  for (const auto& item : v.node) {
    SourceLoc loc = out.at(item.Mark());
    if (!loc.known()) loc = v.loc;
    items.push_back(Located{item, fmt::format("{}[{}]", v.path, index++), std::move(loc)});
  }
  return items;
}

MapInput::MapInput(Diagnostics& out, const Located& node) : out_(&out), self_(node) {
  if (node.node.IsNull() || !node.node.IsDefined()) return;
  if (!node.node.IsMap()) {
    out.error(node.loc, node.path, fmt::format("expected a map, got {}", yaml::describeNode(node.node)));
    return;
  }
  entries_ = yaml::mapEntries(node, out);
}

std::string MapInput::pathOf(std::string_view key) const { return yaml::memberPath(self_.path, key); }

std::optional<Located> MapInput::get(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  const auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; });
  if (it == entries_.end()) return std::nullopt;
  // An empty value ("key:") has the mark of the next token, often on the next line: the key
  // is where the user looks.
  SourceLoc loc = out_->at(it->value.IsNull() ? it->keyNode.Mark() : it->value.Mark());
  if (!loc.known()) loc = out_->at(it->keyNode.Mark());
  if (!loc.known()) loc = self_.loc;
  return Located{it->value, pathOf(key), std::move(loc)};
}

std::optional<Located> MapInput::require(std::string_view key) {
  auto value = get(key);
  if (!value) out_->error(self_.loc, pathOf(key), fmt::format("missing required key '{}'", key));
  return value;
}

void MapInput::reportUnknownKeys() {
  for (const auto& entry : entries_) {
    if (std::find(known_.begin(), known_.end(), entry.key) != known_.end()) continue;
    out_->error(out_->at(entry.keyNode.Mark()), pathOf(entry.key),
                fmt::format("unknown key '{}' (expected one of: {})", entry.key, fmt::join(known_, ", ")));
  }
}

}  // namespace ews::profiles::detail
