#include "ews/sitedb/tokens.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <vector>

namespace ews::sitedb {

namespace {
constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kHexDigits = "0123456789abcdef";

std::size_t base64UrlLength(std::size_t bytes) { return (bytes * 4 + 2) / 3; }

std::string base64Url(const unsigned char* data, std::size_t size) {
  std::string text;
  text.reserve(base64UrlLength(size));
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const unsigned value = (unsigned{data[i]} << 16) | (unsigned{data[i + 1]} << 8) | data[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) text += kBase64Url[(value >> shift) & 0x3F];
  }
  if (const std::size_t rest = size - i; rest > 0) {
    unsigned value = unsigned{data[i]} << 16;
    if (rest == 2) value |= unsigned{data[i + 1]} << 8;
    text += kBase64Url[(value >> 18) & 0x3F];
    text += kBase64Url[(value >> 12) & 0x3F];
    if (rest == 2) text += kBase64Url[(value >> 6) & 0x3F];
  }
  return text;
}
}  // namespace

std::string randomToken(std::size_t bytes) {
  std::vector<unsigned char> random(bytes);
  if (bytes > 0 && RAND_bytes(random.data(), static_cast<int>(bytes)) != 1) {
    throw std::runtime_error("no random bytes for a token");
  }
  std::string token = base64Url(random.data(), random.size());
  OPENSSL_cleanse(random.data(), random.size());
  return token;
}

bool looksLikeToken(std::string_view text, std::size_t bytes) {
  return text.size() == base64UrlLength(bytes) &&
         std::all_of(text.begin(), text.end(), [](char c) { return kBase64Url.find(c) != std::string_view::npos; });
}

std::string tokenDigest(std::string_view token) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest.data());
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (const unsigned char byte : digest) {
    hex += kHexDigits[byte >> 4];
    hex += kHexDigits[byte & 0x0F];
  }
  return hex;
}

bool equalSecrets(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0);
}

}  // namespace ews::sitedb
