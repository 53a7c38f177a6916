// The login lockout (docs/api.md, "Lockout"): 5 wrong codes in a row from one address or for
// one user lock for 30 s, doubling up to 1 h; a success resets. Time is a parameter.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "ews/web/login_throttle.hpp"

namespace ews::web {
namespace {

const Time kStart = timeFromMicros(1'767'225'600'000'000);  // 2026-01-01T00:00:00Z
constexpr std::string_view kAddress = "192.0.2.10";

TEST(LoginThrottleTest, FiveFailuresFromOneAddressLockItForThirtySecondsThenDoubling) {
  LoginThrottle throttle;
  Time now = kStart;
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(throttle.recordFailure(std::nullopt, kAddress, now), std::nullopt) << i;
    EXPECT_EQ(throttle.lockedFor(kAddress, now), std::nullopt);
    now += seconds(1);
  }
  EXPECT_EQ(throttle.recordFailure(std::nullopt, kAddress, now), seconds(30));
  EXPECT_EQ(throttle.lockedFor(kAddress, now), seconds(30));
  EXPECT_EQ(throttle.lockedFor(kAddress, now + seconds(10)), seconds(20));
  EXPECT_EQ(throttle.lockedFor("192.0.2.11", now), std::nullopt) << "other addresses are not locked";
  EXPECT_EQ(throttle.lockedFor(kAddress, now + seconds(30)), std::nullopt);

  now += seconds(30);
  EXPECT_EQ(throttle.recordFailure(std::nullopt, kAddress, now), seconds(60)) << "the 6th failure";
  now += seconds(60);
  EXPECT_EQ(throttle.recordFailure(std::nullopt, kAddress, now), seconds(120));
  // Capped at one hour.
  for (int i = 0; i < 20; ++i) {
    now += hours(1);
    (void)throttle.recordFailure(std::nullopt, kAddress, now);
  }
  EXPECT_EQ(throttle.lockedFor(kAddress, now), hours(1));
  EXPECT_EQ(throttle.lockoutAfter(4), std::nullopt);
  EXPECT_EQ(throttle.lockoutAfter(5), seconds(30));
  EXPECT_EQ(throttle.lockoutAfter(11), seconds(30 * 64));
  EXPECT_EQ(throttle.lockoutAfter(12), hours(1));
  EXPECT_EQ(throttle.lockoutAfter(1'000'000), hours(1));

  // A success does not reset the address: its next failure locks it again, for longer (a
  // user's own logins must not buy more PIN guesses). A day without failures forgets it.
  now += hours(1);
  throttle.recordSuccess("user");
  EXPECT_EQ(throttle.lockedFor(kAddress, now), std::nullopt);
  EXPECT_EQ(throttle.recordFailure(std::nullopt, kAddress, now), hours(1));
  now += hours(25);
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(throttle.recordFailure(std::nullopt, kAddress, now), std::nullopt);
  EXPECT_EQ(throttle.recordFailure(std::nullopt, kAddress, now), seconds(30));
}

TEST(LoginThrottleTest, FailuresForOneUserFromManyAddressesLockTheUser) {
  LoginThrottle throttle;
  for (int i = 1; i <= 4; ++i) {
    const std::string address = "198.51.100." + std::to_string(i);
    EXPECT_EQ(throttle.recordFailure("administrator", address, kStart), std::nullopt);
  }
  const auto detailed = throttle.recordFailureDetailed("Administrator", "198.51.100.5", kStart);
  EXPECT_EQ(detailed.user, seconds(30)) << "user names ignore case";
  EXPECT_EQ(detailed.address, std::nullopt);
  EXPECT_EQ(detailed.longest(), seconds(30));
  EXPECT_EQ(throttle.lockedForUser("administrator", kStart), seconds(30));
  EXPECT_EQ(throttle.lockedForUser("greenUp", kStart), std::nullopt);
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(throttle.lockedFor("198.51.100." + std::to_string(i), kStart), std::nullopt);

  // The user's success resets the user, not any address.
  for (int i = 0; i < 4; ++i) (void)throttle.recordFailure(std::nullopt, "203.0.113.1", kStart);
  throttle.recordSuccess("ADMINISTRATOR");
  EXPECT_EQ(throttle.lockedForUser("administrator", kStart), std::nullopt);
  EXPECT_EQ(throttle.recordFailure(std::nullopt, "203.0.113.1", kStart), seconds(30));
}

TEST(LoginThrottleTest, AQuietCountIsForgottenAfterADay) {
  LoginThrottle throttle;
  for (int i = 0; i < 4; ++i) (void)throttle.recordFailure(std::nullopt, kAddress, kStart);
  EXPECT_EQ(throttle.recordFailure(std::nullopt, kAddress, kStart + hours(24)), std::nullopt);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(throttle.recordFailure(std::nullopt, kAddress, kStart + hours(24)), std::nullopt);
  EXPECT_EQ(throttle.recordFailure(std::nullopt, kAddress, kStart + hours(24)), seconds(30));
}

TEST(LoginThrottleTest, AddressesAreCountedPerHostAndIpv6PerNetwork) {
  EXPECT_EQ(LoginThrottle::addressKey("192.0.2.10"), "192.0.2.10");
  EXPECT_EQ(LoginThrottle::addressKey("::ffff:192.0.2.10"), "192.0.2.10");
  EXPECT_EQ(LoginThrottle::addressKey("2001:db8:1:2:3:4:5:6"), "2001:0db8:0001:0002::/64");
  EXPECT_EQ(LoginThrottle::addressKey("2001:DB8:1:2::ffff"), "2001:0db8:0001:0002::/64");
  EXPECT_EQ(LoginThrottle::addressKey("not an address"), "not an address");
  EXPECT_EQ(LoginThrottle::addressKey(std::string(200, 'x')).size(), 64u);

  LoginThrottle throttle;
  for (int i = 1; i <= 4; ++i) (void)throttle.recordFailure(std::nullopt, "2001:db8:1:2::" + std::to_string(i), kStart);
  EXPECT_EQ(throttle.recordFailure(std::nullopt, "2001:db8:1:2::99", kStart), seconds(30));
  EXPECT_EQ(throttle.lockedFor("2001:db8:1:2:aaaa::1", kStart), seconds(30));
  EXPECT_EQ(throttle.lockedFor("2001:db8:1:3::1", kStart), std::nullopt);
}

TEST(LoginThrottleTest, MemoryIsBounded) {
  LoginThrottle throttle(ThrottleLimits{.maxAddresses = 8, .maxUsers = 4});
  for (int i = 0; i < 1000; ++i) {
    (void)throttle.recordFailure("user" + std::to_string(i), "10.0." + std::to_string(i / 256) + "." +
                                                                std::to_string(i % 256),
                                 kStart + seconds(i));
  }
  EXPECT_LE(throttle.trackedAddresses(), 8u);
  EXPECT_LE(throttle.trackedUsers(), 4u);
  // The most recent ones are kept.
  for (int i = 0; i < 4; ++i) (void)throttle.recordFailure(std::nullopt, "10.0.3.231", kStart + seconds(1000));
  EXPECT_EQ(throttle.lockedFor("10.0.3.231", kStart + seconds(1000)), seconds(30));
}

TEST(LoginThrottleTest, ConcurrentFailuresAreAllCounted) {
  LoginThrottle throttle;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&throttle] {
      for (int i = 0; i < 100; ++i) (void)throttle.recordFailure("greenUp", kAddress, kStart);
    });
  }
  for (auto& thread : threads) thread.join();
  // 400 failures: the lockout is at its cap for both.
  EXPECT_EQ(throttle.lockedFor(kAddress, kStart), hours(1));
  EXPECT_EQ(throttle.lockedForUser("greenUp", kStart), hours(1));
}

}  // namespace
}  // namespace ews::web
