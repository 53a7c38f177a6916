// VirtualTimeLink over a SimLink batches (Link::queuesBehindBusyLine): a batch's requests go out
// back to back on the simulated line, each device answers at its own instant, the results'
// durations run from the submission, one engine event delivers them all when the last one ends,
// and the first failure stops the batch.
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <vector>

#include "ews/kernel/engine.hpp"
#include "ews/link/async_link.hpp"
#include "register_device.hpp"
#include "simlink_test_support.hpp"

namespace ews::simlink::test {
namespace {

using link::Status;

constexpr Duration kPoll2 = microseconds(pollMicros(2, 19200, 5'000));

/// A Link that forwards to a SimLink but does not say it queues: VirtualTimeLink must not batch.
class Plain final : public link::Link {
 public:
  explicit Plain(SimLink& line) : line_(&line) {}
  link::Result transact(const link::Request& request) override { return line_->transact(request); }
  std::string describe() const override { return line_->describe(); }

 private:
  SimLink* line_;
};

class VirtualTimeBatch : public ::testing::Test {
 protected:
  Engine engine{EngineConfig{kT0, 1}};
  SimLink line{"Local", LineSettings{}, [this] { return engine.now(); }, RngStream(1, "simlink/Local")};
  link::VirtualTimeLink async{engine, line};
  RegisterDevice first{milliseconds(5)};
  RegisterDevice second{milliseconds(5)};
  ReadRegisters a{1, 2, 0};
  ReadRegisters b{2, 2, 0};
  ReadRegisters c{1, 2, 10};
  void SetUp() override {
    line.attach(1, first);
    line.attach(2, second);
  }
};

TEST_F(VirtualTimeBatch, BackToBackOnTheLineOneDeliveryAtTheEnd) {
  ASSERT_TRUE(async.batches());
  std::vector<link::Result> delivered;
  Time deliveredAt{};
  const std::vector<link::Request> requests{a.request, b.request, c.request};
  async.submitBatch(requests, [&](std::span<const link::Result> results) {
    delivered.assign(results.begin(), results.end());
    deliveredAt = engine.now();
  });
  const std::uint64_t eventsBefore = engine.eventsDispatched();
  engine.runFor(seconds(1));
  ASSERT_EQ(delivered.size(), 3u);
  EXPECT_EQ(engine.eventsDispatched() - eventsBefore, 1u) << "one event delivers the whole batch";
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(delivered[k].status, Status::Ok);
    EXPECT_EQ(delivered[k].duration, kPoll2 * static_cast<std::int64_t>(k + 1)) << "from the submission";
  }
  EXPECT_EQ(deliveredAt, kT0 + 3 * kPoll2);
  // Each device answered at its own instant on the line, not at the submission.
  ASSERT_EQ(first.serveTimes.size(), 2u);
  ASSERT_EQ(second.serveTimes.size(), 1u);
  EXPECT_EQ(second.serveTimes[0] - first.serveTimes[0], kPoll2);
  EXPECT_EQ(first.serveTimes[1] - first.serveTimes[0], 2 * kPoll2);
  EXPECT_EQ(a.buffer[0], 1000);
  EXPECT_EQ(c.buffer[1], 1011);
}

TEST_F(VirtualTimeBatch, TheSameInstantsAsOneSubmissionAtATime) {
  // The reference: one request per submission, the next submitted at the previous completion.
  Engine engine2{EngineConfig{kT0, 1}};
  SimLink line2{"Local", LineSettings{}, [&engine2] { return engine2.now(); }, RngStream(1, "simlink/Local")};
  link::VirtualTimeLink single(engine2, line2);
  RegisterDevice first2{milliseconds(5)};
  RegisterDevice second2{milliseconds(5)};
  line2.attach(1, first2);
  line2.attach(2, second2);
  const std::vector<link::Request> requests{a.request, b.request, c.request};
  std::vector<Time> endsOneByOne;
  std::function<void(std::size_t)> next = [&](std::size_t k) {
    if (k == requests.size()) return;
    single.submit(requests[k], [&, k](const link::Result&) {
      endsOneByOne.push_back(engine2.now());
      next(k + 1);
    });
  };
  next(0);
  engine2.runFor(seconds(1));

  std::vector<Time> endsBatched;
  async.submitBatch(requests, [&](std::span<const link::Result> results) {
    for (const link::Result& result : results) endsBatched.push_back(kT0 + result.duration);
  });
  engine.runFor(seconds(1));
  EXPECT_EQ(endsBatched, endsOneByOne);
  EXPECT_EQ(first.serveTimes, first2.serveTimes);
  EXPECT_EQ(second.serveTimes, second2.serveTimes);
}

TEST_F(VirtualTimeBatch, TheFirstFailureStopsTheBatch) {
  ReadRegisters missing{9, 2, 0};  // nobody at unit 9: a timeout
  std::vector<link::Result> delivered;
  const std::vector<link::Request> requests{a.request, missing.request, b.request};
  async.submitBatch(requests, [&](std::span<const link::Result> results) {
    delivered.assign(results.begin(), results.end());
  });
  engine.runFor(seconds(2));
  ASSERT_EQ(delivered.size(), 2u);
  EXPECT_EQ(delivered[0].status, Status::Ok);
  EXPECT_EQ(delivered[1].status, Status::Timeout);
  EXPECT_TRUE(second.serveTimes.empty()) << "nothing after the failure went on the line";
}

TEST_F(VirtualTimeBatch, AnEmptyBatchIsRefused) {
  EXPECT_THROW(async.submitBatch({}, [](std::span<const link::Result>) {}), std::invalid_argument);
}

TEST_F(VirtualTimeBatch, ALinkThatDoesNotQueueIsNeverBatched) {
  // Its durations would each run from the submission without the wait: the batch's instants
  // would overlap.
  Plain plain(line);
  link::VirtualTimeLink unbatched(engine, plain);
  EXPECT_FALSE(unbatched.batches());
  EXPECT_THROW(unbatched.submitBatch(std::vector<link::Request>{a.request}, [](std::span<const link::Result>) {}),
               std::logic_error);
}

}  // namespace
}  // namespace ews::simlink::test
