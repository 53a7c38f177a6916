#include "ews/web/session_store.hpp"

#include <algorithm>

#include "ews/sitedb/tokens.hpp"
#include "names.hpp"

namespace ews::web {

bool csrfMatches(const Session& session, std::string_view token) {
  return !session.csrfToken.empty() && sitedb::equalSecrets(session.csrfToken, token);
}

SessionStore::SessionStore(SessionLimits limits) : limits_(limits) {
  if (limits_.capacity == 0) limits_.capacity = 1;
}

bool SessionStore::expired(const Entry& entry, Time now) const {
  return now - entry.lastSeenAt >= limits_.idleTimeout || now - entry.createdAt >= limits_.absoluteTimeout;
}

void SessionStore::makeRoom(Time now) {
  if (sessions_.size() < limits_.capacity) return;
  std::erase_if(sessions_, [&](const auto& item) { return expired(item.second, now); });
  while (sessions_.size() >= limits_.capacity) {
    const auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
      return a.second.lastSeenAt < b.second.lastSeenAt;
    });
    sessions_.erase(oldest);
  }
}

Session SessionStore::create(const sitedb::UserView& user, Time now) {
  Session session{sitedb::randomToken(), sitedb::randomToken(), user.name, user.pages, sitedb::canManageUsers(user),
                  now, now};
  const std::string key = sitedb::tokenDigest(session.id);
  const std::lock_guard lock(mutex_);
  makeRoom(now);
  sessions_[key] = Entry{session.csrfToken, session.user, session.pages, session.manager, now, now};
  return session;
}

std::optional<Session> SessionStore::touch(std::string_view id, Time now) {
  if (!sitedb::looksLikeToken(id)) return std::nullopt;
  const std::string key = sitedb::tokenDigest(id);
  const std::lock_guard lock(mutex_);
  const auto found = sessions_.find(key);
  if (found == sessions_.end()) return std::nullopt;
  Entry& entry = found->second;
  if (expired(entry, now)) {
    sessions_.erase(found);
    return std::nullopt;
  }
  entry.lastSeenAt = std::max(entry.lastSeenAt, now);
  return Session{std::string(id), entry.csrfToken, entry.user, entry.pages, entry.manager, entry.createdAt,
                 entry.lastSeenAt};
}

void SessionStore::end(std::string_view id) {
  const std::string key = sitedb::tokenDigest(id);
  const std::lock_guard lock(mutex_);
  sessions_.erase(key);
}

std::size_t SessionStore::endAllOf(std::string_view user) {
  const std::lock_guard lock(mutex_);
  return std::erase_if(sessions_, [&](const auto& item) { return detail::sameUserName(item.second.user, user); });
}

std::size_t SessionStore::updateUser(const sitedb::UserView& user) {
  const std::lock_guard lock(mutex_);
  if (!user.enabled) {
    return std::erase_if(sessions_, [&](const auto& item) { return detail::sameUserName(item.second.user, user.name); });
  }
  std::size_t count = 0;
  for (auto& [key, entry] : sessions_) {
    if (!detail::sameUserName(entry.user, user.name)) continue;
    entry.pages = user.pages;
    entry.manager = sitedb::canManageUsers(user);
    ++count;
  }
  return count;
}

std::size_t SessionStore::size() const {
  const std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace ews::web
