#include "virtual_path.hpp"

#include <vector>

namespace ews::ftp::detail {

namespace fs = std::filesystem;

std::string resolveVirtual(const std::string& cwd, const std::string& argument) {
  const std::string joined = !argument.empty() && argument.front() == '/' ? argument : cwd + "/" + argument;
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at <= joined.size()) {
    const std::size_t slash = std::min(joined.find('/', at), joined.size());
    const std::string part = joined.substr(at, slash - at);
    at = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string path;
  for (const auto& part : parts) path += "/" + part;
  return path.empty() ? "/" : path;
}

std::optional<fs::path> realPath(const fs::path& root, const std::string& virtualPath) {
  std::error_code error;
  const fs::path base = fs::canonical(root, error);
  if (error) return std::nullopt;
  const fs::path candidate = fs::canonical(base / virtualPath.substr(1), error);
  if (error) return std::nullopt;  // missing
  // Inside the tree: the canonical path starts with the root's, component by component.
  auto [rootEnd, candidateAt] = std::mismatch(base.begin(), base.end(), candidate.begin(), candidate.end());
  if (rootEnd != base.end()) return std::nullopt;
  return candidate;
}

}  // namespace ews::ftp::detail
