#pragma once
// Browsers unlocked by a login that gave the PUK (manual 8.1.4: "Logout → reconnection with
// the PIN code; Lock → reconnection with the codes PIN+PUK"; docs/users.md, "Login"). The
// browser keeps a random token in a cookie; the database keeps only the token's SHA-256, so a
// copy of the file unlocks no browser. A browser is unlocked for every user, as on the box:
// the PIN alone then picks the user. Entries live one year from the unlock.
//
// Not thread-safe: one instance per connection, used by one thread at a time (the web
// server's LoginService serialises it).
#include <cstddef>
#include <string>
#include <string_view>

#include "ews/kernel/time.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::sitedb {

/// How long an unlock lasts, counted from the login that gave the PUK (the cookie's Max-Age).
inline constexpr Duration kBrowserUnlockLifetime = days(365);
/// At most this many unlocked browsers are kept; beyond, the least recently used are dropped.
inline constexpr std::size_t kMaxUnlockedBrowsers = 10'000;

class BrowserUnlocks {
 public:
  /// `db` must be read-write and outlive this object.
  explicit BrowserUnlocks(const Database& db);

  /// Unlocks a new browser for `user` (who gave the PUK): a fresh random token (32 bytes,
  /// base64url, 43 characters) for the cookie; only its SHA-256 is stored. Also drops the
  /// entries older than kBrowserUnlockLifetime, and the least recently used beyond
  /// kMaxUnlockedBrowsers.
  std::string unlock(std::string_view user, Time now);

  /// Whether `token` is a browser unlocked less than kBrowserUnlockLifetime before `now` (by
  /// any user). An expired entry is deleted. Records the use (at most one write an hour per
  /// browser).
  bool isUnlocked(std::string_view token, Time now);

  /// Lock: this browser must give the PUK again. Unknown tokens are ignored.
  void forget(std::string_view token);

  /// Forgets every browser `user` unlocked (case-insensitive), e.g. when the user is disabled
  /// or their PUK changes. Returns how many.
  std::size_t forgetUser(std::string_view user);

 private:
  const Database& db_;
};

}  // namespace ews::sitedb
