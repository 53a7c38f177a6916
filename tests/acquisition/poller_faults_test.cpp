// The Poller when devices or gateways stop answering: retries, communication error after K
// failed polls, stale values, exponential back-off probes that never stall the line, recovery.
#include <gtest/gtest.h>

#include <algorithm>

#include "acquisition_test_support.hpp"

namespace {

using ews::Duration;
using ews::Time;
using ews::acquisition::DeviceStatus;
using ews::acquisition::PollNotice;
using ews::acquisition::Quality;
using ews::acquisition::test::meterLine;
using ews::acquisition::test::twoGatewaySite;
using ews::acquisition::test::oneGatewaySite;
using ews::acquisition::test::PolledSite;

const std::string kProfiles =
    "loadProfiles:\n"
    "  - {name: flat, kind: constant, power: 3600}\n";

std::vector<PollNotice> noticesOfKind(const PolledSite& site, int deviceId, PollNotice::Kind kind) {
  std::vector<PollNotice> result;
  for (const PollNotice& n : site.noticesOf(deviceId)) {
    if (n.kind == kind) result.push_back(n);
  }
  return result;
}

std::vector<Time> pollStartsBetween(const PolledSite& site, int deviceId, Time from, Time to) {
  std::vector<Time> starts;
  for (const PollNotice& n : site.noticesOf(deviceId)) {
    if (n.kind == PollNotice::Kind::Poll && n.started >= from && n.started < to) starts.push_back(n.started);
  }
  return starts;
}

// Fast meter F, live slow meters S1 and S2, and D offline from 00:10 to 00:20.
const std::string kDeadDevice = oneGatewaySite("GW") + meterLine("F", 1, "flat") + meterLine("S1", 2, "flat") +
                                meterLine("D", 3, "flat") + meterLine("S2", 4, "flat") + kProfiles +
                                "faults:\n"
                                "  - {kind: device-offline, target: D, from: \"2026-01-05T00:10\", to: "
                                "\"2026-01-05T00:20\"}\n";

TEST(PollerFaults, DeadDeviceGoesToErrorIsProbedWithBackoffAndRecovers) {
  PolledSite site(kDeadDevice);
  const int dead = site.id("D");
  const int fast = site.id("F");
  site.poller().setFastDevices(std::vector<int>{fast});
  site.start();
  // Scenario start is 00:00 Paris = 23:00 UTC the day before; the fault window is local time.
  const Time down = site.at(ews::minutes(10));
  const Time up = site.at(ews::minutes(20));

  site.runUntil(down - ews::seconds(1));
  EXPECT_EQ(site.measurements().status(dead), DeviceStatus::On);
  EXPECT_EQ(site.measurements().latest(dead, "energy.active.import")->quality, Quality::Good);

  site.runUntil(down + ews::seconds(10));
  EXPECT_EQ(site.measurements().status(dead), DeviceStatus::CommunicationError);
  ASSERT_EQ(site.events.count(dead, "status"), 1u);
  // K = 3 failed polls, each a transaction and its retry.
  const auto failed = noticesOfKind(site, dead, PollNotice::Kind::FailedPoll);
  ASSERT_EQ(failed.size(), 3u);
  const auto error = std::find_if(site.events.events.begin(), site.events.events.end(),
                                  [&](const auto& e) { return e.deviceId == dead && e.kind == "status"; });
  EXPECT_EQ(error->at, failed.back().ended);
  EXPECT_NE(error->detail.find("Communication error"), std::string::npos) << error->detail;
  for (const auto& [name, reading] : site.measurements().readings(dead)) {
    EXPECT_EQ(reading.quality, Quality::Stale) << name;
  }
  EXPECT_EQ(site.measurements().status(site.id("S1")), DeviceStatus::On);

  site.runUntil(up - ews::seconds(1));
  EXPECT_EQ(site.measurements().status(dead), DeviceStatus::CommunicationError);
  const auto probes = noticesOfKind(site, dead, PollNotice::Kind::BackoffProbe);
  ASSERT_GE(probes.size(), 8u);  // 1, 2, 4, ... 256 s after the error: 9 probes in 10 min
  Duration backoff = ews::seconds(1);
  Time previous = failed.back().ended;
  for (const PollNotice& probe : probes) {
    EXPECT_FALSE(probe.ok);
    // Due `backoff` after the previous failure; started by the first cycle from then on.
    EXPECT_GE(probe.started - previous, backoff);
    EXPECT_LE(probe.started - previous, backoff + ews::seconds(1));
    previous = probe.ended;
    backoff = std::min(backoff * 2, ews::minutes(5));
  }
  // The values stay stale while the device is silent.
  EXPECT_EQ(site.measurements().latest(dead, "voltage.L1N")->quality, Quality::Stale);

  // The rest of the line kept its cadence: the fast meter exactly every second, the live slow
  // meters every cycle, the same as before the fault.
  const auto fastStarts = pollStartsBetween(site, fast, down - ews::minutes(1), up);
  for (std::size_t i = 1; i < fastStarts.size(); ++i) EXPECT_EQ(fastStarts[i] - fastStarts[i - 1], ews::seconds(1));
  for (const char* live : {"S1", "S2"}) {
    const auto before = pollStartsBetween(site, site.id(live), down - ews::minutes(5), down);
    const auto during = pollStartsBetween(site, site.id(live), down, down + ews::minutes(5));
    EXPECT_NEAR(static_cast<double>(during.size()), static_cast<double>(before.size()), 1.0) << live;
    EXPECT_NEAR(static_cast<double>(during.size()), 300.0, 1.0) << live;
  }

  // Back up: the next probe (at most the 5 min cap later) finds it and polling resumes.
  site.runUntil(up + ews::minutes(6));
  EXPECT_EQ(site.measurements().status(dead), DeviceStatus::On);
  EXPECT_EQ(site.events.count(dead, "status"), 2u);
  EXPECT_EQ(site.measurements().latest(dead, "energy.active.import")->quality, Quality::Good);
  EXPECT_EQ(site.measurements().latest(dead, "voltage.L1N")->quality, Quality::Good);
  EXPECT_GT(site.measurements().latest(dead, "voltage.L1N")->at, up);
  // Its consumption did not lose the energy of the outage: 30 min at 3.6 kW.
  EXPECT_NEAR(site.measurements().consumption(dead)->total,
              3600.0 * ews::toSeconds(site.measurements().consumption(dead)->at - noticesOfKind(site, dead, PollNotice::Kind::Poll).front().ended) / 3600.0,
              10.0);
}

TEST(PollerFaults, TransientTimeoutsAreRetriedWithoutAnError) {
  PolledSite site(oneGatewaySite("GW") + meterLine("M", 1, "flat") + kProfiles +
                  "faults:\n"
                  "  - {kind: timeout, target: M, from: \"2026-01-05T00:01\", to: \"2026-01-05T00:11\","
                  " probability: 0.1}\n");
  site.start();
  site.runUntil(site.at(ews::minutes(12)));
  const auto& stats = site.poller().lineStats(site.gateway("GW").id);
  EXPECT_GT(stats.failures, 50u);            // ~10 % of ~1200 transactions
  EXPECT_LT(stats.failedPolls, stats.failures / 5);  // a retry almost always succeeds
  EXPECT_EQ(site.measurements().status(site.id("M")), DeviceStatus::On);
  EXPECT_EQ(site.events.count(site.id("M"), "status"), 0u);
}

TEST(PollerFaults, GatewayDownPutsItsDevicesInErrorOnly) {
  const std::string yaml =
      twoGatewaySite(meterLine("A1", 1, "flat") + meterLine("A2", 2, "flat"),
                     meterLine("B1", 1, "flat") + meterLine("B2", 2, "flat") + meterLine("B3", 3, "flat")) +
      kProfiles +
      "faults:\n"
      "  - {kind: gateway-down, target: GW2, from: \"2026-01-05T00:05\", to: \"2026-01-05T00:15\"}\n";
  PolledSite site(yaml);
  site.start();
  site.runUntil(site.at(ews::minutes(5) + ews::seconds(30)));
  for (const char* name : {"B1", "B2", "B3"}) {
    EXPECT_EQ(site.measurements().status(site.id(name)), DeviceStatus::CommunicationError) << name;
  }
  for (const char* name : {"A1", "A2"}) EXPECT_EQ(site.measurements().status(site.id(name)), DeviceStatus::On);
  const auto a1 = pollStartsBetween(site, site.id("A1"), site.at(ews::minutes(5)), site.at(ews::minutes(5) + ews::seconds(30)));
  EXPECT_NEAR(static_cast<double>(a1.size()), 30.0, 1.0);

  site.runUntil(site.at(ews::minutes(21)));
  for (const char* name : {"A1", "A2", "B1", "B2", "B3"}) {
    EXPECT_EQ(site.measurements().status(site.id(name)), DeviceStatus::On) << name;
  }
  EXPECT_GT(site.poller().lineStats(site.gateway("GW2").id).failures, 0u);
  EXPECT_EQ(site.poller().lineStats(site.gateway("GW1").id).failures, 0u);
}

TEST(PollerFaults, OffDeviceInErrorIsOffAndComesBackFresh) {
  PolledSite site(kDeadDevice);
  site.start();
  const int dead = site.id("D");
  site.runUntil(site.at(ews::minutes(11)));
  ASSERT_EQ(site.measurements().status(dead), DeviceStatus::CommunicationError);
  site.poller().setDeviceOn(dead, false);
  EXPECT_EQ(site.measurements().status(dead), DeviceStatus::Off);
  const auto probes = noticesOfKind(site, dead, PollNotice::Kind::BackoffProbe).size();
  site.runUntil(site.at(ews::minutes(19)));
  EXPECT_EQ(noticesOfKind(site, dead, PollNotice::Kind::BackoffProbe).size(), probes);  // OFF: not probed
  site.poller().setDeviceOn(dead, true);  // still offline: polled, fails K times again
  EXPECT_EQ(site.measurements().status(dead), DeviceStatus::On);
  site.runUntil(site.at(ews::minutes(19) + ews::seconds(10)));
  EXPECT_EQ(site.measurements().status(dead), DeviceStatus::CommunicationError);
}

}  // namespace

// DLM-critical (fast) meters C1 and C2 dead from 00:10 to 00:20 beside a live fast meter F and
// live slow meters S1 and S2: the critical ones are re-probed at the short back-off cap, one
// probe per cycle at most, and the rest of the line keeps its cadence.
TEST(PollerFaults, CriticalDevicesAreReprobedAtAShortBoundedIntervalWithoutStarvingTheLine) {
  PolledSite site(oneGatewaySite("GW") + meterLine("F", 1, "flat") + meterLine("C1", 2, "flat") +
                  meterLine("C2", 3, "flat") + meterLine("S1", 4, "flat") + meterLine("S2", 5, "flat") + kProfiles +
                  "faults:\n"
                  "  - {kind: device-offline, target: C1, from: \"2026-01-05T00:10\", to: \"2026-01-05T00:20\"}\n"
                  "  - {kind: device-offline, target: C2, from: \"2026-01-05T00:10\", to: \"2026-01-05T00:20\"}\n");
  const Duration cap = site.poller().settings().criticalMaxBackoff;
  ASSERT_EQ(cap, ews::seconds(5));
  const int c1 = site.id("C1");
  const int c2 = site.id("C2");
  site.poller().setFastDevices(std::vector<int>{site.id("F"), c1, c2});
  site.start();
  const Time down = site.at(ews::minutes(10));
  const Time up = site.at(ews::minutes(20));
  site.runUntil(up + ews::minutes(1));

  std::vector<Time> criticalProbes;
  for (const int dead : {c1, c2}) {
    const auto probes = noticesOfKind(site, dead, PollNotice::Kind::BackoffProbe);
    // 10 min at one probe per 5 s (plus a cycle when both are due together): about 100 each.
    ASSERT_GE(probes.size(), 80u) << dead;
    for (std::size_t i = 1; i < probes.size(); ++i) {
      EXPECT_LE(probes[i].started - probes[i - 1].ended, cap + ews::seconds(2)) << dead << " probe " << i;
    }
    for (const PollNotice& probe : probes) criticalProbes.push_back(probe.started);
    // Back within the cap (plus the cycle it may wait for the other's probe) after the fault ends.
    EXPECT_EQ(site.measurements().status(dead), DeviceStatus::On);
    const auto polls = pollStartsBetween(site, dead, up, up + ews::minutes(1));
    ASSERT_FALSE(polls.empty());
    EXPECT_LE(polls.front() - up, cap + ews::seconds(3)) << dead;
  }
  // One critical probe per cycle: no two within the same second (the cycle period).
  std::sort(criticalProbes.begin(), criticalProbes.end());
  for (std::size_t i = 1; i < criticalProbes.size(); ++i) {
    EXPECT_GE(criticalProbes[i] - criticalProbes[i - 1], ews::milliseconds(500)) << i;
  }
  // Once both are in error (the failed polls before it stretch the first cycles, as for any
  // dead device), the live fast meter keeps its period and the slow ones their rotation.
  const Time settled = down + ews::seconds(30);
  const auto fastStarts = pollStartsBetween(site, site.id("F"), settled, up);
  EXPECT_NEAR(static_cast<double>(fastStarts.size()), 570.0, 1.0);
  for (const char* live : {"S1", "S2"}) {
    const auto before = pollStartsBetween(site, site.id(live), down - ews::minutes(5), down);
    const auto during = pollStartsBetween(site, site.id(live), settled, settled + ews::minutes(5));
    EXPECT_NEAR(static_cast<double>(during.size()), static_cast<double>(before.size()), 1.0) << live;
  }
}
