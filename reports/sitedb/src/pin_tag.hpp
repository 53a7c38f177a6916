#pragma once
// The PIN tag (docs/users.md, "Login by PIN"): HMAC-SHA256 of a normalised PIN under a random
// 32-byte site key kept in the meta table. The PIN identifies its user (manual 8.1), so a
// login must find the user from the PIN alone; the salted slow hash cannot be searched, the
// tag can (users.pin_tag is indexed and unique). The user found is then checked with the slow
// hash, so a wrong or stale tag never logs anyone in.
#include <optional>
#include <string>
#include <string_view>

#include "ews/sitedb/database.hpp"

namespace ews::sitedb::detail {

inline constexpr std::size_t kPinTagKeyBytes = 32;

/// The site key, or nullopt when none was created yet (then no user has a tag either) or the
/// stored one is malformed. Reads only.
std::optional<std::string> loadPinTagKey(const Database& db);

/// The site key, created (RAND_bytes) and stored when missing. Call inside a write
/// transaction. Throws DbError when the stored key is malformed: replacing it would make every
/// tag stale, so no PIN would log in again.
std::string pinTagKeyForWrite(const Database& db);

/// The tag of a normalised PIN: 64 lowercase hex digits.
std::string pinTag(std::string_view key, std::string_view pin);

}  // namespace ews::sitedb::detail
