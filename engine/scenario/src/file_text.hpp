#pragma once
// Reading a whole input file (a scenario, a trace) without letting an exception escape.
#include <string>
#include <string_view>

#include "value_parsers.hpp"

namespace ews::scenario::detail {

/// The file's bytes, or "cannot open <what>: <OS reason>" / "cannot read <what>: <OS reason>"
/// (a directory opens but does not read).
Parsed<std::string> readFileText(const std::string& path, std::string_view what);

}  // namespace ews::scenario::detail
