#include "ews/physics/breaker.hpp"

#include <gtest/gtest.h>

#include "physics_test_support.hpp"

namespace ews::physics {
namespace {

using testing::at;
using testing::kStart;

BreakerSettings settings63A() {
  BreakerSettings settings;
  settings.ratedCurrentA = 63.0;
  settings.pickupFactor = 1.3;  // 81.9 A
  settings.overcurrentDelay = seconds(60);
  settings.shortCircuitFactor = 10.0;  // 630 A
  return settings;
}

TEST(Breaker, TripCauseCodesAreStable) {
  EXPECT_EQ(static_cast<int>(BreakerState::Open), 0);
  EXPECT_EQ(static_cast<int>(BreakerState::Closed), 1);
  EXPECT_EQ(static_cast<int>(BreakerState::Tripped), 2);
  EXPECT_EQ(static_cast<int>(TripCause::None), 0);
  EXPECT_EQ(static_cast<int>(TripCause::Overcurrent), 1);
  EXPECT_EQ(static_cast<int>(TripCause::ShortCircuit), 2);
  EXPECT_EQ(static_cast<int>(TripCause::EarthLeakage), 3);
  EXPECT_EQ(static_cast<int>(TripCause::Command), 4);
  EXPECT_EQ(static_cast<int>(TripCause::Test), 5);
}

TEST(Breaker, OvercurrentTripsExactlyAfterTheDelayAndNotBefore) {
  Breaker breaker(settings63A(), kStart);
  breaker.setLoadCurrents(at(seconds(10)), Eigen::Vector3d{40.0, 90.0, 40.0});  // L2 above 81.9 A
  EXPECT_EQ(breaker.nextChangeAt(), at(seconds(70)));
  breaker.advanceTo(at(seconds(70)) - microseconds(1));
  EXPECT_EQ(breaker.state(), BreakerState::Closed);
  EXPECT_NEAR(breaker.throughCurrentsA()(1), 90.0, 1e-12);
  // Polled long after: it still tripped at 70 s, not at the poll.
  breaker.advanceTo(at(minutes(30)));
  EXPECT_EQ(breaker.state(), BreakerState::Tripped);
  EXPECT_EQ(breaker.cause(), TripCause::Overcurrent);
  EXPECT_EQ(breaker.lastOpenedAt(), at(seconds(70)));
  EXPECT_EQ(breaker.throughCurrentsA(), Eigen::Vector3d::Zero());
  EXPECT_EQ(breaker.tripCount(), 1u);
}

TEST(Breaker, OvercurrentThatEndsInTimeDoesNotTripAndTheDelayStartsOver) {
  Breaker breaker(settings63A(), kStart);
  breaker.setLoadCurrents(kStart, Eigen::Vector3d{85.0, 0.0, 0.0});
  breaker.setLoadCurrents(at(seconds(59)), Eigen::Vector3d{60.0, 0.0, 0.0});
  breaker.setLoadCurrents(at(seconds(100)), Eigen::Vector3d{85.0, 0.0, 0.0});
  breaker.advanceTo(at(seconds(159)));
  EXPECT_EQ(breaker.state(), BreakerState::Closed);
  breaker.advanceTo(at(seconds(160)));
  EXPECT_EQ(breaker.state(), BreakerState::Tripped);
  EXPECT_EQ(breaker.lastOpenedAt(), at(seconds(160)));
}

TEST(Breaker, ShortCircuitTripsInstantly) {
  Breaker breaker(settings63A(), kStart);
  breaker.setLoadCurrents(at(seconds(5)), Eigen::Vector3d{0.0, 0.0, 700.0});
  EXPECT_EQ(breaker.state(), BreakerState::Tripped);
  EXPECT_EQ(breaker.cause(), TripCause::ShortCircuit);
  EXPECT_EQ(breaker.lastOpenedAt(), at(seconds(5)));
}

TEST(Breaker, EarthLeakageTripsInstantly) {
  Breaker breaker(settings63A(), kStart);
  breaker.setResidualCurrent(at(seconds(1)), 0.010);
  EXPECT_EQ(breaker.state(), BreakerState::Closed);
  breaker.setResidualCurrent(at(seconds(2)), 0.031);
  EXPECT_EQ(breaker.state(), BreakerState::Tripped);
  EXPECT_EQ(breaker.cause(), TripCause::EarthLeakage);
}

TEST(Breaker, ScheduledEventsApplyAtTheirInstantsAndRecloseByCommand) {
  Breaker breaker(settings63A(), kStart);
  breaker.schedule(BreakerEvent{at(minutes(5)), BreakerEvent::Action::Trip, TripCause::Test});
  breaker.schedule(BreakerEvent{at(minutes(8)), BreakerEvent::Action::Close, TripCause::None});
  breaker.schedule(BreakerEvent{at(minutes(9)), BreakerEvent::Action::Open, TripCause::None});
  EXPECT_EQ(breaker.nextChangeAt(), at(minutes(5)));
  breaker.advanceTo(at(minutes(6)));
  EXPECT_EQ(breaker.state(), BreakerState::Tripped);
  EXPECT_EQ(breaker.cause(), TripCause::Test);
  breaker.advanceTo(at(minutes(8)));
  EXPECT_EQ(breaker.state(), BreakerState::Closed);
  EXPECT_EQ(breaker.cause(), TripCause::None);
  breaker.advanceTo(at(minutes(10)));
  EXPECT_EQ(breaker.state(), BreakerState::Open);
  EXPECT_EQ(breaker.cause(), TripCause::Command);
  EXPECT_EQ(breaker.tripCount(), 1u);  // opening is not a trip
  EXPECT_EQ(breaker.nextChangeAt(), kNever);
  breaker.close(at(minutes(11)));
  EXPECT_EQ(breaker.state(), BreakerState::Closed);
  EXPECT_THROW(breaker.schedule(BreakerEvent{at(minutes(1))}), std::invalid_argument);
}

TEST(Breaker, ReclosingOntoAFaultTripsAgainAndATrippedBreakerKeepsItsFirstCause) {
  Breaker breaker(settings63A(), kStart);
  breaker.setLoadCurrents(kStart, Eigen::Vector3d{1000.0, 0.0, 0.0});
  EXPECT_EQ(breaker.cause(), TripCause::ShortCircuit);
  breaker.trip(at(seconds(1)), TripCause::Command);
  EXPECT_EQ(breaker.cause(), TripCause::ShortCircuit);
  breaker.close(at(seconds(30)));
  EXPECT_EQ(breaker.state(), BreakerState::Tripped);
  EXPECT_EQ(breaker.tripCount(), 2u);
  breaker.setLoadCurrents(at(seconds(40)), Eigen::Vector3d{10.0, 10.0, 10.0});
  breaker.close(at(seconds(41)));
  EXPECT_EQ(breaker.state(), BreakerState::Closed);
}

TEST(Breaker, DownstreamSupplyFlipsTheMeasuredSign) {
  EXPECT_DOUBLE_EQ(sensorPowerW(SupplyDirection::Upstream, 1500.0), 1500.0);
  EXPECT_DOUBLE_EQ(sensorPowerW(SupplyDirection::Downstream, 1500.0), -1500.0);
  EXPECT_THROW(Breaker(BreakerSettings{0.0}, kStart), std::invalid_argument);
}

}  // namespace
}  // namespace ews::physics
