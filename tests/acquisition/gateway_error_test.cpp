// The gateway's Communication error: a line whose polls fail Disconnected (the gateway itself is
// unreachable) puts the gateway and all its devices in error at once, stops polling them, probes
// the gateway alone with back-off, and resumes when it is reachable again. A silent device
// (timeouts) never does.
#include <gtest/gtest.h>

#include <algorithm>

#include "acquisition_test_support.hpp"

namespace {

using ews::Duration;
using ews::Time;
using ews::acquisition::DeviceStatus;
using ews::acquisition::PollNotice;
using ews::acquisition::PollerSettings;
using ews::acquisition::Quality;
using ews::acquisition::test::meterLine;
using ews::acquisition::test::twoGatewaySite;
using ews::acquisition::test::oneGatewaySite;
using ews::acquisition::test::PolledSite;
using ews::recording::Event;

const std::string kProfiles =
    "loadProfiles:\n"
    "  - {name: flat, kind: constant, power: 3600}\n";

// GW1: A1, A2; GW2: B1..B4 (all slow), GW2 unreachable from 00:05 to 00:15.
const std::string kTwoGateways =
    twoGatewaySite(meterLine("A1", 1, "flat") + meterLine("A2", 2, "flat"),
                   meterLine("B1", 1, "flat") + meterLine("B2", 2, "flat") + meterLine("B3", 3, "flat") +
                       meterLine("B4", 4, "flat")) +
    kProfiles +
    "faults:\n"
    "  - {kind: gateway-down, target: GW2, from: \"2026-01-05T00:05\", to: \"2026-01-05T00:15\"}\n";

std::vector<Event> gatewayEvents(const PolledSite& site, const std::string& gatewayName) {
  std::vector<Event> result;
  for (const Event& e : site.events.events) {
    if (e.deviceId == 0 && e.kind == "status" && e.detail.find("'" + gatewayName + "'") != std::string::npos) {
      result.push_back(e);
    }
  }
  return result;
}

std::vector<PollNotice> noticesBetween(const PolledSite& site, int deviceId, PollNotice::Kind kind, Time from,
                                       Time to) {
  std::vector<PollNotice> result;
  for (const PollNotice& n : site.noticesOf(deviceId)) {
    if (n.kind == kind && n.started >= from && n.started < to) result.push_back(n);
  }
  return result;
}

TEST(GatewayError, GatewayDownPutsTheGatewayAndAllItsDevicesInErrorAtOnceAndRecovers) {
  PolledSite site(kTwoGateways);
  site.start();
  const int gw1 = site.gateway("GW1").id;
  const int gw2 = site.gateway("GW2").id;
  const Time down = site.at(ews::minutes(5));
  const Time up = site.at(ews::minutes(15));
  const std::vector<std::string> bs{"B1", "B2", "B3", "B4"};

  site.runUntil(down);
  EXPECT_EQ(site.poller().gatewayStatus(gw2), DeviceStatus::On);
  const std::uint64_t cyclesAtDown = site.poller().lineStats(gw2).cycles;
  while (site.poller().gatewayStatus(gw2) == DeviceStatus::On && site.engine().now() < down + ews::seconds(30)) {
    site.runFor(ews::milliseconds(10));
  }
  // Within K cycles of the line (K x n would be 12 here): each failed poll (a transaction and
  // its retry, each waiting the timeout) stretches its cycle, at least one poll per cycle.
  const std::uint64_t cyclesToError = site.poller().lineStats(gw2).cycles - cyclesAtDown;
  EXPECT_LE(cyclesToError, 3u);

  site.runUntil(down + ews::seconds(30));
  EXPECT_EQ(site.poller().gatewayStatus(gw2), DeviceStatus::CommunicationError);
  EXPECT_EQ(site.poller().gatewayStatus(gw1), DeviceStatus::On);
  const auto gwEvents = gatewayEvents(site, "GW2");
  ASSERT_EQ(gwEvents.size(), 1u);
  const Event& error = gwEvents.front();
  EXPECT_NE(error.detail.find("On -> Communication error"), std::string::npos) << error.detail;
  EXPECT_NE(error.detail.find("disconnected"), std::string::npos) << error.detail;
  EXPECT_EQ(site.poller().lineStats(gw2).gatewayErrors, 1u);

  // K = 3 failed polls on the line (not K per device), so within K cycles of the line.
  std::size_t failedPolls = 0;
  for (const auto& name : bs) {
    failedPolls += noticesBetween(site, site.id(name), PollNotice::Kind::FailedPoll, down, up).size();
  }
  EXPECT_EQ(failedPolls, 3u);
  EXPECT_EQ(site.poller().lineStats(gw2).failedPolls, 3u);
  EXPECT_LE(error.at - down, ews::seconds(3));  // 3 polls of 2 x 300 ms timeouts, in 2 cycles

  // Every device of the gateway at once, at the gateway's instant; values Stale.
  for (const auto& name : bs) {
    const int id = site.id(name);
    EXPECT_EQ(site.measurements().status(id), DeviceStatus::CommunicationError) << name;
    ASSERT_EQ(site.events.count(id, "status"), 1u) << name;
    const auto e = std::find_if(site.events.events.begin(), site.events.events.end(),
                                [&](const Event& ev) { return ev.deviceId == id && ev.kind == "status"; });
    EXPECT_EQ(e->at, error.at) << name;
    EXPECT_NE(e->detail.find("gateway 'GW2'"), std::string::npos) << e->detail;
    for (const auto& [quantity, reading] : site.measurements().readings(id)) {
      EXPECT_EQ(reading.quality, Quality::Stale) << name << " " << quantity;
    }
  }
  // The other gateway is not affected.
  for (const char* name : {"A1", "A2"}) {
    EXPECT_EQ(site.measurements().status(site.id(name)), DeviceStatus::On) << name;
    const auto polls = noticesBetween(site, site.id(name), PollNotice::Kind::Poll, down, down + ews::seconds(30));
    EXPECT_NEAR(static_cast<double>(polls.size()), 30.0, 1.0) << name;
  }

  site.runUntil(up - ews::seconds(1));
  EXPECT_EQ(site.poller().gatewayStatus(gw2), DeviceStatus::CommunicationError);
  // No normal polling of the line while it is down: only the gateway's probes, all to the
  // first block of the first active device, spaced by the back-off.
  for (const auto& name : bs) {
    const int id = site.id(name);
    EXPECT_TRUE(noticesBetween(site, id, PollNotice::Kind::Poll, error.at, up).empty()) << name;
    EXPECT_TRUE(noticesBetween(site, id, PollNotice::Kind::BackoffProbe, error.at, up).empty()) << name;
    EXPECT_EQ(noticesBetween(site, id, PollNotice::Kind::FailedPoll, error.at + ews::milliseconds(1), up).size(), 0u)
        << name;
  }
  const auto probes = noticesBetween(site, site.id("B1"), PollNotice::Kind::GatewayProbe, error.at, up);
  ASSERT_GE(probes.size(), 8u);  // 1, 2, 4 ... 256 s after the error: 9 in 10 min
  EXPECT_LE(probes.size(), 10u);
  EXPECT_EQ(site.poller().lineStats(gw2).gatewayProbes, probes.size());
  Duration backoff = site.poller().settings().cyclePeriod;
  Time previous = error.at;
  for (const PollNotice& probe : probes) {
    EXPECT_FALSE(probe.ok);
    EXPECT_GE(probe.started - previous, backoff);
    EXPECT_LE(probe.started - previous, backoff + ews::seconds(1));
    previous = probe.ended;
    backoff = std::min(backoff * 2, site.poller().settings().maxBackoff);
  }
  EXPECT_EQ(site.poller().lineStats(gw1).failures, 0u);

  // Back: the next probe (at most the 5 min cap later) finds the gateway, its devices are polled
  // again and each confirms its status with its own poll.
  site.runUntil(up + ews::minutes(6));
  EXPECT_EQ(site.poller().gatewayStatus(gw2), DeviceStatus::On);
  const auto after = gatewayEvents(site, "GW2");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_NE(after.back().detail.find("Communication error -> On"), std::string::npos) << after.back().detail;
  EXPECT_GE(after.back().at, up);
  EXPECT_EQ(site.poller().lineStats(gw2).gatewayErrors, 1u);
  for (const auto& name : bs) {
    const int id = site.id(name);
    EXPECT_EQ(site.measurements().status(id), DeviceStatus::On) << name;
    EXPECT_EQ(site.events.count(id, "status"), 2u) << name;
    EXPECT_EQ(site.measurements().latest(id, "energy.active.import")->quality, Quality::Good) << name;
    EXPECT_GT(site.measurements().latest(id, "voltage.L1N")->at, after.back().at) << name;
    // No energy lost: the first poll after the outage adds the whole outage, 3.6 kW throughout.
    const auto consumption = site.measurements().consumption(id);
    ASSERT_TRUE(consumption.has_value()) << name;
    const Time first = site.noticesOf(id).front().ended;
    EXPECT_NEAR(consumption->total, 3600.0 * ews::toSeconds(consumption->at - first) / 3600.0, 10.0) << name;
  }
  EXPECT_EQ(site.poller().gatewayStatus(gw1), DeviceStatus::On);
  EXPECT_TRUE(gatewayEvents(site, "GW1").empty());
}

TEST(GatewayError, SilentDevicesNeverPutTheGatewayInError) {
  // Every device of the line offline (timeouts): each goes to error on its own, the gateway
  // answers at the TCP level and stays On.
  PolledSite site(oneGatewaySite("GW") + meterLine("M1", 1, "flat") + meterLine("M2", 2, "flat") + kProfiles +
                  "faults:\n"
                  "  - {kind: device-offline, target: M1, from: \"2026-01-05T00:01\", to: \"2026-01-05T00:06\"}\n"
                  "  - {kind: device-offline, target: M2, from: \"2026-01-05T00:01\", to: \"2026-01-05T00:06\"}\n");
  site.start();
  const int gw = site.gateway("GW").id;
  site.runUntil(site.at(ews::minutes(3)));
  EXPECT_EQ(site.measurements().status(site.id("M1")), DeviceStatus::CommunicationError);
  EXPECT_EQ(site.measurements().status(site.id("M2")), DeviceStatus::CommunicationError);
  EXPECT_EQ(site.poller().gatewayStatus(gw), DeviceStatus::On);
  EXPECT_EQ(site.poller().lineStats(gw).gatewayErrors, 0u);
  EXPECT_EQ(site.poller().lineStats(gw).gatewayProbes, 0u);
  EXPECT_TRUE(gatewayEvents(site, "GW").empty());
  site.runUntil(site.at(ews::minutes(12)));
  EXPECT_EQ(site.measurements().status(site.id("M1")), DeviceStatus::On);
  EXPECT_EQ(site.measurements().status(site.id("M2")), DeviceStatus::On);
  EXPECT_EQ(site.poller().gatewayStatus(gw), DeviceStatus::On);
}

TEST(GatewayError, SwitchingTheGatewayOffClearsItsErrorAndOnAgainIsDetectedAgain) {
  PolledSite site(kTwoGateways);
  site.start();
  const int gw2 = site.gateway("GW2").id;
  site.runUntil(site.at(ews::minutes(6)));
  ASSERT_EQ(site.poller().gatewayStatus(gw2), DeviceStatus::CommunicationError);
  site.poller().setGatewayOn(gw2, false);
  EXPECT_EQ(site.poller().gatewayStatus(gw2), DeviceStatus::Off);
  EXPECT_EQ(site.measurements().status(site.id("B1")), DeviceStatus::Off);
  const auto events = gatewayEvents(site, "GW2");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_NE(events.back().detail.find("Communication error -> Off"), std::string::npos) << events.back().detail;
  const auto probes = site.poller().lineStats(gw2).gatewayProbes;
  site.runUntil(site.at(ews::minutes(8)));
  EXPECT_EQ(site.poller().lineStats(gw2).gatewayProbes, probes);  // OFF: not probed

  site.poller().setGatewayOn(gw2, true);  // still down: K failed polls again
  EXPECT_EQ(site.poller().gatewayStatus(gw2), DeviceStatus::On);
  site.runUntil(site.at(ews::minutes(8) + ews::seconds(5)));
  EXPECT_EQ(site.poller().gatewayStatus(gw2), DeviceStatus::CommunicationError);
  EXPECT_EQ(site.poller().lineStats(gw2).gatewayErrors, 2u);
  // A device switched ON meanwhile joins its gateway's error.
  site.poller().setDeviceOn(site.id("B3"), false);
  site.poller().setDeviceOn(site.id("B3"), true);
  EXPECT_EQ(site.measurements().status(site.id("B3")), DeviceStatus::CommunicationError);
}

}  // namespace
