#pragma once
// The login lockout (docs/api.md, "Lockout"), in memory: after 5 wrong codes in a row from one
// client address, or for one user, logins are refused for 30 s, doubling at each further
// failure up to 1 h; a success resets that user's and that address's counts. Thread-safe.
//
// Addresses are counted per host: IPv4 as is, IPv6 per /64 network (one client usually holds a
// whole /64, so counting single IPv6 addresses would count nothing), an IPv4-mapped IPv6
// address as its IPv4. Memory is bounded: a count quiet for `forgetAfter` is forgotten, and
// beyond `maxAddresses` / `maxUsers` entries the one whose last failure is oldest goes.
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ews/kernel/time.hpp"

namespace ews::web {

struct ThrottleLimits {
  int freeFailures = 5;                ///< the failure that locks (5th) and every later one
  Duration firstLockout = seconds(30);
  Duration maxLockout = hours(1);
  Duration forgetAfter = hours(24);    ///< a count with no failure for this long starts over
  std::size_t maxAddresses = 4096;
  std::size_t maxUsers = 1024;
};

class LoginThrottle {
 public:
  /// What one failure started: the new lockout of the address and of the user, if any.
  struct Lockouts {
    std::optional<Duration> address;
    std::optional<Duration> user;
    /// The longer of the two, nullopt when neither started.
    std::optional<Duration> longest() const;
  };

  explicit LoginThrottle(ThrottleLimits limits = {});

  /// How long logins from `address` (a host, no port) are still refused at `now`.
  std::optional<Duration> lockedFor(std::string_view address, Time now) const;
  /// How long logins of `user` (case-insensitive) are still refused at `now`.
  std::optional<Duration> lockedForUser(std::string_view user, Time now) const;

  /// Counts a wrong code from `address`, and for `user` when the user is known (a right PIN
  /// with a wrong PUK). Returns the lockout this failure starts (the longer one), if any.
  std::optional<Duration> recordFailure(std::optional<std::string_view> user, std::string_view address, Time now);
  /// recordFailure, saying which lockout started.
  Lockouts recordFailureDetailed(std::optional<std::string_view> user, std::string_view address, Time now);

  /// A successful login: `user`'s count starts over. The address's does not: otherwise a user
  /// could log in after every 4 wrong PINs from an unlocked browser and so try the whole PIN
  /// space (docs/users.md, "Lockout"); a quiet address is forgotten after forgetAfter.
  void recordSuccess(std::string_view user);

  /// The lockout after `failures` wrong codes in a row: nullopt below freeFailures, then
  /// firstLockout doubled at each further failure, at most maxLockout.
  std::optional<Duration> lockoutAfter(int failures) const;

  /// The key an address is counted under (see above); texts that are no IP address are kept
  /// as they are (at most 64 characters).
  static std::string addressKey(std::string_view address);

  std::size_t trackedAddresses() const;
  std::size_t trackedUsers() const;
  const ThrottleLimits& limits() const { return limits_; }

 private:
  struct Count {
    int failures = 0;
    Time lastFailure{};
    Time lockedUntil{};
  };
  using Counts = std::unordered_map<std::string, Count>;

  std::optional<Duration> remaining(const Counts& counts, const std::string& key, Time now) const;
  std::optional<Duration> fail(Counts& counts, std::size_t capacity, const std::string& key, Time now);
  bool forgettable(const Count& count, Time now) const;

  ThrottleLimits limits_;
  mutable std::mutex mutex_;
  Counts addresses_;
  Counts users_;
};

}  // namespace ews::web
