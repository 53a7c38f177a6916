// The Poller over a link that batches (as live/'s ThreadedLink does): the polls of several
// devices, blocks and all, go out in one hand-over and decode to the same values as block by
// block; a block that fails is retried on its own, and a device that keeps failing still goes
// to communication error while the others are read.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

#include "acquisition_test_support.hpp"
#include "ews/link/async_link.hpp"
#include "ews/scenario/loader.hpp"

namespace {

using ews::Time;
using ews::acquisition::DeviceStatus;
using ews::acquisition::Measurements;
using ews::acquisition::Poller;
using ews::acquisition::test::meterLine;
using ews::acquisition::test::oneGatewaySite;

/// A batching AsyncLink in virtual time: performs the requests at once over the SimLink (until
/// the first failure) and completes after their summed line time; with `transactionTime`, each
/// transaction takes that long instead (a fast TCP device rather than the RS485 line). As over
/// a ThreadedLink, each result's duration runs from the submission.
class BatchingLink final : public ews::link::AsyncLink {
 public:
  BatchingLink(ews::Engine& engine, ews::link::Link& link, std::optional<ews::Duration> transactionTime)
      : engine_(&engine), link_(&link), transactionTime_(transactionTime) {}
  void submit(const ews::link::Request& request, Completion done) override {
    const ews::link::Result result = transact(request);
    ++singles;
    engine_->scheduleIn(result.duration, ews::EventPhase::Input, [done = std::move(done), result] { done(result); });
  }
  bool batches() const override { return true; }
  void submitBatch(std::span<const ews::link::Request> requests, BatchCompletion done) override {
    std::vector<ews::link::Result> results;
    ews::Duration total{};
    for (const auto& request : requests) {
      results.push_back(transact(request));
      total = transactionTime_ ? total + *transactionTime_ : results.back().duration;  // SimLink: from the submission
      results.back().duration = total;
      if (!results.back().ok()) break;
    }
    ++batchesSent;
    engine_->scheduleIn(total, ews::EventPhase::Input, [done = std::move(done), results] { done(results); });
  }
  std::string describe() const override { return link_->describe(); }
  int batchesSent = 0;
  int singles = 0;

 private:
  ews::link::Result transact(const ews::link::Request& request) {
    ews::link::Result result = link_->transact(request);
    if (transactionTime_) result.duration = *transactionTime_;
    return result;
  }
  ews::Engine* engine_;
  ews::link::Link* link_;
  std::optional<ews::Duration> transactionTime_;
};

/// A SimLink that does not say it queues behind its busy line: a VirtualTimeLink over it
/// submits one transaction at a time, the reference the batches are compared with.
class OneAtATime final : public ews::link::Link {
 public:
  explicit OneAtATime(ews::link::Link& line) : line_(&line) {}
  ews::link::Result transact(const ews::link::Request& request) override { return line_->transact(request); }
  std::string describe() const override { return line_->describe(); }

 private:
  ews::link::Link* line_;
};

/// The site polled through BatchingLinks (or VirtualTimeLinks one transaction at a time).
struct Polled {
  /// `batching`: BatchingLinks (each transaction taking `transactionTime`, or the line's time).
  Polled(const std::string& yaml, bool batching, std::optional<ews::Duration> transactionTime = std::nullopt)
      : site(ews::scenario::parseScenario(yaml)),
        poller(site.engine(), site.installation(), site.deviceProfiles(), measurements) {
    for (const auto& line : site.links()) {
      std::unique_ptr<ews::link::AsyncLink> async;
      if (batching) {
        async = std::make_unique<BatchingLink>(site.engine(), *line.link, transactionTime);
      } else {
        plain.push_back(std::make_unique<OneAtATime>(*line.link));
        async = std::make_unique<ews::link::VirtualTimeLink>(site.engine(), *plain.back());
      }
      poller.attachLine(*line.gateway, *async);
      links.push_back(std::move(async));
    }
    poller.start();
  }
  ews::site::SimulatedSite site;
  Measurements measurements;
  Poller poller;
  std::vector<std::unique_ptr<OneAtATime>> plain;
  std::vector<std::unique_ptr<ews::link::AsyncLink>> links;
};

const std::string kSite = oneGatewaySite("GW") + meterLine("M1", 1, "flat") + meterLine("M2", 2, "flat") +
                          "loadProfiles:\n  - {name: flat, kind: constant, power: 3600}\n";

TEST(PollerBatch, SeveralPollsGoInOneHandOverAndDecodeTheSameValues) {
  Polled batched(kSite, true, ews::microseconds(300));
  Polled single(kSite, false);
  const Time until = batched.site.start() + ews::minutes(2);
  batched.site.runUntil(until);
  single.site.runUntil(until);
  auto& link = static_cast<BatchingLink&>(*batched.links.front());
  // The energy counter reads two blocks: every poll is one batch, no single transactions.
  const auto& stats = batched.poller.lineStats(batched.site.installation().findGateway("GW")->id);
  EXPECT_GT(link.batchesSent, 100);
  // Only the identification reads (one per meter, at first contact) go on their own.
  EXPECT_EQ(stats.identifications, 2u);
  EXPECT_EQ(static_cast<std::uint64_t>(link.singles), stats.identifications);
  // Two transactions a poll; the last batch (both meters) may still be on the line.
  EXPECT_GE(stats.transactions, 2 * stats.polls + stats.identifications);
  EXPECT_LE(stats.transactions, 2 * stats.polls + 4 + stats.identifications);
  // A batch carries the polls of both meters of the cycle, not one (but the first poll of
  // each, whose time is not known yet, goes alone).
  EXPECT_LE(2 * static_cast<std::uint64_t>(link.batchesSent), stats.polls + 4);
  EXPECT_GE(2 * static_cast<std::uint64_t>(link.batchesSent), stats.polls);
  for (const char* name : {"M1", "M2"}) {
    const int id = batched.site.installation().findDevice(name)->id;
    const auto a = batched.measurements.readings(id);
    const auto b = single.measurements.readings(id);
    ASSERT_EQ(a.size(), b.size());
    for (const auto& [quantity, reading] : b) {
      EXPECT_NEAR(a.at(quantity).value, reading.value, 1e-9 + 1e-6 * std::abs(reading.value)) << name << " " << quantity;
    }
    EXPECT_NEAR(batched.measurements.consumption(id)->total, single.measurements.consumption(id)->total, 1.0);
  }
}

TEST(PollerBatch, ASerialLinesPollsGoOneDeviceAtATime) {
  // An RS485 poll takes longer than the batch's line-time budget (20 ms): a Test or a DLM
  // command never waits behind more than the device being read.
  Polled batched(kSite, true);
  batched.site.runUntil(batched.site.start() + ews::minutes(2));
  auto& link = static_cast<BatchingLink&>(*batched.links.front());
  const auto& stats = batched.poller.lineStats(batched.site.installation().findGateway("GW")->id);
  EXPECT_GE(static_cast<std::uint64_t>(link.batchesSent) + 2, stats.polls);
  EXPECT_LE(static_cast<std::uint64_t>(link.batchesSent), stats.polls + 2);
}

TEST(PollerBatch, AFailingBlockIsRetriedOnItsOwnAndADeadDeviceStillGoesToError) {
  Polled batched(kSite +
                     "faults:\n"
                     "  - {kind: device-offline, target: M2, from: \"2026-01-05T00:00:30\", to: \"2026-01-05T01:00\"}\n",
                 true, ews::microseconds(300));
  batched.site.runUntil(batched.site.start() + ews::minutes(2));
  auto& link = static_cast<BatchingLink&>(*batched.links.front());
  EXPECT_GT(link.singles, 0) << "the failed block's retries go out on their own";
  const auto& installation = batched.site.installation();
  EXPECT_EQ(batched.measurements.status(installation.findDevice("M2")->id), DeviceStatus::CommunicationError);
  EXPECT_EQ(batched.measurements.status(installation.findDevice("M1")->id), DeviceStatus::On);
}

}  // namespace
