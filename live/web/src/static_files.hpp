#pragma once
// The built front-end (live/web/ui), loaded into memory at start: a few hundred KiB, so every
// request is a lookup, with its ETag and, for compressible files, its gzip form computed once.
// Files whose names carry a content hash (assets/app-<hash>.js) are immutable for caches.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace ews::web::detail {

struct StaticFile {
  std::string body;
  std::string gzipped;  ///< empty when gzip does not pay (small or already compressed)
  std::string contentType;
  std::string etag;  ///< quoted, from the content's SHA-256
  bool immutable = false;
};

class StaticFiles {
 public:
  /// Loads every file below `root`. A missing root leaves the set empty (the API still works;
  /// pages answer 404 naming the missing build).
  explicit StaticFiles(const std::filesystem::path& root);

  /// The file for a request path: the exact file, or index.html for any other path outside
  /// assets/ and i18n/ (the front-end's own routes). nullptr when none.
  const StaticFile* find(std::string_view path) const;
  bool empty() const { return files_.empty(); }
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
  std::map<std::string, StaticFile, std::less<>> files_;  ///< by URL path ("/index.html")
};

}  // namespace ews::web::detail
