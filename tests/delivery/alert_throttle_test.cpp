// The alert flood rule (docs/delivery.md, "Alerts"): one message per device and kind at once,
// then at most one per hold window saying how many were held back, and an hourly budget.
#include <gtest/gtest.h>

#include "ews/delivery/alert_filter.hpp"

namespace ews::delivery {
namespace {

using sitedb::AlertKind;

Alert at(int minute, int device = 3, AlertKind kind = AlertKind::StateChange) {
  return {Time{} + hours(1000) + minutes(minute), device, "Breaker 3", kind, "breaker.state 1 -> 2", 0};
}

TEST(AlertThrottleTest, AFlappingDeviceSendsOnePerWindowWithTheCountHeldBack) {
  AlertThrottle throttle({minutes(15), 100});
  auto first = at(0);
  EXPECT_TRUE(throttle.admit(first));
  for (int m = 1; m < 15; ++m) {
    auto again = at(m);
    EXPECT_FALSE(throttle.admit(again)) << m;
  }
  EXPECT_TRUE(throttle.flush(Time{} + hours(1000) + minutes(14)).empty());
  const auto summaries = throttle.flush(Time{} + hours(1000) + minutes(15));
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0].alsoSince, 13);  // 14 held: the last one goes, 13 more counted
  EXPECT_TRUE(throttle.flush(Time{} + hours(1000) + minutes(40)).empty());
  auto later = at(40);
  EXPECT_TRUE(throttle.admit(later));
  EXPECT_EQ(later.alsoSince, 0);
  // Another kind or another device is not held by this one.
  auto other = at(41, 3, AlertKind::CommunicationError);
  EXPECT_TRUE(throttle.admit(other));
  auto otherDevice = at(41, 4);
  EXPECT_TRUE(throttle.admit(otherDevice));
}

TEST(AlertThrottleTest, NoMoreThanTheHourlyBudgetInAll) {
  AlertThrottle throttle({minutes(15), 5});
  int sent = 0;
  for (int device = 1; device <= 20; ++device) {
    auto alert = at(device, device);
    sent += throttle.admit(alert) ? 1 : 0;
  }
  EXPECT_EQ(sent, 5);
  // An hour after the first ones, the held devices' summaries go within the budget again.
  const auto summaries = throttle.flush(Time{} + hours(1001) + minutes(30));
  EXPECT_EQ(summaries.size(), 5u);
}

TEST(AlertKindTest, CommunicationErrorsAndTheOtherEventsOfTheStack) {
  EXPECT_EQ(alertKindOf({Time{}, 4, "status", "On -> Communication error: no answer"}), AlertKind::CommunicationError);
  EXPECT_EQ(alertKindOf({Time{}, 4, "status", "Communication error -> On: answered"}), std::nullopt);
  EXPECT_EQ(alertKindOf({Time{}, 0, "status", "gateway 'A' (id 1): On -> Communication error: x"}), std::nullopt);
  EXPECT_EQ(alertKindOf({Time{}, 4, "counter-reset", "x"}), std::nullopt);
}

}  // namespace
}  // namespace ews::delivery
