#pragma once
// Brace expansion of names, as bash does it, without nesting: "current.{L1,L2,L3}" gives
// current.L1, current.L2, current.L3; "position.{1..12}.count" gives twelve names. Several
// groups multiply, the leftmost varying slowest. Profile files and the quantity vocabulary
// both use it, so a harmonics table is one line instead of 144.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ews::profiles::detail {

struct BraceExpansion {
  std::vector<std::string> names;
  std::string error;  ///< empty when the pattern is well formed
  bool ok() const { return error.empty(); }
};

/// Expands `pattern`; reports unbalanced or empty braces, a bad range ("{3..1}", "{a..b}")
/// and more than `limit` names.
BraceExpansion expandBraces(std::string_view pattern, std::size_t limit = 4096);

/// True when `pattern` contains a brace group.
bool hasBraces(std::string_view pattern);

}  // namespace ews::profiles::detail
