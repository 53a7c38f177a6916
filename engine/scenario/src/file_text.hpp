#pragma once
// Reading a whole input file (a scenario, a trace) without letting an exception escape.
#include <cstddef>
#include <string>
#include <string_view>

#include "value_parsers.hpp"

namespace ews::scenario::detail {

/// The size limit of the data files a scenario names (trace and sessions CSV): a year of
/// one-minute samples is about 15 MiB (docs/scenario-format.md, "Limits").
inline constexpr std::size_t kMaxDataFileBytes = std::size_t{256} << 20;

/// The file's bytes, or "cannot open <what>: <OS reason>" / "cannot read <what>: <OS reason>"
/// (a directory opens but does not read), or "<what> is over the limit of N bytes" for a file
/// longer than `maxBytes` (read no further than that), or "<what>: not valid UTF-8 at line L,
/// column C (byte 0xNN)".
Parsed<std::string> readFileText(const std::string& path, std::string_view what, std::size_t maxBytes);

}  // namespace ews::scenario::detail
