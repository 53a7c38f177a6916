// The controller's contract apart from the manual's rules: settings are checked, observations
// must match, and a copy carries on exactly like the original (plain, deterministic state).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "dlm_test_support.hpp"

namespace ews::dlm::test {
namespace {

std::string rejection(const Settings& settings) {
  try {
    Controller controller(settings);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "accepted";
}

TEST(DlmController, RejectsInconsistentSettingsNamingTheField) {
  Settings settings = siteSettings({threePhase("A")});
  settings.maxChargingCurrentA = 120.0;
  EXPECT_NE(rejection(settings).find("maxChargingCurrentA"), std::string::npos);
  settings = siteSettings({threePhase("A")});
  settings.secondStepPct = 80.0;
  EXPECT_NE(rejection(settings).find("secondStepPct"), std::string::npos);
  settings = siteSettings({singlePhase("A", 3)});
  EXPECT_NE(rejection(settings).find("stations[0].phaseIndex"), std::string::npos);
  settings = siteSettings({threePhase("A")});
  settings.loadControl = false;
  settings.maxCurrentA = settings.maxChargingCurrentA = 0.0;  // unused with load control OFF
  EXPECT_EQ(rejection(settings), "accepted");

  Controller controller(siteSettings({threePhase("A")}));
  EXPECT_THROW(controller.setSettings(siteSettings({threePhase("A"), threePhase("B")})), std::invalid_argument);
}

TEST(DlmController, RejectsMismatchedOrBackwardObservations) {
  Harness site(siteSettings({threePhase("A")}));
  site.decide(10);
  EXPECT_THROW(site.decide(9), std::invalid_argument);
  Observation wrong;
  wrong.at = at(20);
  EXPECT_THROW(site.controller.decide(wrong), std::invalid_argument);
}

TEST(DlmController, ACopyDecidesExactlyLikeTheOriginal) {
  Harness site(siteSettings({threePhase("A"), threePhase("B"), singlePhase("C", 2)}));
  site.station(0, StationState::Charging, 32.0, 30000.0);
  site.station(1, StationState::Charging, 32.0, 1000.0);
  site.station(2, StationState::Waiting);
  site.others(40.0);
  site.decide(0);
  Controller copy = site.controller;
  site.others(55.0);
  const Strings original = site.decide(10);
  EXPECT_FALSE(original.empty());
  Strings copied;
  for (const Command& c : copy.decide(site.obs)) copied.push_back(describe(c));
  EXPECT_EQ(copied, original);
  EXPECT_EQ(copy.zone(), site.controller.zone());
  EXPECT_EQ(copy.nextTimerAt(), site.controller.nextTimerAt());
}

TEST(DlmController, LevelCurrentsAreStepsOfTheRatedCurrent) {
  Controller controller(siteSettings({threePhase("A"), singlePhase("B", 1)}));
  EXPECT_DOUBLE_EQ(controller.levelCurrentA(0, Level::Full), 32.0);
  EXPECT_DOUBLE_EQ(controller.levelCurrentA(0, Level::FirstStep), 24.0);
  EXPECT_DOUBLE_EQ(controller.levelCurrentA(0, Level::SecondStep), 16.0);
  EXPECT_DOUBLE_EQ(controller.levelCurrentA(1, Level::FirstStep), 12.0);
  EXPECT_DOUBLE_EQ(controller.levelCurrentA(1, Level::SecondStep), 8.0);
}

}  // namespace
}  // namespace ews::dlm::test
