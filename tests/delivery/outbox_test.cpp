// The outbox (docs/delivery.md, "Failures"): a failed attempt is logged with its answer and
// retried after a doubling wait, a delivery that keeps failing is given up and logged, and one
// failing delivery does not hold back another.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "ews/delivery/outbox.hpp"

namespace ews::delivery {
namespace {

using namespace std::chrono_literals;

struct Lines {
  std::mutex mutex;
  std::vector<std::string> lines;
  void add(const std::string& kind, const std::string& detail) {
    std::lock_guard lock(mutex);
    lines.push_back(kind + ": " + detail);
  }
};

TEST(RetryPolicyTest, WaitsDoubleUpToTheLongest) {
  const RetryPolicy policy{60s, 3600s, 8};
  EXPECT_EQ(policy.waitAfter(1), 60s);
  EXPECT_EQ(policy.waitAfter(2), 120s);
  EXPECT_EQ(policy.waitAfter(6), 1920s);
  EXPECT_EQ(policy.waitAfter(7), 3600s);
  EXPECT_EQ(policy.waitAfter(30), 3600s);
}

TEST(OutboxTest, AFailureIsRetriedThenSentAndAnotherDeliveryIsNotHeldBack) {
  Lines log;
  std::atomic<int> tries{0};
  std::vector<std::chrono::steady_clock::time_point> times;
  {
    Outbox outbox({50ms, 1s, 4}, [&](const std::string& kind, int, Time, const std::string& detail) { log.add(kind, detail); });
    outbox.post({"email", 0, {}, "flaky", [&] {
                   times.push_back(std::chrono::steady_clock::now());
                   return ++tries < 3 ? SendOutcome{false, "421 try later"} : SendOutcome{true, "250 ok"};
                 }});
    outbox.post({"telegram", 0, {}, "steady", [] { return SendOutcome{true, "chat 1 ok"}; }});
    ASSERT_TRUE(outbox.waitIdle(10s));
  }
  EXPECT_EQ(tries, 3);
  ASSERT_EQ(times.size(), 3u);
  EXPECT_GE(times[1] - times[0], 50ms);
  EXPECT_GE(times[2] - times[1], 100ms);  // doubled
  std::lock_guard lock(log.mutex);
  ASSERT_EQ(log.lines.size(), 4u);
  EXPECT_EQ(log.lines[0], "email: flaky: attempt 1 of 4 failed: 421 try later; next in 50 ms");
  EXPECT_EQ(log.lines[1], "telegram: steady: sent (chat 1 ok)");  // not behind the flaky one
  EXPECT_EQ(log.lines[2], "email: flaky: attempt 2 of 4 failed: 421 try later; next in 100 ms");
  EXPECT_EQ(log.lines[3], "email: flaky: sent (250 ok)");
}

TEST(OutboxTest, ADeliveryThatKeepsFailingIsGivenUpAndLogged) {
  Lines log;
  {
    Outbox outbox({10ms, 10ms, 3}, [&](const std::string& kind, int, Time, const std::string& detail) { log.add(kind, detail); });
    outbox.post({"report", 0, {}, "monthly summary report 2026-03 to a@b.c",
                 [] { return SendOutcome{false, "535 authentication failed"}; }});
    ASSERT_TRUE(outbox.waitIdle(10s));
    EXPECT_EQ(outbox.pending(), 0u);
  }
  std::lock_guard lock(log.mutex);
  ASSERT_EQ(log.lines.size(), 3u);
  EXPECT_EQ(log.lines[2], "report: monthly summary report 2026-03 to a@b.c: given up after 3 attempts: 535 authentication failed");
}

TEST(OutboxTest, WhatIsStillWaitingWhenTheBoxStopsIsLogged) {
  Lines log;
  {
    Outbox outbox({1h, 1h, 3}, [&](const std::string& kind, int, Time, const std::string& detail) { log.add(kind, detail); });
    outbox.post({"alert", 7, {}, "alert e-mail", [] { return SendOutcome{false, "connection refused"}; }});
    for (int i = 0; i < 500 && log.lines.empty(); ++i) std::this_thread::sleep_for(10ms);
  }
  std::lock_guard lock(log.mutex);
  ASSERT_EQ(log.lines.size(), 2u);
  EXPECT_EQ(log.lines[1], "alert: alert e-mail: not sent, the box stopped after 1 attempt(s)");
}

}  // namespace
}  // namespace ews::delivery
