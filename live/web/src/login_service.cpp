#include "ews/web/login_service.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "ews/recording/sample.hpp"
#include "ews/sitedb/history_writer.hpp"

namespace ews::web {

namespace login {
std::int64_t LockedOut::retryAfterSeconds() const {
  const std::int64_t micros = toMicros(retryAfter);
  return std::max<std::int64_t>(1, (micros + 999'999) / 1'000'000);
}
}  // namespace login

LoginService::LoginService(const sitedb::Database& db, LoginOptions options)
    : db_(db),
      users_(db, options.hashIterations),
      unlocks_(db),
      sessions_(options.sessions),
      throttle_(options.throttle) {}

LoginService::~LoginService() = default;

LoginOutcome LoginService::fail(std::optional<std::string_view> user, std::string_view address, Time now) {
  const auto lockouts = throttle_.recordFailureDetailed(user, address, now);
  const auto longest = lockouts.longest();
  if (!longest) return login::WrongCode{};
  // Called under dbMutex_: the event goes through the service's connection.
  const std::string addressKey = LoginThrottle::addressKey(address);
  if (lockouts.address) {
    sitedb::appendEvent(db_,
                        recording::Event{now, 0, std::string(kSecurityEventKind),
                                         fmt::format("login locked for {}: wrong codes from address {}",
                                                     formatDuration(*lockouts.address), addressKey)},
                        kSecurityEventAuthor);
  }
  if (lockouts.user) {
    sitedb::appendEvent(db_,
                        recording::Event{now, 0, std::string(kSecurityEventKind),
                                         fmt::format("login locked for {}: wrong codes for user '{}' (from address {})",
                                                     formatDuration(*lockouts.user), *user, addressKey)},
                        kSecurityEventAuthor);
  }
  return login::LockedOut{*longest};
}

LoginOutcome LoginService::login(std::string_view pin, std::optional<std::string_view> puk,
                                 std::optional<std::string_view> browserToken, std::string_view address, Time now) {
  // A locked-out address is refused without waiting for the others' slow hashes ...
  if (const auto locked = throttle_.lockedFor(address, now)) return login::LockedOut{*locked};
  const std::lock_guard lock(dbMutex_);
  // ... and checked again in turn: failures recorded while this call waited count.
  if (const auto locked = throttle_.lockedFor(address, now)) return login::LockedOut{*locked};
  // An empty PUK field is no PUK: the answer is then PukRequired, not a wrong code.
  if (puk && sitedb::normalizeCode(*puk).empty()) puk.reset();

  const auto user = users_.findByPin(pin);
  if (!user) return fail(std::nullopt, address, now);
  if (const auto locked = throttle_.lockedForUser(user->name, now)) return login::LockedOut{*locked};

  std::optional<std::string> newBrowserToken;
  if (puk) {
    if (users_.verifyPuk(user->name, *puk) != sitedb::CodeCheck::Accepted) return fail(user->name, address, now);
    if (browserToken) unlocks_.forget(*browserToken);
    newBrowserToken = unlocks_.unlock(user->name, now);
  } else if (!browserToken || !unlocks_.isUnlocked(*browserToken, now)) {
    return login::PukRequired{};
  }

  throttle_.recordSuccess(user->name);
  return login::Ok{sessions_.create(*user, now), *user, std::move(newBrowserToken)};
}

void LoginService::logout(std::string_view sessionId) { sessions_.end(sessionId); }

void LoginService::lock(std::string_view sessionId, std::optional<std::string_view> browserToken) {
  sessions_.end(sessionId);
  if (!browserToken) return;
  const std::lock_guard lock(dbMutex_);
  unlocks_.forget(*browserToken);
}

bool LoginService::isBrowserUnlocked(std::optional<std::string_view> browserToken, Time now) {
  if (!browserToken) return false;
  const std::lock_guard lock(dbMutex_);
  return unlocks_.isUnlocked(*browserToken, now);
}

std::size_t LoginService::forgetBrowsersOf(std::string_view user) {
  const std::lock_guard lock(dbMutex_);
  return unlocks_.forgetUser(user);
}

}  // namespace ews::web
