#pragma once
// Salted slow hashes of the PIN and PUK codes (docs/users.md, "Hashing"): PBKDF2-HMAC-SHA256
// through OpenSSL, stored as "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>" so the
// iteration count can grow later while older hashes still verify.
#include <string>
#include <string_view>

namespace ews::sitedb::detail {

inline constexpr int kSaltBytes = 16;
inline constexpr int kHashBytes = 32;  // SHA-256's output: more would only slow us, not the attacker
/// A stored count outside [1, kMaxIterations] is refused rather than run: a tampered row must
/// not turn one login into minutes of CPU.
inline constexpr int kMaxIterations = 10'000'000;

/// A fresh random salt (RAND_bytes) and PBKDF2 of `code` with `iterations`.
std::string hashCode(std::string_view code, int iterations);

/// Whether `code` hashes to `stored`, compared in constant time (CRYPTO_memcmp). false for a
/// malformed `stored`.
bool verifyCode(std::string_view code, std::string_view stored);

/// Spends the time of one verification without a stored hash, so that asking for an unknown
/// user takes as long as asking for a known one.
void spendVerification(int iterations);

}  // namespace ews::sitedb::detail
