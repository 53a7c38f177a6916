#pragma once
// SHA-256 of the archive members (the manifest's checksums). Poco Foundation's SHA2Engine:
// the site database then needs no OpenSSL of its own.
#include <Poco/SHA2Engine.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ews::sitedb::detail {

class Sha256 {
 public:
  void update(const void* data, std::size_t bytes) {
    engine_.update(data, bytes);
    bytes_ += bytes;
  }
  std::uint64_t bytes() const { return bytes_; }
  /// Lower-case hex; ends the computation (the object is reset).
  std::string hexDigest() { return Poco::DigestEngine::digestToHex(engine_.digest()); }

 private:
  Poco::SHA2Engine engine_{Poco::SHA2Engine::SHA_256};
  std::uint64_t bytes_ = 0;
};

inline std::string sha256Hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes.data(), bytes.size());
  return hash.hexDigest();
}

}  // namespace ews::sitedb::detail
