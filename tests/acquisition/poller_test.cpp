// The Poller on a healthy line: decoded values, fast devices every cycle, slow ones
// round-robin, ON/OFF, the Test action, and polled energy against the simulated ground truth.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "acquisition_test_support.hpp"

namespace {

using ews::Duration;
using ews::Time;
using ews::acquisition::DeviceStatus;
using ews::acquisition::PollNotice;
using ews::acquisition::ProbeResult;
using ews::acquisition::Quality;
using ews::acquisition::test::meterLine;
using ews::acquisition::test::oneGatewaySite;
using ews::acquisition::test::PolledSite;

/// Concatenation by appending (GCC 12 warns falsely, -Wrestrict, on chains of operator+).
std::string concat(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (const std::string_view part : parts) text += part;
  return text;
}

std::string meterName(int i) { return concat({"M", std::to_string(i)}); }

std::string meters(int count, int firstAddress = 1) {
  std::string lines;
  for (int i = 0; i < count; ++i) lines += meterLine(meterName(i + 1), firstAddress + i, "flat");
  return lines;
}

const std::string kProfiles =
    "loadProfiles:\n"
    "  - {name: flat, kind: constant, power: 3600}\n"
    "  - {name: big, kind: constant, power: 90000}\n";

std::vector<Time> pollStarts(const PolledSite& site, int deviceId) {
  std::vector<Time> starts;
  for (const PollNotice& n : site.noticesOf(deviceId)) {
    if (n.kind == PollNotice::Kind::Poll) starts.push_back(n.started);
  }
  return starts;
}

Duration maxInterval(const std::vector<Time>& times) {
  Duration longest{};
  for (std::size_t i = 1; i < times.size(); ++i) longest = std::max(longest, times[i] - times[i - 1]);
  return longest;
}

TEST(Poller, DecodesEveryQuantityOfAMeter) {
  PolledSite site(oneGatewaySite("GW") + meters(1) + kProfiles);
  site.start();
  site.runFor(ews::minutes(10));
  const int id = site.id("M1");
  EXPECT_EQ(site.measurements().status(id), DeviceStatus::On);
  const auto& readings = site.measurements().readings(id);
  EXPECT_EQ(readings.size(), site.poller().planOf(id)->quantities.size());
  const auto power = site.measurements().latest(id, "power.active.total");
  ASSERT_TRUE(power);
  EXPECT_NEAR(power->value, 3600.0, 1.0);
  EXPECT_EQ(power->quality, Quality::Good);
  EXPECT_GT(power->at, site.at(ews::minutes(10) - ews::seconds(2)));
  EXPECT_NEAR(site.measurements().latest(id, "voltage.L1N")->value, 230.0, 3.0);
  // 10 min at 3.6 kW is 600 Wh since the first reading.
  EXPECT_NEAR(site.measurements().consumption(id)->total, 600.0, 10.0);
  const auto& stats = site.poller().lineStats(site.gateway("GW").id);
  EXPECT_EQ(stats.failures, 0u);
  // Two blocks per poll, nothing retried (the last poll may be in flight), and the one read of
  // its identification when it was first reached.
  EXPECT_EQ(stats.identifications, 1u);
  EXPECT_GE(stats.transactions, 2 * stats.polls + stats.identifications);
  EXPECT_LE(stats.transactions, 2 * stats.polls + 2 + stats.identifications);
  EXPECT_GE(stats.cycles, 599u);
}

TEST(Poller, RequestsPerPollMatchThePlan) {
  PolledSite site(oneGatewaySite("GW") + meters(3) + kProfiles);
  site.start();
  site.runFor(ews::seconds(30));
  auto& link = site.site().simLinkOf(site.gateway("GW"));
  std::size_t blocks = 0;
  std::uint64_t polls = 0;
  for (int i = 1; i <= 3; ++i) {
    blocks = site.poller().planOf(site.id(meterName(i)))->blocks.size();
    polls += pollStarts(site, site.id(meterName(i))).size();
  }
  // The SimLink saw exactly the planned requests (the one in flight at the end included), and
  // one identification read per device.
  const std::uint64_t identifications = site.poller().lineStats(site.gateway("GW").id).identifications;
  EXPECT_EQ(identifications, 3u);
  EXPECT_GE(link.stats().transactions, blocks * polls + identifications);
  EXPECT_LE(link.stats().transactions, blocks * polls + blocks + identifications);
}

TEST(Poller, FastDevicesEveryCycleSlowOnesRoundRobin) {
  // 1 fast + 20 slow three-phase counters at 19200 baud: a poll is about 93 ms, so about 9
  // slow devices fit after the fast one in a 1 s cycle: each slow one within ceil(20/9) = 3 cycles.
  PolledSite site(oneGatewaySite("GW") + meters(21) + kProfiles);
  const int fast = site.id("M1");
  site.poller().setFastDevices(std::vector<int>{fast});
  site.start();
  site.runFor(ews::minutes(2));

  const auto fastStarts = pollStarts(site, fast);
  ASSERT_GE(fastStarts.size(), 119u);
  // Until every slow device has been polled once its poll time is unknown and the first
  // cycles may overrun a little; from then on the fast device keeps the period exactly.
  for (std::size_t i = 4; i < fastStarts.size(); ++i) {
    EXPECT_EQ(fastStarts[i] - fastStarts[i - 1], ews::seconds(1)) << i;
  }
  const auto& stats = site.poller().lineStats(site.gateway("GW").id);
  const std::uint64_t slowPolls = stats.polls - fastStarts.size();
  const double slowPerCycle = static_cast<double>(slowPolls) / static_cast<double>(stats.cycles);
  EXPECT_GE(slowPerCycle, 8.9);
  EXPECT_LE(stats.maxCycleTime, ews::milliseconds(1100));  // only the first cycle, without estimates
  const auto k = static_cast<std::int64_t>(std::floor(slowPerCycle));
  const Duration bound = ews::seconds((20 + k - 1) / k);
  for (int i = 2; i <= 21; ++i) {
    const auto starts = pollStarts(site, site.id(meterName(i)));
    EXPECT_GE(starts.size(), 119u / 3) << i;
    EXPECT_LE(maxInterval(starts), bound + ews::milliseconds(100)) << i;
  }
}

TEST(Poller, OverloadedLineStretchesItsCycleWithoutQueueing) {
  // 30 fast devices (~93 ms each) do not fit in 1 s: each cycle polls them all once and the
  // next starts when it ends; a slow device still gets one poll per cycle.
  PolledSite site(oneGatewaySite("GW") + meters(31) + kProfiles);
  std::vector<int> fast;
  for (int i = 1; i <= 30; ++i) fast.push_back(site.id(meterName(i)));
  site.poller().setFastDevices(fast);
  site.start();
  site.runFor(ews::minutes(1));
  const auto& stats = site.poller().lineStats(site.gateway("GW").id);
  EXPECT_GT(stats.lastCycleTime, ews::milliseconds(2500));
  EXPECT_LT(stats.lastCycleTime, ews::milliseconds(3500));
  // No cycle makes up for another; only the first one also read the 31 identifications (one
  // 3-register request each, ~21 ms at 19200 baud).
  EXPECT_LE(stats.maxCycleTime - stats.lastCycleTime, ews::milliseconds(25) * 31);
  const auto slow = pollStarts(site, site.id("M31"));
  const auto first = pollStarts(site, fast.front());
  EXPECT_NEAR(static_cast<double>(slow.size()), static_cast<double>(first.size()), 1.0);
  EXPECT_LE(static_cast<double>(stats.cycles), 60.0 / 2.5 + 1.0);
}

TEST(Poller, PolledEnergyIsTheSimulatedCounterAtThePollInstant) {
  PolledSite site(oneGatewaySite("GW") + meterLine("Main", 1, "big") + meters(3, 2) + kProfiles);
  const int main = site.id("Main");
  std::map<Time, double> truthAtPoll;  // ground truth of Main at each poll's end
  site.poller().setPollObserver([&](const PollNotice& notice) {
    if (notice.deviceId == main && notice.ok) truthAtPoll[notice.ended] = site.site().counters().at(main);
  });
  site.start();
  std::size_t checks = 0;
  for (int minute = 1; minute <= 30; ++minute) {
    site.runUntil(site.at(ews::minutes(minute)));
    const auto energy = site.measurements().latest(main, "energy.active.import");
    ASSERT_TRUE(energy);
    // The energies are the poll's first block; the truth is taken at the poll's end.
    const auto truth = truthAtPoll.lower_bound(energy->at);
    ASSERT_NE(truth, truthAtPoll.end());
    // The register holds the counter at the served instant, rounded to its 10 Wh LSB; the
    // poll ends ~90 ms later (90 kW x 90 ms = 2.3 Wh).
    EXPECT_NEAR(energy->value, truth->second, 10.0) << minute;
    // And the consumption since the first poll matches the ground truth's.
    const double truthSinceFirst = truth->second - truthAtPoll.begin()->second;
    EXPECT_NEAR(site.measurements().consumption(main)->total, truthSinceFirst, 10.0) << minute;
    ++checks;
  }
  EXPECT_EQ(checks, 30u);
}

TEST(Poller, OnOffOfDevicesAndGateways) {
  const std::string yaml =
      concat({oneGatewaySite("GW"), meters(3),
              "        - {name: Spare, family: energy-counter, model: \"4 120 74\", address: 9, on: false}\n", kProfiles});
  PolledSite site(yaml);
  const int m1 = site.id("M1");
  const int m2 = site.id("M2");
  const int spare = site.id("Spare");
  const int gw = site.gateway("GW").id;
  site.start();
  EXPECT_EQ(site.measurements().status(spare), DeviceStatus::Off);
  EXPECT_FALSE(site.poller().deviceOn(spare));
  site.runFor(ews::seconds(10));
  EXPECT_TRUE(pollStarts(site, spare).empty());
  EXPECT_EQ(site.measurements().status(m1), DeviceStatus::On);

  site.poller().setDeviceOn(m1, false);
  EXPECT_EQ(site.measurements().status(m1), DeviceStatus::Off);
  EXPECT_EQ(site.events.count(m1, "status"), 1u);
  const std::size_t polledBefore = pollStarts(site, m1).size();
  site.runFor(ews::seconds(10));
  EXPECT_LE(pollStarts(site, m1).size(), polledBefore + 1);  // at most the poll in flight
  EXPECT_GE(pollStarts(site, m2).size(), 19u);

  site.poller().setDeviceOn(m1, true);
  site.poller().setDeviceOn(spare, true);
  EXPECT_EQ(site.measurements().status(m1), DeviceStatus::On);
  site.runFor(ews::seconds(10));
  EXPECT_GE(pollStarts(site, m1).size(), polledBefore + 9);
  EXPECT_GE(pollStarts(site, spare).size(), 9u);
  EXPECT_EQ(site.measurements().status(spare), DeviceStatus::On);  // it answers: its unit is served

  site.poller().setGatewayOn(gw, false);
  for (const int id : {m1, m2, spare}) EXPECT_EQ(site.measurements().status(id), DeviceStatus::Off);
  EXPECT_FALSE(site.poller().gatewayOn(gw));
  const std::size_t transactions = site.poller().lineStats(gw).transactions;
  site.runFor(ews::seconds(10));
  EXPECT_LE(site.poller().lineStats(gw).transactions, transactions + 2);
  site.poller().setGatewayOn(gw, true);
  for (const int id : {m1, m2, spare}) EXPECT_EQ(site.measurements().status(id), DeviceStatus::On);
  site.runFor(ews::seconds(10));
  EXPECT_GT(site.poller().lineStats(gw).transactions, transactions + 20);
  EXPECT_THROW(site.poller().setDeviceOn(9999, true), std::out_of_range);
}

TEST(Poller, TestActionReadsTheFirstBlock) {
  const std::string yaml =
      concat({oneGatewaySite("GW"), meters(2),
              "        - {name: Spare, family: energy-counter, model: \"4 120 74\", address: 39, on: false}\n",
              "        - {name: Absent, family: energy-counter, model: \"4 120 74\", address: 40, on: false}\n",
              "        - {name: Unset, family: energy-counter, address: 41}\n", kProfiles,
              "faults:\n  - {kind: device-offline, target: Absent, from: \"2026-01-05T00:00\", to: \"2026-01-06T00:00\"}\n"});
  PolledSite site(yaml);
  site.start();
  site.runFor(ews::milliseconds(1500));

  std::vector<ProbeResult> results;
  auto keep = [&results](ProbeResult r) { results.push_back(std::move(r)); };
  site.poller().probe(site.device("M1"), keep);
  site.poller().probe(site.device("M2"), keep);  // queued behind the first: never two in flight
  site.runFor(ews::seconds(1));
  ASSERT_EQ(results.size(), 2u);
  for (const auto& r : results) {
    EXPECT_TRUE(r.ok) << r.text;
    EXPECT_EQ(r.values, 8);
    // 8 + 21 bytes at 19200 8E1, 2 x t3.5, 5 ms turnaround, 1 ms gateway: ~26.6 ms.
    EXPECT_GT(r.roundTrip, ews::milliseconds(20));
    EXPECT_LT(r.roundTrip, ews::milliseconds(200));
    EXPECT_TRUE(r.text.starts_with("Test OK: 8 registers in ")) << r.text;
  }
  // A device that is OFF can be tested.
  site.poller().probe(site.device("Spare"), keep);
  site.runFor(ews::seconds(1));
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[2].ok) << results[2].text;
  // One that does not answer: the master's timeout from the end of the request.
  site.poller().probe(site.device("Absent"), keep);
  site.runFor(ews::seconds(1));
  ASSERT_EQ(results.size(), 4u);
  EXPECT_FALSE(results[3].ok);
  EXPECT_EQ(results[3].status, ews::link::Status::Timeout);
  EXPECT_EQ(results[3].text, "Test failed: timeout after 305.6 ms") << results[3].text;
  // Nothing to read with: answered at once.
  site.poller().probe(site.device("Unset"), keep);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_FALSE(results[4].ok);
  EXPECT_TRUE(results[4].text.starts_with("Test failed: no register map")) << results[4].text;
  // Tests do not disturb the polls: nothing failed but the absent device's test.
  EXPECT_EQ(site.poller().lineStats(site.gateway("GW").id).failedPolls, 0u);
}

TEST(Poller, ProbeTextFormatsDurations) {
  EXPECT_EQ(ews::acquisition::formatMilliseconds(ews::microseconds(17'440)), "17.4 ms");
  EXPECT_EQ(ews::acquisition::formatMilliseconds(ews::milliseconds(300)), "300 ms");
  ews::link::Result exception{ews::link::Status::Exception, ews::link::ExceptionCode::IllegalDataAddress,
                              ews::microseconds(20'130)};
  EXPECT_EQ(ews::acquisition::probeResultOf(exception, 6, false).text,
            "Test failed: exception 2 (illegal data address) after 20.1 ms");
  ews::link::Result ok{ews::link::Status::Ok, ews::link::ExceptionCode::None, ews::microseconds(17'400)};
  EXPECT_EQ(ews::acquisition::probeResultOf(ok, 6, false).text, "Test OK: 6 registers in 17.4 ms");
  EXPECT_EQ(ews::acquisition::probeResultOf(ok, 2, true).text, "Test OK: 2 bits in 17.4 ms");
}

}  // namespace
