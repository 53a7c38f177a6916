#include "ews/web/login_throttle.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

#include "names.hpp"

namespace ews::web {

namespace {
constexpr std::size_t kMaxRawAddress = 64;
}  // namespace

std::optional<Duration> LoginThrottle::Lockouts::longest() const {
  if (address && user) return std::max(*address, *user);
  return address ? address : user;
}

LoginThrottle::LoginThrottle(ThrottleLimits limits) : limits_(limits) {
  limits_.freeFailures = std::max(limits_.freeFailures, 1);
  limits_.maxAddresses = std::max<std::size_t>(limits_.maxAddresses, 1);
  limits_.maxUsers = std::max<std::size_t>(limits_.maxUsers, 1);
}

std::string LoginThrottle::addressKey(std::string_view address) {
  const std::string text(address.substr(0, kMaxRawAddress));
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) {
    return fmt::format("{}.{}.{}.{}", bytes[0], bytes[1], bytes[2], bytes[3]);
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1) {
    constexpr std::array<unsigned char, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::memcmp(bytes.data(), kMappedPrefix.data(), kMappedPrefix.size()) == 0) {
      return fmt::format("{}.{}.{}.{}", bytes[12], bytes[13], bytes[14], bytes[15]);
    }
    return fmt::format("{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}::/64", bytes[0], bytes[1], bytes[2],
                       bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]);
  }
  return text;
}

std::optional<Duration> LoginThrottle::lockoutAfter(int failures) const {
  if (failures < limits_.freeFailures) return std::nullopt;
  Duration lockout = limits_.firstLockout;
  for (int i = limits_.freeFailures; i < failures && lockout < limits_.maxLockout; ++i) lockout *= 2;
  return std::min(lockout, limits_.maxLockout);
}

bool LoginThrottle::forgettable(const Count& count, Time now) const {
  return count.lockedUntil <= now && now - count.lastFailure >= limits_.forgetAfter;
}

std::optional<Duration> LoginThrottle::remaining(const Counts& counts, const std::string& key, Time now) const {
  const auto found = counts.find(key);
  if (found == counts.end() || found->second.lockedUntil <= now) return std::nullopt;
  return found->second.lockedUntil - now;
}

std::optional<Duration> LoginThrottle::fail(Counts& counts, std::size_t capacity, const std::string& key, Time now) {
  auto found = counts.find(key);
  if (found == counts.end()) {
    if (counts.size() >= capacity) {
      std::erase_if(counts, [&](const auto& item) { return forgettable(item.second, now); });
      while (counts.size() >= capacity) {
        counts.erase(std::min_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
          return a.second.lastFailure < b.second.lastFailure;
        }));
      }
    }
    found = counts.emplace(key, Count{}).first;
  }
  Count& count = found->second;
  if (count.failures > 0 && forgettable(count, now)) count = Count{};
  count.failures = std::min(count.failures + 1, 1'000'000);
  count.lastFailure = std::max(count.lastFailure, now);
  const auto lockout = lockoutAfter(count.failures);
  if (lockout) count.lockedUntil = std::max(count.lockedUntil, now + *lockout);
  return lockout;
}

std::optional<Duration> LoginThrottle::lockedFor(std::string_view address, Time now) const {
  const std::string key = addressKey(address);
  const std::lock_guard lock(mutex_);
  return remaining(addresses_, key, now);
}

std::optional<Duration> LoginThrottle::lockedForUser(std::string_view user, Time now) const {
  const std::string key = detail::userKey(user);
  const std::lock_guard lock(mutex_);
  return remaining(users_, key, now);
}

LoginThrottle::Lockouts LoginThrottle::recordFailureDetailed(std::optional<std::string_view> user,
                                                             std::string_view address, Time now) {
  const std::string addressKeyText = addressKey(address);
  const std::optional<std::string> userKeyText = user ? std::optional(detail::userKey(*user)) : std::nullopt;
  const std::lock_guard lock(mutex_);
  Lockouts lockouts;
  lockouts.address = fail(addresses_, limits_.maxAddresses, addressKeyText, now);
  if (userKeyText) lockouts.user = fail(users_, limits_.maxUsers, *userKeyText, now);
  return lockouts;
}

std::optional<Duration> LoginThrottle::recordFailure(std::optional<std::string_view> user, std::string_view address,
                                                     Time now) {
  return recordFailureDetailed(user, address, now).longest();
}

void LoginThrottle::recordSuccess(std::string_view user) {
  const std::string userKeyText = detail::userKey(user);
  const std::lock_guard lock(mutex_);
  users_.erase(userKeyText);
}

std::size_t LoginThrottle::trackedAddresses() const {
  const std::lock_guard lock(mutex_);
  return addresses_.size();
}

std::size_t LoginThrottle::trackedUsers() const {
  const std::lock_guard lock(mutex_);
  return users_.size();
}

}  // namespace ews::web
