#pragma once
// The users of the web pages (manual 8.1, docs/users.md): name, page rights, enabled, and the
// PIN and PUK codes kept only as salted slow hashes. UserStore is the only way in: it checks
// the manual's rules before any write, records every change as an event, and hands out
// UserView, which carries no code or hash.
//
// The PIN identifies its user (manual 8.1): findByPin finds the user through an indexed HMAC
// tag of the PIN and checks the slow hash; PINs are therefore unique among users. Lockout
// after failed attempts is the web server's (live/web, LoginThrottle).
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ews/kernel/time.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/pages.hpp"

namespace ews::sitedb {

/// PBKDF2-HMAC-SHA256 iterations of a new hash: OWASP's 2023 figure for this function, about
/// 0.2 s on one x86 core. The count is stored in each hash, so raising it later leaves the old
/// hashes valid (docs/users.md, "Hashing").
inline constexpr int kCodeHashIterations = 600'000;

/// Code formats (manual 8.1.1: "99999 (5 characters)", "00000 9999 00000 (14 characters)").
inline constexpr std::size_t kPinDigits = 5;
inline constexpr std::size_t kPukDigits = 14;
inline constexpr std::size_t kMaxUserNameLength = 32;  ///< characters (UTF-8 code points)

/// A user as pages and the API may see it: no code, no hash.
struct UserView {
  std::string name;
  bool enabled = true;
  PageSet pages;
  bool defaultPin = false;  ///< the PIN is one of the manual's default PINs: the pages warn
  bool defaultPuk = false;  ///< the PUK is one of the manual's default PUKs
  Time updatedAt{};

  bool usesDefaultCode() const { return defaultPin || defaultPuk; }
  bool operator==(const UserView&) const = default;
};

/// One of the manual's default users (8.1.1), seeded into an empty users table.
struct DefaultUser {
  std::string_view name;
  std::string_view pin;
  std::string_view puk;  ///< digits only; the manual prints it grouped "00000 9999 00000"
  PageSet pages;
};
/// administrator, greenUp, installer, user, in the manual's order.
std::span<const DefaultUser> defaultUsers();

/// Whether `user` may add users and change their rights (manual 8.1.2-8.1.3: only
/// "administrator" and "greenUp"): one of those two, enabled, and still holding the Web Server
/// configuration page the Users page lives in.
bool canManageUsers(const UserView& user);

/// A code as typed: spaces are group separators and are dropped ("00000 9999 00000").
std::string normalizeCode(std::string_view code);

struct NewUser {
  std::string name;
  std::string pin;
  std::string puk;
  PageSet pages;
  bool enabled = true;
};

/// What an edit changes; an empty optional keeps the stored value. There is no rename: the name
/// is the key the pages choose a user by (manual 8.1.3).
struct UserChange {
  // "= std::nullopt" lets callers write UserChange{.enabled = false} under -Wextra.
  std::optional<std::string> pin = std::nullopt;
  std::optional<std::string> puk = std::nullopt;
  std::optional<PageSet> pages = std::nullopt;
  std::optional<bool> enabled = std::nullopt;
};

/// The outcome of a code check. UnknownUser and Disabled let the web server count attempts per
/// user; it must show all refusals alike. Disabled is reported only for a correct code.
enum class CodeCheck { Accepted, WrongCode, UnknownUser, Disabled };

class UserStore {
 public:
  /// `hashIterations` applies to the codes this store writes; tests pass a small count.
  explicit UserStore(const Database& db, int hashIterations = kCodeHashIterations);

  /// All users, by name (case-insensitive).
  std::vector<UserView> list() const;
  /// The user named `name` (case-insensitive), nullopt when absent.
  std::optional<UserView> find(std::string_view name) const;

  /// The enabled user whose PIN is `pin` (normalised first), nullopt otherwise: a wrong or
  /// malformed PIN, or the PIN of a disabled user (the login must not tell those apart). The
  /// candidate is found by its PIN tag (one indexed lookup) and accepted only if the slow hash
  /// verifies; every call costs one slow hash, found or not.
  std::optional<UserView> findByPin(std::string_view pin) const;

  /// Checks a PIN or a PUK (normalised first). An unknown name costs the time of a real check.
  CodeCheck verifyPin(std::string_view name, std::string_view pin) const;
  CodeCheck verifyPuk(std::string_view name, std::string_view puk) const;

  /// Adds a user on behalf of `actor`. Throws PermissionDenied unless canManageUsers(actor),
  /// FieldError naming the field ("name", "pin", "puk", "pages") otherwise, among them
  /// FieldError("pin", "is already used by another user"); nothing is written then. Writes a
  /// "user" event with `actor` as author.
  void add(std::string_view actor, const NewUser& user, Time now);
  /// Changes `name` on behalf of `actor`, with the same errors as add(), and "enabled" or
  /// "pages" when the change would leave no enabled user able to manage users. A change that
  /// changes nothing writes nothing.
  void update(std::string_view actor, std::string_view name, const UserChange& change, Time now);
  /// update(actor, name, {.enabled = false}, now): users are disabled, never erased (8.1.3).
  void disable(std::string_view actor, std::string_view name, Time now);

 private:
  CodeCheck verify(std::string_view name, std::string_view code, bool puk) const;

  const Database& db_;
  int hashIterations_;
};

/// Seeds the default users when the users table is empty (a new box); returns whether it did.
/// Writes one "user" event with author "system".
bool seedDefaultUsers(const Database& db, Time now, int hashIterations = kCodeHashIterations);

}  // namespace ews::sitedb
