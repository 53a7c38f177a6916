#include "entry_path.hpp"

namespace ews::sitedb::detail {

std::optional<std::string> entryNameProblem(std::string_view name) {
  if (name.empty()) return "has an empty name";
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "has a control character in its name";
    if (c == '\\') return "has a backslash in its name (escapes the data folder on some systems)";
  }
  if (name.front() == '/') return "is an absolute path (escapes the data folder)";
  if (name.size() >= 2 && name[1] == ':') return "is an absolute path (escapes the data folder)";  // C:...
  std::string_view rest = name;
  if (rest.back() == '/') rest.remove_suffix(1);  // a directory entry
  bool first = true;
  std::string_view top;
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment == "..") return "escapes the data folder";
    if (segment.empty() || segment == ".") return "is not a normalised path";
    if (first) top = segment;
    first = false;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  const bool isDirectory = name.back() == '/';
  const bool single = name.find('/') == std::string_view::npos;
  if (single && (name == kManifestName || name == kDatabaseName)) return std::nullopt;
  if (top == kCsvFolderName && (!single || isDirectory)) return std::nullopt;
  return "is not part of an ews backup (allowed: manifest.json, ews.db, csv/...)";
}

}  // namespace ews::sitedb::detail
