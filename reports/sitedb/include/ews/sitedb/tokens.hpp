#pragma once
// Random bearer tokens (unlocked browsers, web sessions, CSRF) and what is kept of them: a
// token is handed out once and only its SHA-256 digest is stored or used as a key, so neither
// the database file nor a lookup's timing gives a token away (docs/users.md, "Login").
#include <cstddef>
#include <string>
#include <string_view>

namespace ews::sitedb {

/// Random bytes in a token: 256 bits, not guessable.
inline constexpr std::size_t kTokenBytes = 32;

/// `bytes` random bytes (OpenSSL RAND_bytes) as base64url without padding: 43 characters for
/// 32 bytes, safe in a cookie or a header as is. Throws std::runtime_error when the system has
/// no randomness.
std::string randomToken(std::size_t bytes = kTokenBytes);

/// Whether `text` is the shape randomToken(bytes) gives (length and alphabet): a cheap filter
/// before a lookup, never a proof.
bool looksLikeToken(std::string_view text, std::size_t bytes = kTokenBytes);

/// SHA-256 of `token` as 64 lowercase hex digits.
std::string tokenDigest(std::string_view token);

/// Equality of two secrets in a time that does not depend on where they differ (CRYPTO_memcmp;
/// only the lengths may show).
bool equalSecrets(std::string_view a, std::string_view b);

}  // namespace ews::sitedb
