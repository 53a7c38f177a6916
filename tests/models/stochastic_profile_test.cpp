// Office and home profiles: seeded per device and per day, deterministic, plausible shapes.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "ews/models/load_profile.hpp"

namespace {
using ews::scenario::LoadProfileSpec;
using ews::models::LoadProfile;
using ews::models::ProfileBinding;

const ews::TimeZone& paris() {
  static const ews::TimeZone zone("Europe/Paris");
  return zone;
}

ews::Time parisTime(unsigned day, int hour, int minute = 0) {
  return paris().toUtc(ews::LocalDateTime{2026, 1, day, hour, minute, 0});
}

LoadProfileSpec building(LoadProfileSpec::Kind kind, double peakW = 20000.0, double baseW = 2000.0) {
  LoadProfileSpec spec;
  spec.name = kind == LoadProfileSpec::Kind::Office ? "office" : "home";
  spec.kind = kind;
  spec.peakPowerW = peakW;
  spec.basePowerW = baseW;
  return spec;
}

/// A week of 5-minute values from Monday 2026-01-05.
std::vector<double> week(const LoadProfile& profile) {
  std::vector<double> values;
  const ews::Time start = parisTime(5, 0);
  for (ews::Duration t{0}; t < ews::days(7); t += ews::minutes(5)) values.push_back(profile.rateAt(start + t));
  return values;
}

TEST(StochasticProfile, SameSeedAndDeviceGiveTheSameDays) {
  for (const auto kind : {LoadProfileSpec::Kind::Office, LoadProfileSpec::Kind::Home}) {
    const LoadProfile a(building(kind), paris(), ProfileBinding{42, "Floor 1"});
    const LoadProfile b(building(kind), paris(), ProfileBinding{42, "Floor 1"});
    EXPECT_EQ(week(a), week(b));
    EXPECT_TRUE(a.isPerDevice());
  }
}

TEST(StochasticProfile, DevicesAndSeedsAreIndependent) {
  const LoadProfile floor1(building(LoadProfileSpec::Kind::Office), paris(), ProfileBinding{42, "Floor 1"});
  const LoadProfile floor2(building(LoadProfileSpec::Kind::Office), paris(), ProfileBinding{42, "Floor 2"});
  const LoadProfile otherSeed(building(LoadProfileSpec::Kind::Office), paris(), ProfileBinding{43, "Floor 1"});
  EXPECT_NE(week(floor1), week(floor2));
  EXPECT_NE(week(floor1), week(otherSeed));
}

TEST(StochasticProfile, ADayDoesNotDependOnWhatWasEvaluatedBefore) {
  const LoadProfile forward(building(LoadProfileSpec::Kind::Home), paris(), ProfileBinding{7, "Flat 3"});
  const LoadProfile jumping(building(LoadProfileSpec::Kind::Home), paris(), ProfileBinding{7, "Flat 3"});
  const ews::Time wednesdayEvening = parisTime(7, 20);
  jumping.rateAt(parisTime(20, 12));  // another day first
  const double jumped = jumping.rateAt(wednesdayEvening);
  (void)week(forward);  // every day in order
  EXPECT_DOUBLE_EQ(forward.rateAt(wednesdayEvening), jumped);
}

TEST(StochasticProfile, OfficeShape) {
  const LoadProfile office(building(LoadProfileSpec::Kind::Office), paris(), ProfileBinding{1, "HQ"});
  const std::vector<double> values = week(office);
  EXPECT_GE(*std::min_element(values.begin(), values.end()), 2000.0);
  EXPECT_LE(*std::max_element(values.begin(), values.end()), 20000.0);
  for (unsigned day = 5; day <= 9; ++day) {  // Monday to Friday
    EXPECT_DOUBLE_EQ(office.rateAt(parisTime(day, 3)), 2000.0) << "night of " << day;
    EXPECT_GT(office.rateAt(parisTime(day, 10, 30)), 10000.0) << "morning of " << day;
    EXPECT_DOUBLE_EQ(office.rateAt(parisTime(day, 23, 30)), 2000.0) << "late evening of " << day;
  }
  // Weekend: standby only.
  EXPECT_DOUBLE_EQ(office.rateAt(parisTime(10, 11)), 2000.0);
  EXPECT_DOUBLE_EQ(office.rateAt(parisTime(11, 15)), 2000.0);
}

TEST(StochasticProfile, HomeShapeAveragedOverManyHomes) {
  double eveningW = 0.0;
  double afternoonW = 0.0;
  double nightW = 0.0;
  constexpr int kHomes = 50;
  for (int i = 0; i < kHomes; ++i) {
    const LoadProfile home(building(LoadProfileSpec::Kind::Home, 9000.0, 300.0), paris(),
                           ProfileBinding{5, "home-" + std::to_string(i)});
    eveningW += home.rateAt(parisTime(6, 20));
    afternoonW += home.rateAt(parisTime(6, 15));
    nightW += home.rateAt(parisTime(6, 3));
    EXPECT_GE(home.rateAt(parisTime(6, 3)), 300.0);
  }
  EXPECT_GT(eveningW, 2.0 * afternoonW);  // the evening peak dominates a weekday
  EXPECT_DOUBLE_EQ(nightW, 300.0 * kHomes);
}

TEST(StochasticProfile, InvalidLevelsAreRefused) {
  EXPECT_THROW(LoadProfile(building(LoadProfileSpec::Kind::Office, 0.0, 0.0), paris()), std::invalid_argument);
  EXPECT_THROW(LoadProfile(building(LoadProfileSpec::Kind::Home, 1000.0, 2000.0), paris()), std::invalid_argument);
  // Unbound: the profile's name stands for the device, still deterministic.
  const LoadProfile unbound(building(LoadProfileSpec::Kind::Home), paris());
  const LoadProfile again(building(LoadProfileSpec::Kind::Home), paris());
  EXPECT_EQ(week(unbound), week(again));
}

}  // namespace
