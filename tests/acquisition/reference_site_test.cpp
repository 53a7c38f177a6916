// The 255-device reference site polled for a simulated hour: every active device On, every
// consumption equal to the simulated ground truth, every line keeping up.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "acquisition_test_support.hpp"
#include "ews/scenario/loader.hpp"

namespace {

using ews::acquisition::DeviceStatus;
using ews::acquisition::PollNotice;
using ews::acquisition::test::PolledSite;

TEST(ReferenceSite, PolledForAnHourEveryDeviceOnAndItsConsumptionRight) {
  PolledSite site(ews::scenario::loadScenarioFile(std::string(EWS_SOURCE_DIR) + "/scenarios/reference-255.yaml"));
  const auto& installation = site.site().installation();
  site.poller().setFastDevices(
      ews::acquisition::dlmCriticalDevices(installation, site.site().scenario().dlm.totalMeter));

  // Ground truth at the end of each device's first and last checked polls.
  std::map<int, double> truthAtFirst;
  std::map<int, double> truthAtFinal;
  std::map<int, double> consumptionAtFinal;
  bool final = false;
  std::uint64_t polls = 0;
  site.poller().setPollObserver([&](const PollNotice& notice) {
    if (notice.kind != PollNotice::Kind::Poll) return;
    ++polls;
    const bool first = !truthAtFirst.contains(notice.deviceId);
    const bool last = final && !truthAtFinal.contains(notice.deviceId);
    if (!first && !last) return;
    const auto counters = site.site().counters();
    const auto truth = counters.find(notice.deviceId);
    if (truth == counters.end()) return;  // no simulated load bound: nothing to compare
    if (first) truthAtFirst[notice.deviceId] = truth->second;
    if (last) {
      truthAtFinal[notice.deviceId] = truth->second;
      if (const auto c = site.measurements().consumption(notice.deviceId)) consumptionAtFinal[notice.deviceId] = c->total;
    }
  });
  site.start();
  site.runFor(ews::hours(1));
  final = true;
  site.runFor(ews::minutes(1));

  std::size_t active = 0;
  for (const auto* device : installation.devices()) {
    if (site.poller().planOf(device->id) == nullptr || !installation.isActive(*device)) continue;
    ++active;
    EXPECT_EQ(site.measurements().status(device->id), DeviceStatus::On) << device->name;
  }
  EXPECT_GE(active, 250u);

  std::size_t compared = 0;
  for (const auto& [id, truthFinal] : truthAtFinal) {
    const auto& device = installation.device(id);
    const auto plan = site.poller().planOf(id);
    if (plan->counter.kind == ews::acquisition::CounterSource::Kind::None) continue;
    ASSERT_TRUE(consumptionAtFinal.contains(id)) << device.name;
    const double truth = truthFinal - truthAtFirst.at(id);
    // One register LSB (10 Wh on EMDX3 meters, one pulse of 10 L on gas), plus what flows
    // between the served instant and the answer's end (< 0.3 s) on the biggest feeders.
    const auto power = site.measurements().latest(id, "power.active.total");
    const double skewWh = power ? std::abs(power->value) * 0.3 / 3600.0 : 0.0;
    EXPECT_NEAR(consumptionAtFinal.at(id), truth, 10.0 + skewWh) << device.name;
    ++compared;
  }
  EXPECT_GE(compared, 150u);
  EXPECT_GT(polls, 100'000u);
  for (const auto& [gateway, link] : site.site().links()) {
    const auto& stats = site.poller().lineStats(gateway->id);
    EXPECT_EQ(stats.failures, 0u) << gateway->name;
    EXPECT_GT(stats.polls, 1000u) << gateway->name;
  }
}

}  // namespace
