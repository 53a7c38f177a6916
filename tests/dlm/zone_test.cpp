// Zones and hysteresis (manual 7.16.5.1): green <= 80 A < yellow <= 100 A < red on the most
// loaded line; "Current consumption hysteresis ... to avoid repeated activations and
// deactivations of the logics": a zone is left only at or under its threshold - h.
#include <gtest/gtest.h>

#include "dlm_test_support.hpp"

namespace ews::dlm::test {
namespace {

struct Step {
  double l1A;
  Zone zone;
  Strings events;
};

void run(Harness& site, const std::vector<Step>& steps) {
  std::int64_t t = 0;
  for (const Step& step : steps) {
    site.others(step.l1A, 0.0, 0.0);
    EXPECT_TRUE(site.decide(t).empty());
    EXPECT_EQ(site.controller.zone(), step.zone) << "at " << step.l1A << " A";
    EXPECT_EQ(site.events, step.events) << "at " << step.l1A << " A";
    ++t;
  }
}

TEST(DlmZone, HysteresisOfFivePercentEntersAtOnceAndLeavesFiveAmpsUnder) {
  Settings settings = siteSettings({});
  settings.hysteresisPct = 5.0;  // 5 % of 100 A: leave yellow at <= 75 A, red at <= 95 A
  Harness site(settings);
  run(site, {
                {79.0, Zone::Green, {}},
                {81.0, Zone::Yellow, {"zone green->yellow"}},  // entered as soon as exceeded
                {78.0, Zone::Yellow, {}},                      // under 80 but not under 75
                {76.0, Zone::Yellow, {}},
                {75.0, Zone::Green, {"zone yellow->green"}},
                {79.0, Zone::Green, {}},
                {81.0, Zone::Yellow, {"zone green->yellow"}},
                {101.0, Zone::Red, {"zone yellow->red"}},
                {97.0, Zone::Red, {}},
                {95.5, Zone::Red, {}},
                {95.0, Zone::Yellow, {"zone red->yellow"}},
                {99.0, Zone::Yellow, {}},  // 99 <= 100: not red again
                {74.0, Zone::Green, {"zone yellow->green"}},
                {120.0, Zone::Red, {"zone green->red"}},  // straight through yellow
                {70.0, Zone::Green, {"zone red->green"}},  // under both bands at once
            });
}

TEST(DlmZone, HysteresisSuppressesFlappingAtTheThreshold) {
  const std::vector<double> wave = {79.0, 81.0, 79.0, 81.0, 79.0, 81.0, 79.0};
  const auto zoneChanges = [&](double hysteresisPct) {
    Settings settings = siteSettings({});
    settings.hysteresisPct = hysteresisPct;
    Harness site(settings);
    std::size_t changes = 0;
    std::int64_t t = 0;
    for (const double l1A : wave) {
      site.others(l1A, 0.0, 0.0);
      site.decide(t++);
      changes += site.events.size();
    }
    return changes;
  };
  EXPECT_EQ(zoneChanges(0.0), 6u);  // every crossing of 80 A
  EXPECT_EQ(zoneChanges(5.0), 1u);  // yellow once, never back under 75 A
}

TEST(DlmZone, AuthorisationAimsUnderTheChargingThresholdMinusTheHysteresis) {
  // 46 A of other loads: a 32 A start gives 78 A, under 80 A but not under 80 - 5 = 75 A,
  // so with a 5 % hysteresis the session starts at the first step (70 A) instead.
  for (const auto& [hysteresisPct, expected] :
       std::vector<std::pair<double, Strings>>{{0.0, {"start #0 32A"}}, {5.0, {"start #0 24A"}}}) {
    Settings settings = siteSettings({threePhase("A")});
    settings.hysteresisPct = hysteresisPct;
    Harness site(settings);
    site.others(46.0);
    site.station(0, StationState::Waiting);
    EXPECT_EQ(site.decide(0), expected) << "hysteresis " << hysteresisPct << " %";
  }
}

}  // namespace
}  // namespace ews::dlm::test
