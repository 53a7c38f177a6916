#pragma once
// The login of the web pages (manual 8.1, 8.1.4; docs/api.md; docs/users.md, "Login"): the PIN
// alone picks the user; a browser not unlocked (or locked) must give the PUK too, and a login
// with the PUK unlocks it. Logout ends the session (next login: PIN); Lock also forgets the
// browser (next login: PIN and PUK). Wrong codes count towards the lockout (LoginThrottle);
// every lockout that starts is a "security" event.
//
// Thread-safe: login may be called from several server threads at once. The database work
// (one slow hash per code) runs under one mutex on the service's own connection, so logins
// take turns (about 0.25 s each with the PIN, 0.5 s with the PUK) and never load more than one
// core. Time is a parameter: the service never reads a clock.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "ews/kernel/time.hpp"
#include "ews/sitedb/browser_unlocks.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/users.hpp"
#include "ews/web/login_throttle.hpp"
#include "ews/web/session_store.hpp"

namespace ews::web {

namespace login {
/// Logged in. `newBrowserToken` is set when the PUK was given and accepted: the browser is
/// now unlocked, send it as the `ews_browser` cookie (Max-Age sitedb::kBrowserUnlockLifetime).
struct Ok {
  Session session;
  sitedb::UserView user;
  std::optional<std::string> newBrowserToken;
};
/// 401 wrong-code: the PIN or the PUK matches no enabled user (a disabled user's codes too).
struct WrongCode {};
/// 401 puk-required: the PIN is right, but this browser is not unlocked and no PUK came.
struct PukRequired {};
/// 429 locked-out: too many wrong codes from this address or for this user.
struct LockedOut {
  Duration retryAfter{};
  /// Whole seconds, rounded up (Retry-After, retryAfterSeconds): at least 1.
  std::int64_t retryAfterSeconds() const;
};
}  // namespace login

using LoginOutcome = std::variant<login::Ok, login::WrongCode, login::PukRequired, login::LockedOut>;

struct LoginOptions {
  int hashIterations = sitedb::kCodeHashIterations;  ///< for the time of a failed PIN lookup; tests pass fewer
  SessionLimits sessions = {};
  ThrottleLimits throttle = {};
};

/// The author of the lockout events.
inline constexpr std::string_view kSecurityEventAuthor = "web";
inline constexpr std::string_view kSecurityEventKind = "security";

class LoginService {
 public:
  /// `db`: a read-write connection of the site database for this service alone (WAL lets it
  /// write beside the engine's writer), outliving the service.
  explicit LoginService(const sitedb::Database& db, LoginOptions options = {});
  ~LoginService();
  LoginService(const LoginService&) = delete;
  LoginService& operator=(const LoginService&) = delete;

  /// One login attempt from the client `address` (host, no port). `puk` only when the user
  /// typed one; `browserToken` is the `ews_browser` cookie if any.
  ///
  /// 1. The address is locked out → LockedOut (no code is checked).
  /// 2. The PIN matches no enabled user → WrongCode (a failure of the address).
  /// 3. The user is locked out → LockedOut.
  /// 4. A PUK came: wrong → WrongCode (a failure of the address and of the user); right → Ok
  ///    with a new browser token (the old token, if any, is forgotten).
  /// 5. No PUK: the browser is unlocked → Ok; otherwise PukRequired (not a failure).
  /// A failure that starts a lockout answers LockedOut instead of WrongCode and writes a
  /// "security" event naming the address or the user (never a code).
  LoginOutcome login(std::string_view pin, std::optional<std::string_view> puk,
                     std::optional<std::string_view> browserToken, std::string_view address, Time now);

  /// Logout (manual 8.1.4): the session ends; the browser stays unlocked.
  void logout(std::string_view sessionId);
  /// Lock (manual 8.1.4): the session ends and the browser is forgotten (next login: PIN and PUK).
  void lock(std::string_view sessionId, std::optional<std::string_view> browserToken);

  /// GET /api/v1/session's browserUnlocked.
  bool isBrowserUnlocked(std::optional<std::string_view> browserToken, Time now);
  /// Forgets every browser unlocked with `user`'s PUK (when the user is disabled or the PUK
  /// changes). Returns how many.
  std::size_t forgetBrowsersOf(std::string_view user);

  SessionStore& sessions() { return sessions_; }
  LoginThrottle& throttle() { return throttle_; }

 private:
  /// Counts a failure; the answer: LockedOut when it starts a lockout (and the event written).
  LoginOutcome fail(std::optional<std::string_view> user, std::string_view address, Time now);

  const sitedb::Database& db_;
  sitedb::UserStore users_;
  sitedb::BrowserUnlocks unlocks_;
  SessionStore sessions_;
  LoginThrottle throttle_;
  std::mutex dbMutex_;  ///< the connection is used by one thread at a time
};

}  // namespace ews::web
