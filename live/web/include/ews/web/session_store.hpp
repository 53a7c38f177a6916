#pragma once
// The web sessions (docs/api.md, "Session"), in memory: a restart of the server logs everyone
// out. A session is a random id (the `ews_session` cookie) and a random CSRF
// token; the store keys sessions by the id's SHA-256, so a lookup's timing tells nothing about
// the ids held. Thread-safe: every call takes the store's mutex.
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ews/kernel/time.hpp"
#include "ews/sitedb/pages.hpp"
#include "ews/sitedb/users.hpp"

namespace ews::web {

struct Session {
  std::string id;         ///< the cookie value: 32 random bytes, base64url (43 characters)
  std::string csrfToken;  ///< the X-CSRF-Token every change must carry: 32 random bytes, base64url
  std::string user;       ///< the user's name as stored
  sitedb::PageSet pages;  ///< the user's page rights when logged in (updateUser refreshes them)
  bool manager = false;   ///< sitedb::canManageUsers(user): may open the Users page
  Time createdAt{};
  Time lastSeenAt{};
};

struct SessionLimits {
  Duration idleTimeout = minutes(30);     ///< since the last request
  Duration absoluteTimeout = hours(12);   ///< since the login, whatever the activity
  std::size_t capacity = 1024;            ///< beyond, the least recently seen session ends
};

/// Whether `token` (the X-CSRF-Token header) is the session's, in constant time.
bool csrfMatches(const Session& session, std::string_view token);

class SessionStore {
 public:
  explicit SessionStore(SessionLimits limits = {});

  /// A new session for `user` (who just logged in). At capacity, the expired sessions are
  /// dropped first, then the least recently seen one.
  Session create(const sitedb::UserView& user, Time now);

  /// The session `id` as of `now`, marked seen; nullopt when unknown or expired (idle for
  /// idleTimeout or more, or created absoluteTimeout or more ago): an expired session is ended.
  std::optional<Session> touch(std::string_view id, Time now);

  /// Logout: the session ends. Unknown ids are ignored.
  void end(std::string_view id);

  /// Ends every session of `user` (case-insensitive, as user names are): when the user is
  /// disabled or their codes change. Returns how many.
  std::size_t endAllOf(std::string_view user);

  /// After `user`'s row changed: their sessions take the new pages (and manager right), or
  /// end when the user is disabled. Returns how many sessions were touched.
  std::size_t updateUser(const sitedb::UserView& user);

  std::size_t size() const;
  const SessionLimits& limits() const { return limits_; }

 private:
  struct Entry {
    std::string csrfToken;
    std::string user;
    sitedb::PageSet pages;
    bool manager = false;
    Time createdAt{};
    Time lastSeenAt{};
  };
  bool expired(const Entry& entry, Time now) const;
  void makeRoom(Time now);

  SessionLimits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> sessions_;  ///< by tokenDigest(id)
};

}  // namespace ews::web
