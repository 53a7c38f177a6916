#include "pin_tag.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include <fmt/format.h>

#include "meta_keys.hpp"

namespace ews::sitedb::detail {

namespace {
constexpr std::string_view kHexDigits = "0123456789abcdef";

std::string toHex(const unsigned char* bytes, std::size_t size) {
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex += kHexDigits[bytes[i] >> 4];
    hex += kHexDigits[bytes[i] & 0x0F];
  }
  return hex;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// The key's bytes from its stored hex, nullopt unless exactly kPinTagKeyBytes.
std::optional<std::string> fromHex(std::string_view hex) {
  if (hex.size() != 2 * kPinTagKeyBytes) return std::nullopt;
  std::string bytes(kPinTagKeyBytes, '\0');
  for (std::size_t i = 0; i < kPinTagKeyBytes; ++i) {
    const int high = hexValue(hex[2 * i]);
    const int low = hexValue(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes[i] = static_cast<char>((high << 4) | low);
  }
  return bytes;
}
}  // namespace

std::optional<std::string> loadPinTagKey(const Database& db) {
  const auto stored = db.meta(kMetaPinTagKey);
  if (!stored) return std::nullopt;
  return fromHex(*stored);
}

std::string pinTagKeyForWrite(const Database& db) {
  if (const auto stored = db.meta(kMetaPinTagKey)) {
    if (auto key = fromHex(*stored)) return *key;
    throw DbError(fmt::format("site database {}: meta '{}' is not a {}-byte hex key", db.path().string(),
                              kMetaPinTagKey, kPinTagKeyBytes));
  }
  std::array<unsigned char, kPinTagKeyBytes> key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
    throw std::runtime_error("site database: no random bytes for the PIN tag key");
  }
  db.setMeta(kMetaPinTagKey, toHex(key.data(), key.size()));
  std::string bytes(reinterpret_cast<const char*>(key.data()), key.size());
  OPENSSL_cleanse(key.data(), key.size());
  return bytes;
}

std::string pinTag(std::string_view key, std::string_view pin) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(pin.data()),
           pin.size(), mac.data(), &size) == nullptr) {
    throw std::runtime_error("site database: HMAC-SHA256 failed");
  }
  return toHex(mac.data(), size);
}

}  // namespace ews::sitedb::detail
