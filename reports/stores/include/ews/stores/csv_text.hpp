#pragma once
// Text of one CSV field: quoted (RFC 4180) only when it holds the field separator, a quote
// or a line break — device, load and group names are user text and may.
#include <string>
#include <string_view>

namespace ews::stores::csv {

std::string field(std::string_view text, char fieldSeparator);

}  // namespace ews::stores::csv
