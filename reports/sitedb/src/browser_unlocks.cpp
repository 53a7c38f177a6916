#include "ews/sitedb/browser_unlocks.hpp"

#include <sqlite3.h>

#include "ews/sitedb/tokens.hpp"

namespace ews::sitedb {

namespace {
/// last_used_us is rewritten only when it is this old: a login from an unlocked browser does
/// not write each time. It only orders the eviction beyond kMaxUnlockedBrowsers.
constexpr Duration kLastUseResolution = hours(1);
}  // namespace

BrowserUnlocks::BrowserUnlocks(const Database& db) : db_(db) {}

std::string BrowserUnlocks::unlock(std::string_view user, Time now) {
  std::string token = randomToken(kTokenBytes);
  Transaction transaction(db_);
  db_.prepare("DELETE FROM unlocked_browsers WHERE created_at_us <= ?")
      .bind(1, toMicros(now - kBrowserUnlockLifetime))
      .run();
  db_.prepare("INSERT INTO unlocked_browsers(token_hash, user, created_at_us, last_used_us) VALUES(?, ?, ?, ?)")
      .bind(1, tokenDigest(token))
      .bind(2, user)
      .bind(3, toMicros(now))
      .bind(4, toMicros(now))
      .run();
  db_.prepare(
         "DELETE FROM unlocked_browsers WHERE token_hash IN (SELECT token_hash FROM unlocked_browsers "
         "ORDER BY last_used_us DESC, created_at_us DESC LIMIT -1 OFFSET ?)")
      .bind(1, static_cast<std::int64_t>(kMaxUnlockedBrowsers))
      .run();
  transaction.commit();
  return token;
}

bool BrowserUnlocks::isUnlocked(std::string_view token, Time now) {
  if (!looksLikeToken(token, kTokenBytes)) return false;
  const std::string digest = tokenDigest(token);
  Statement row = db_.prepare("SELECT created_at_us, last_used_us FROM unlocked_browsers WHERE token_hash = ?");
  row.bind(1, digest);
  if (!row.step()) return false;
  const Time createdAt = timeFromMicros(row.int64(0));
  const Time lastUsed = timeFromMicros(row.int64(1));
  row.reset();
  if (now - createdAt >= kBrowserUnlockLifetime) {
    forget(token);
    return false;
  }
  if (now - lastUsed >= kLastUseResolution) {
    db_.prepare("UPDATE unlocked_browsers SET last_used_us = ? WHERE token_hash = ?")
        .bind(1, toMicros(now))
        .bind(2, digest)
        .run();
  }
  return true;
}

void BrowserUnlocks::forget(std::string_view token) {
  db_.prepare("DELETE FROM unlocked_browsers WHERE token_hash = ?").bind(1, tokenDigest(token)).run();
}

std::size_t BrowserUnlocks::forgetUser(std::string_view user) {
  db_.prepare("DELETE FROM unlocked_browsers WHERE user = ? COLLATE NOCASE").bind(1, user).run();
  return static_cast<std::size_t>(sqlite3_changes(db_.handle()));
}

}  // namespace ews::sitedb
