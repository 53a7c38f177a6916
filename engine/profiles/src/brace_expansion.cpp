#include "brace_expansion.hpp"

#include <charconv>

namespace ews::profiles::detail {

namespace {

/// The alternatives of one group's body: "L1,L2" or "2..25".
bool alternativesOf(std::string_view body, std::vector<std::string>& out, std::string& error) {
  out.clear();
  const auto dots = body.find("..");
  if (dots != std::string_view::npos && body.find(',') == std::string_view::npos) {
    const std::string_view first = body.substr(0, dots);
    const std::string_view last = body.substr(dots + 2);
    int from = 0;
    int to = 0;
    const auto parsedFirst = std::from_chars(first.data(), first.data() + first.size(), from);
    const auto parsedLast = std::from_chars(last.data(), last.data() + last.size(), to);
    if (first.empty() || last.empty() || parsedFirst.ptr != first.data() + first.size() ||
        parsedLast.ptr != last.data() + last.size() || from < 0) {
      error = "a range must be '{first..last}' with non-negative integers, got '{" + std::string(body) + "}'";
      return false;
    }
    if (from > to) {
      error = "range '{" + std::string(body) + "}' runs backwards";
      return false;
    }
    for (int i = from; i <= to; ++i) out.push_back(std::to_string(i));
    return true;
  }
  std::size_t begin = 0;
  for (;;) {
    const auto comma = body.find(',', begin);
    const std::string_view item = body.substr(begin, comma == std::string_view::npos ? body.npos : comma - begin);
    if (item.empty()) {
      error = "empty alternative in '{" + std::string(body) + "}'";
      return false;
    }
    out.emplace_back(item);
    if (comma == std::string_view::npos) return true;
    begin = comma + 1;
  }
}

}  // namespace

bool hasBraces(std::string_view pattern) { return pattern.find('{') != std::string_view::npos; }

BraceExpansion expandBraces(std::string_view pattern, std::size_t limit) {
  BraceExpansion result;
  result.names.emplace_back();
  std::vector<std::string> alternatives;
  std::size_t at = 0;
  while (at < pattern.size()) {
    const auto open = pattern.find_first_of("{}", at);
    const std::string_view literal = pattern.substr(at, open == std::string_view::npos ? pattern.npos : open - at);
    for (auto& name : result.names) name += literal;
    if (open == std::string_view::npos) break;
    if (pattern[open] == '}') {
      result.error = "'}' without a matching '{'";
      break;
    }
    const auto close = pattern.find_first_of("{}", open + 1);
    if (close == std::string_view::npos || pattern[close] == '{') {
      result.error = "'{' without a matching '}' (braces do not nest)";
      break;
    }
    if (!alternativesOf(pattern.substr(open + 1, close - open - 1), alternatives, result.error)) break;
    if (result.names.size() * alternatives.size() > limit) {
      result.error = "expands to more than " + std::to_string(limit) + " names";
      break;
    }
    std::vector<std::string> grown;
    grown.reserve(result.names.size() * alternatives.size());
    for (const auto& name : result.names) {
      for (const auto& alternative : alternatives) grown.push_back(name + alternative);
    }
    result.names = std::move(grown);
    at = close + 1;
  }
  if (!result.ok()) result.names.clear();
  return result;
}

}  // namespace ews::profiles::detail
