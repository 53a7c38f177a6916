// decide() reuses its lists: after the first decisions it allocates nothing, even when every
// decision reduces, stops, authorises or raises (a real-time controller on a small box).
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>

#include "dlm_test_support.hpp"

namespace {
bool gCounting = false;
long gAllocations = 0;
}  // namespace

// Counts the allocations of the whole test binary while gCounting is set.
void* operator new(std::size_t size) {
  if (gCounting) ++gAllocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace ews::dlm::test {
namespace {

TEST(DlmAllocation, DecideAllocatesNothingAfterWarmUp) {
  std::vector<StationConfig> stations;
  for (int i = 0; i < 12; ++i) stations.push_back(i % 3 == 0 ? threePhase("3P") : singlePhase("1P", i % 3));
  Settings settings = siteSettings(stations);
  settings.settleTime = seconds(1);
  Controller controller(settings);
  long events = 0;
  controller.setEventSink([&events](const DlmEvent&) { ++events; });

  Observation obs;
  obs.meter.valid = true;
  obs.stations.resize(stations.size());
  for (std::size_t i = 0; i < stations.size(); ++i) {
    obs.stations[i].state = i % 4 == 3 ? StationState::Waiting : StationState::Charging;
    obs.stations[i].sessionEnergyWh = i % 2 == 0 ? 30000.0 : 1000.0;
    if (obs.stations[i].state == StationState::Charging) obs.stations[i].currentsA = {10.0, 10.0, 10.0};
  }
  std::size_t commands = 0;
  const auto decideAt = [&](std::int64_t s) {
    obs.at = at(s);
    const double othersA = s % 2 == 0 ? 120.0 : 0.0;  // red, then green, every other second
    obs.meter.currentsA = {othersA + 60.0, othersA + 60.0, othersA + 60.0};
    commands += controller.decide(obs).size();
  };
  for (std::int64_t s = 0; s < 10; ++s) decideAt(s);
  gCounting = true;
  const std::vector<double> probe(obs.stations.size());  // the counter does count
  gCounting = false;
  ASSERT_EQ(gAllocations, 1);
  gAllocations = 0;
  commands = 0;
  events = 0;
  gCounting = true;
  for (std::int64_t s = 10; s < 110; ++s) decideAt(s);
  gCounting = false;
  EXPECT_GT(commands, 100u);  // the decisions did act
  EXPECT_GT(events, 100);
  EXPECT_EQ(gAllocations, 0);
}

}  // namespace
}  // namespace ews::dlm::test
