#include "ews/stores/csv_text.hpp"

namespace ews::stores::csv {

std::string field(std::string_view text, char fieldSeparator) {
  if (text.find_first_of(std::string{fieldSeparator, '"', '\n', '\r'}) == std::string_view::npos) {
    return std::string(text);
  }
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace ews::stores::csv
