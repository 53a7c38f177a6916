#include "code_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

namespace ews::sitedb::detail {

namespace {
constexpr std::string_view kScheme = "pbkdf2-sha256";

std::vector<unsigned char> pbkdf2(std::string_view code, const unsigned char* salt, int saltBytes, int iterations,
                                  int hashBytes) {
  std::vector<unsigned char> out(static_cast<std::size_t>(hashBytes));
  if (PKCS5_PBKDF2_HMAC(code.data(), static_cast<int>(code.size()), salt, saltBytes, iterations, EVP_sha256(),
                        hashBytes, out.data()) != 1) {
    throw std::runtime_error("site database: PBKDF2 failed");
  }
  return out;
}

std::string base64(const unsigned char* bytes, std::size_t size) {
  std::string text(4 * ((size + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), bytes, static_cast<int>(size));
  text.resize(static_cast<std::size_t>(written));
  return text;
}

std::optional<std::vector<unsigned char>> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::vector<unsigned char> bytes(text.size() / 4 * 3);
  const int written = EVP_DecodeBlock(bytes.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (written < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes: drop them.
  std::size_t size = static_cast<std::size_t>(written);
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) --size;
  bytes.resize(size);
  return bytes;
}

struct Parsed {
  int iterations = 0;
  std::vector<unsigned char> salt;
  std::vector<unsigned char> hash;
};

std::optional<Parsed> parse(std::string_view stored) {
  std::array<std::string_view, 4> parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto dollar = stored.find('$');
    if ((dollar == std::string_view::npos) != (i + 1 == parts.size())) return std::nullopt;
    parts[i] = stored.substr(0, dollar);
    if (dollar != std::string_view::npos) stored.remove_prefix(dollar + 1);
  }
  if (parts[0] != kScheme) return std::nullopt;
  Parsed parsed;
  const auto [end, error] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), parsed.iterations);
  if (error != std::errc{} || end != parts[1].data() + parts[1].size()) return std::nullopt;
  if (parsed.iterations < 1 || parsed.iterations > kMaxIterations) return std::nullopt;
  auto salt = unbase64(parts[2]);
  auto hash = unbase64(parts[3]);
  if (!salt || !hash || hash->empty()) return std::nullopt;
  parsed.salt = std::move(*salt);
  parsed.hash = std::move(*hash);
  return parsed;
}
}  // namespace

std::string hashCode(std::string_view code, int iterations) {
  if (iterations < 1 || iterations > kMaxIterations) {
    throw std::invalid_argument(fmt::format("site database: {} PBKDF2 iterations", iterations));
  }
  std::array<unsigned char, kSaltBytes> salt{};
  if (RAND_bytes(salt.data(), kSaltBytes) != 1) throw std::runtime_error("site database: no random bytes for a salt");
  const auto hash = pbkdf2(code, salt.data(), kSaltBytes, iterations, kHashBytes);
  return fmt::format("{}${}${}${}", kScheme, iterations, base64(salt.data(), salt.size()),
                     base64(hash.data(), hash.size()));
}

bool verifyCode(std::string_view code, std::string_view stored) {
  const auto parsed = parse(stored);
  if (!parsed) return false;
  const auto hash = pbkdf2(code, parsed->salt.data(), static_cast<int>(parsed->salt.size()), parsed->iterations,
                           static_cast<int>(parsed->hash.size()));
  return CRYPTO_memcmp(hash.data(), parsed->hash.data(), hash.size()) == 0;
}

void spendVerification(int iterations) {
  const std::array<unsigned char, kSaltBytes> salt{};
  (void)pbkdf2("", salt.data(), kSaltBytes, iterations, kHashBytes);
}

}  // namespace ews::sitedb::detail
