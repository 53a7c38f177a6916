#pragma once
// User names compare as the site database compares them (COLLATE NOCASE: ASCII letters fold,
// other characters compare as they are).
#include <string>
#include <string_view>

namespace ews::web::detail {

inline char foldAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool sameUserName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (foldAscii(a[i]) != foldAscii(b[i])) return false;
  }
  return true;
}

/// The key a name is counted under: ASCII letters folded.
inline std::string userKey(std::string_view name) {
  std::string key(name);
  for (char& c : key) c = foldAscii(c);
  return key;
}

}  // namespace ews::web::detail
