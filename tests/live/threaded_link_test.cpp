// ThreadedLink: a blocking TcpLink driven from a wall-clock engine through a worker thread.
// The server is a ModbusTcpServer on a kernel-chosen loopback port with a register bank; the
// engine runs on the test's thread, so "on the engine thread" means "on this thread".
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "ews/kernel/clock.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "ews/live/tcp_link.hpp"
#include "ews/live/threaded_link.hpp"
#include "live_test_support.hpp"

namespace ews::live {
namespace {

using namespace std::chrono_literals;
using link::ExceptionCode;
using link::Function;
using link::Status;
using test::RegisterBank;
using test::Table;

constexpr std::uint8_t kUnit = 1;
// Every engine run is bounded: a test that waits longer has failed.
constexpr Duration kRunLimit = seconds(5);

std::unique_ptr<Engine> wallEngine() {
  auto engine = std::make_unique<Engine>();
  engine->setClock(std::make_unique<WallClock>(1.0));
  return engine;
}

std::unique_ptr<link::Link> tcpTo(std::uint16_t port, Duration timeout = milliseconds(300)) {
  return std::make_unique<TcpLink>(TcpLinkConfig{"127.0.0.1", port, timeout});
}

class ThreadedLinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bank_.set(kUnit, Table::HoldingRegisters, 10, 1234);
    bank_.set(kUnit, Table::HoldingRegisters, 11, 5678);
    server_.start();
  }

  /// Submits one read of `count` holding registers from the engine thread and runs the engine
  /// until its completion has run; returns the result (nullopt: no completion in time).
  std::optional<link::Result> readOnce(Engine& engine, ThreadedLink& line, std::uint8_t unit, std::uint16_t address,
                                       std::span<std::uint16_t> out) {
    link::Request request{unit, Function::ReadHoldingRegisters, address, static_cast<std::uint16_t>(out.size()), {}, out};
    std::optional<link::Result> outcome;
    engine.schedule(engine.now(), [&] {
      line.submit(request, [&](const link::Result& result) {
        outcome = result;
        engine.requestStop();
      });
    });
    engine.runFor(kRunLimit);
    return outcome;
  }

  RegisterBank bank_{kUnit};
  ModbusTcpServer server_{ModbusTcpServerConfig{}, bank_};
};

TEST_F(ThreadedLinkTest, CompletionRunsOnTheEngineThreadWithTheValues) {
  auto engine = wallEngine();
  ThreadedLink line(*engine, tcpTo(server_.port()));
  EXPECT_EQ(line.describe(), fmt::format("tcp 127.0.0.1:{}", server_.port()));

  std::array<std::uint16_t, 2> values{};
  link::Request request{kUnit, Function::ReadHoldingRegisters, 10, 2, {}, values};
  std::thread::id completedOn;
  std::optional<link::Result> outcome;
  engine->schedule(engine->now(), [&] {
    line.submit(request, [&](const link::Result& result) {
      completedOn = std::this_thread::get_id();
      outcome = result;
      engine->requestStop();
    });
  });
  EXPECT_FALSE(engine->runFor(kRunLimit));  // stopped by the completion, not by the limit
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(completedOn, std::this_thread::get_id());
  EXPECT_EQ(outcome->status, Status::Ok);
  EXPECT_GT(outcome->duration, Duration::zero());
  EXPECT_EQ(values, (std::array<std::uint16_t, 2>{1234, 5678}));
  EXPECT_EQ(line.transactions(), 1u);
}

TEST_F(ThreadedLinkTest, OneTransactionInFlightAndChainingFromTheCompletion) {
  auto engine = wallEngine();
  ThreadedLink line(*engine, tcpTo(server_.port()));
  std::array<std::uint16_t, 1> value{};
  link::Request request{kUnit, Function::ReadHoldingRegisters, 10, 1, {}, value};
  constexpr int kChain = 20;
  int completed = 0;
  bool secondRefused = false;
  std::function<void(const link::Result&)> next = [&](const link::Result& result) {
    EXPECT_EQ(result.status, Status::Ok);
    // The poller submits its next request from inside the completion: that must be allowed.
    if (++completed < kChain) {
      line.submit(request, next);
    } else {
      engine->requestStop();
    }
  };
  engine->schedule(engine->now(), [&] {
    line.submit(request, next);
    try {
      line.submit(request, next);
    } catch (const std::logic_error&) {
      secondRefused = true;
    }
  });
  engine->runFor(kRunLimit);
  EXPECT_TRUE(secondRefused);
  EXPECT_EQ(completed, kChain);
  EXPECT_EQ(bank_.handled(), static_cast<std::uint64_t>(kChain));
}

TEST_F(ThreadedLinkTest, ErrorsAreTheLinksStatuses) {
  auto engine = wallEngine();
  std::array<std::uint16_t, 2> values{};
  {
    ThreadedLink line(*engine, tcpTo(server_.port(), milliseconds(200)));
    auto silent = readOnce(*engine, line, 9, 10, values);  // nobody at unit 9 behind the "gateway"
    ASSERT_TRUE(silent.has_value());
    EXPECT_EQ(silent->status, Status::Exception);
    EXPECT_EQ(silent->exception, ExceptionCode::GatewayTargetFailedToRespond);
    auto unmapped = readOnce(*engine, line, kUnit, RegisterBank::kTableSize, values);
    ASSERT_TRUE(unmapped.has_value());
    EXPECT_EQ(unmapped->exception, ExceptionCode::IllegalDataAddress);
    bank_.setDelay(500ms);
    auto late = readOnce(*engine, line, kUnit, 10, values);
    ASSERT_TRUE(late.has_value());
    EXPECT_EQ(late->status, Status::Timeout);
    EXPECT_GE(late->duration, milliseconds(200));
    bank_.setDelay(0ms);
  }
  ThreadedLink refused(*engine, tcpTo(test::unusedPort()));
  auto down = readOnce(*engine, refused, kUnit, 10, values);
  ASSERT_TRUE(down.has_value());
  EXPECT_EQ(down->status, Status::Disconnected);
}

TEST_F(ThreadedLinkTest, ABatchRunsBackToBackAndStopsAtTheFirstFailure) {
  auto engine = wallEngine();
  ThreadedLink line(*engine, tcpTo(server_.port()));
  ASSERT_TRUE(line.batches());
  std::array<std::uint16_t, 1> first{};
  std::array<std::uint16_t, 1> second{};
  std::array<std::uint16_t, 1> third{};
  const std::array<link::Request, 3> requests = {
      link::Request{kUnit, Function::ReadHoldingRegisters, 10, 1, {}, first},
      link::Request{kUnit, Function::ReadHoldingRegisters, RegisterBank::kTableSize, 1, {}, second},  // unmapped
      link::Request{kUnit, Function::ReadHoldingRegisters, 11, 1, {}, third}};
  std::vector<link::Result> outcome;
  engine->schedule(engine->now(), [&] {
    line.submitBatch(requests, [&](std::span<const link::Result> results) {
      outcome.assign(results.begin(), results.end());
      engine->requestStop();
    });
  });
  engine->runFor(kRunLimit);
  // The first read, then the failing one; the third is never sent.
  ASSERT_EQ(outcome.size(), 2u);
  EXPECT_EQ(outcome[0].status, Status::Ok);
  EXPECT_EQ(first[0], 1234);
  EXPECT_EQ(outcome[1].exception, ExceptionCode::IllegalDataAddress);
  EXPECT_LE(outcome[0].duration, outcome[1].duration);
  EXPECT_EQ(third[0], 0);
  EXPECT_EQ(bank_.handled(), 2u);
  EXPECT_EQ(line.transactions(), 2u);
}

TEST_F(ThreadedLinkTest, StopWhileATransactionIsInFlightDropsItsCompletion) {
  auto engine = wallEngine();
  bank_.setDelay(300ms);
  auto line = std::make_unique<ThreadedLink>(*engine, tcpTo(server_.port(), seconds(1)));
  std::array<std::uint16_t, 1> value{};
  link::Request request{kUnit, Function::ReadHoldingRegisters, 10, 1, {}, value};
  bool completed = false;
  engine->schedule(engine->now(), [&] { line->submit(request, [&](const link::Result&) { completed = true; }); });
  // 50 ms into the 300 ms transaction, on the engine thread (as `ews live` does at the end).
  engine->scheduleIn(milliseconds(50), EventPhase::Update, [&] {
    const auto before = std::chrono::steady_clock::now();
    line.reset();  // stop + join: waits for the transaction, bounded by its response timeout
    EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
  });
  engine->runFor(milliseconds(800));  // well past the answer: its completion would have run
  EXPECT_FALSE(completed);
}

TEST_F(ThreadedLinkTest, ACompletionQueuedBeforeStopNeverRuns) {
  auto engine = wallEngine();
  auto line = std::make_unique<ThreadedLink>(*engine, tcpTo(server_.port()));
  std::array<std::uint16_t, 1> value{};
  link::Request request{kUnit, Function::ReadHoldingRegisters, 10, 1, {}, value};
  bool completed = false;
  // The engine is not running: the completion waits in its input queue.
  line->submit(request, [&](const link::Result&) { completed = true; });
  for (int i = 0; i < 200 && line->transactions() == 0; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_EQ(line->transactions(), 1u);
  line.reset();
  engine->runFor(milliseconds(100));  // drains the queued completion
  EXPECT_FALSE(completed);
}

/// Answers at once on the worker thread: the next submit() often reaches the worker before it
/// waits again, the path where submit() hands the job over without waking it.
class InstantLink final : public link::Link {
 public:
  link::Result transact(const link::Request&) override {
    link::Result result;
    result.status = Status::Ok;
    return result;
  }
  std::string describe() const override { return "instant"; }
};

TEST_F(ThreadedLinkTest, LongChainsOnParallelLinesNeverLoseAWakeUp) {
  auto engine = wallEngine();
  constexpr int kLines = 4;
  constexpr int kChain = 2000;
  std::vector<std::unique_ptr<ThreadedLink>> lines;
  for (int i = 0; i < kLines; ++i) lines.push_back(std::make_unique<ThreadedLink>(*engine, std::make_unique<InstantLink>()));
  lines.push_back(std::make_unique<ThreadedLink>(*engine, tcpTo(server_.port())));  // one real line among them
  std::array<std::uint16_t, 1> value{};
  link::Request request{kUnit, Function::ReadHoldingRegisters, 10, 1, {}, value};
  const auto engineThread = std::this_thread::get_id();
  std::vector<int> completed(lines.size(), 0);
  int linesDone = 0;
  std::vector<std::function<void(const link::Result&)>> next(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    next[i] = [&, i](const link::Result& result) {
      EXPECT_EQ(result.status, Status::Ok);
      EXPECT_EQ(std::this_thread::get_id(), engineThread);
      if (++completed[i] < kChain) {
        lines[i]->submit(request, next[i]);
      } else if (++linesDone == static_cast<int>(lines.size())) {
        engine->requestStop();
      }
    };
  }
  engine->schedule(engine->now(), [&] {
    for (std::size_t i = 0; i < lines.size(); ++i) lines[i]->submit(request, next[i]);
  });
  // A lost wake-up stalls its chain: the run would then end at the limit instead.
  EXPECT_FALSE(engine->runFor(kRunLimit));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(completed[i], kChain) << "line " << i;
    EXPECT_EQ(lines[i]->transactions(), static_cast<std::uint64_t>(kChain)) << "line " << i;
  }
  EXPECT_EQ(value[0], 1234);
}

}  // namespace
}  // namespace ews::live
