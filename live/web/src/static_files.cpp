#include "static_files.hpp"

#include <Poco/DeflatingStream.h>
#include <Poco/SHA2Engine.h>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace ews::web::detail {

namespace fs = std::filesystem;

namespace {
// Below this size gzip's header and the extra round of decoding cost more than they save.
constexpr std::size_t kMinGzipBytes = 1024;

std::string contentTypeOf(const fs::path& file) {
  static const std::map<std::string, std::string, std::less<>> kTypes{
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},    {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},              {".png", "image/png"},
      {".ico", "image/x-icon"},               {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},  {".map", "application/json; charset=utf-8"}};
  const auto it = kTypes.find(file.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool compressible(const std::string& type) {
  return type.starts_with("text/") || type.starts_with("application/json") || type == "image/svg+xml";
}

std::string gzip(const std::string& body) {
  std::ostringstream out;
  {
    Poco::DeflatingOutputStream deflate(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 9);
    deflate << body;
    deflate.close();
  }
  return out.str();
}

std::string etagOf(const std::string& body) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(body);
  return fmt::format("\"{}\"", Poco::DigestEngine::digestToHex(sha.digest()).substr(0, 32));
}
}  // namespace

StaticFiles::StaticFiles(const fs::path& root) : root_(root) {
  if (!fs::is_directory(root)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    StaticFile file;
    file.body = bytes.str();
    file.contentType = contentTypeOf(entry.path());
    if (file.body.size() >= kMinGzipBytes && compressible(file.contentType)) {
      std::string packed = gzip(file.body);
      if (packed.size() < file.body.size()) file.gzipped = std::move(packed);
    }
    file.etag = etagOf(file.body);
    const std::string url = "/" + fs::relative(entry.path(), root).generic_string();
    file.immutable = url.starts_with("/assets/");
    files_.emplace(url, std::move(file));
  }
}

const StaticFile* StaticFiles::find(std::string_view path) const {
  if (const auto it = files_.find(path); it != files_.end()) return &it->second;
  // A front-end route ("/web-server/users/edit/bob.smith"): the application's page. Its own
  // folders (assets, catalogues) answer 404 for a missing file.
  if (path.starts_with("/assets/") || path.starts_with("/i18n/")) return nullptr;
  if (const auto index = files_.find("/index.html"); index != files_.end()) return &index->second;
  return nullptr;
}

}  // namespace ews::web::detail
