// ModbusTcpServer with an AsyncRequestHandler: requests of several clients in flight at once,
// answers from other threads, in order per connection, and the cases where the answer has
// nobody to go to (client gone, server stopped) or never comes (timeout). Then EngineLinkHandler
// serving a Link on an engine thread.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "ews/kernel/clock.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/live/engine_link_handler.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "ews/live/tcp_link.hpp"
#include "live_test_support.hpp"

namespace ews::live {
namespace {

using namespace std::chrono_literals;
using link::ExceptionCode;
using link::Function;
using link::Status;
using test::RawClient;
using test::readValues;
using SteadyClock = std::chrono::steady_clock;

constexpr std::uint8_t kUnit = 1;

/// The value every handler here reads at `address`: checks that answers reach the right client.
std::uint16_t valueAt(std::size_t address) { return static_cast<std::uint16_t>(address * 3 + 1); }

void fillReadBuffer(const link::Request& request) {
  for (std::size_t i = 0; i < request.readBuffer.size(); ++i) request.readBuffer[i] = valueAt(request.address + i);
}

/// Keeps every request until the test answers it (or answers at once when told to).
class HeldHandler final : public AsyncRequestHandler {
 public:
  void handleAsync(std::uint8_t, const link::Request& request, Completion done) override {
    if (answerInline_) {
      fillReadBuffer(request);
      done(ExceptionCode::None);
      return;
    }
    const std::scoped_lock lock(mutex_);
    held_.push_back({&request, std::move(done)});
    changed_.notify_all();
  }

  /// Waits until `count` requests are held; false after `timeout`.
  bool waitForHeld(std::size_t count, std::chrono::milliseconds timeout = 2s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return held_.size() >= count; });
  }
  std::size_t heldCount() {
    const std::scoped_lock lock(mutex_);
    return held_.size();
  }
  /// Answers the oldest held request the way a device would: fills its buffer, then completes,
  /// from this (the test's) thread. The buffer must still be valid even if its client is gone.
  void answerOldest(ExceptionCode answer = ExceptionCode::None) {
    Held oldest;
    {
      const std::scoped_lock lock(mutex_);
      ASSERT_FALSE(held_.empty());
      oldest = std::move(held_.front());
      held_.pop_front();
    }
    fillReadBuffer(*oldest.request);
    oldest.done(answer);
  }
  void setAnswerInline(bool answerInline) { answerInline_ = answerInline; }

 private:
  struct Held {
    const link::Request* request = nullptr;
    Completion done;
  };
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Held> held_;
  std::atomic<bool> answerInline_{false};
};

/// Answers each request `delay` after it arrived, from its own worker thread: a slow device.
class DelayedHandler final : public AsyncRequestHandler {
 public:
  explicit DelayedHandler(std::chrono::milliseconds delay) : delay_(delay), worker_([this] { work(); }) {}
  ~DelayedHandler() override {
    {
      const std::scoped_lock lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
  }

  void handleAsync(std::uint8_t, const link::Request& request, Completion done) override {
    const std::scoped_lock lock(mutex_);
    queue_.push_back({SteadyClock::now() + delay_, &request, std::move(done)});
    changed_.notify_all();
  }

 private:
  struct Queued {
    SteadyClock::time_point due;
    const link::Request* request;
    Completion done;
  };
  void work() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (queue_.empty()) {
        changed_.wait(lock);
      } else if (SteadyClock::now() < queue_.front().due) {
        changed_.wait_until(lock, queue_.front().due);
      } else {
        Queued next = std::move(queue_.front());
        queue_.pop_front();
        fillReadBuffer(*next.request);
        next.done(ExceptionCode::None);
      }
    }
  }

  std::chrono::milliseconds delay_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Queued> queue_;
  bool stopping_ = false;
  std::thread worker_;  // last: started once the rest is constructed
};

TcpLinkConfig linkTo(const ModbusTcpServer& server, Duration timeout = seconds(2)) {
  return TcpLinkConfig{.host = "127.0.0.1", .port = server.port(), .responseTimeout = timeout};
}

/// Waits (bounded) until `condition` holds.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = 2s) {
  const auto deadline = SteadyClock::now() + timeout;
  while (!condition()) {
    if (SteadyClock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

TEST(AsyncServer, SlowRequestsOfSeveralClientsAreInFlightTogether) {
  constexpr auto kDelay = 300ms;
  constexpr int kClients = 6;
  DelayedHandler handler(kDelay);
  ModbusTcpServer server(ModbusTcpServerConfig{}, handler);
  server.start();

  std::array<link::Result, kClients> results{};
  std::array<std::array<std::uint16_t, 2>, kClients> values{};
  std::vector<std::thread> clients;
  const auto started = SteadyClock::now();
  for (std::size_t c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      TcpLink link(linkTo(server));
      const auto address = static_cast<std::uint16_t>(10 * c);
      results[c] = readValues(link, kUnit, Function::ReadHoldingRegisters, address, values[c]);
    });
  }
  for (auto& client : clients) client.join();
  const auto elapsed = SteadyClock::now() - started;

  for (std::size_t c = 0; c < kClients; ++c) {
    ASSERT_TRUE(results[c].ok()) << c << ": " << link::describe(results[c]);
    EXPECT_EQ(values[c][0], valueAt(10 * c)) << c;
    EXPECT_EQ(values[c][1], valueAt(10 * c + 1)) << c;
  }
  // About one handler delay in all, not kClients of them one after the other.
  EXPECT_GE(elapsed, kDelay);
  EXPECT_LT(elapsed, 2 * kDelay);
  EXPECT_EQ(server.requestsServed(), static_cast<std::uint64_t>(kClients));
}

TEST(AsyncServer, OtherClientsAreServedWhileOneWaits) {
  HeldHandler handler;
  ModbusTcpServer server(ModbusTcpServerConfig{}, handler);
  server.start();
  RawClient waiting(server.port());
  waiting.send(test::mbapRequest(7, kUnit, {3, 0, 5, 0, 1}));
  ASSERT_TRUE(handler.waitForHeld(1));

  handler.setAnswerInline(true);
  TcpLink other(linkTo(server));
  std::array<std::uint16_t, 1> value{};
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(readValues(other, kUnit, Function::ReadHoldingRegisters, 9, value).ok()) << i;
    EXPECT_EQ(value[0], valueAt(9));
  }
  EXPECT_TRUE(waiting.receive(1, 0ms).empty()) << "no answer before the handler gives it";

  handler.answerOldest();
  const std::uint16_t v = valueAt(5);
  EXPECT_EQ(waiting.receive(11, 2s), (std::vector<std::uint8_t>{0, 7, 0, 0, 0, 5, kUnit, 3, 2,
                                                                static_cast<std::uint8_t>(v >> 8),
                                                                static_cast<std::uint8_t>(v & 0xFF)}));
}

TEST(AsyncServer, PipelinedRequestsAreHandedOverOneAtATimeAndAnsweredInOrder) {
  HeldHandler handler;
  ModbusTcpServer server(ModbusTcpServerConfig{}, handler);
  server.start();
  RawClient raw(server.port());
  auto both = test::mbapRequest(0xA001, kUnit, {3, 0, 0, 0, 1});
  const auto second = test::mbapRequest(0xA002, kUnit, {6, 0, 4, 0x12, 0x34});
  both.insert(both.end(), second.begin(), second.end());
  raw.send(both);

  ASSERT_TRUE(handler.waitForHeld(1));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(handler.heldCount(), 1u) << "the second request waits for the first one's answer";
  handler.answerOldest();
  const std::vector<std::uint8_t> first{0xA0, 0x01, 0, 0, 0, 5, kUnit, 3, 2, 0, 1};
  EXPECT_EQ(raw.receive(11, 2s), first);

  ASSERT_TRUE(handler.waitForHeld(1));
  handler.answerOldest(ExceptionCode::ServerDeviceBusy);
  const std::vector<std::uint8_t> busy{0xA0, 0x02, 0, 0, 0, 3, kUnit, 0x86, 6};
  EXPECT_EQ(raw.receive(9, 2s), busy);
  EXPECT_EQ(server.requestsServed(), 2u);
}

TEST(AsyncServer, AClientResetWhileItsRequestWaitsIsDroppedAndTheLateAnswerIsHarmless) {
  HeldHandler handler;
  ModbusTcpServer server(ModbusTcpServerConfig{}, handler);
  server.start();
  RawClient gone(server.port());
  gone.send(test::mbapRequest(1, kUnit, {3, 0, 0, 0, 100}));
  ASSERT_TRUE(handler.waitForHeld(1));
  ASSERT_EQ(server.clientCount(), 1);

  gone.reset();
  // The connection is closed at once, without waiting for the answer ...
  ASSERT_TRUE(eventually([&] { return server.clientCount() == 0; }));
  // ... and the handler still writes into the request's buffers and completes it.
  handler.answerOldest();
  EXPECT_EQ(server.requestsServed(), 0u);

  handler.setAnswerInline(true);
  TcpLink next(linkTo(server));
  std::array<std::uint16_t, 1> value{};
  EXPECT_TRUE(readValues(next, kUnit, Function::ReadHoldingRegisters, 0, value).ok());
}

TEST(AsyncServer, AClientThatClosesWhileItsRequestWaitsIsClosedAfterTheAnswer) {
  HeldHandler handler;
  ModbusTcpServer server(ModbusTcpServerConfig{}, handler);
  server.start();
  {
    RawClient leaving(server.port());
    leaving.send(test::mbapRequest(1, kUnit, {3, 0, 0, 0, 1}));
    ASSERT_TRUE(handler.waitForHeld(1));
  }  // orderly close: it may still want its answer (a half-close), so the request goes on
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(server.clientCount(), 1);
  handler.answerOldest();
  EXPECT_TRUE(eventually([&] { return server.clientCount() == 0; }));
}

TEST(AsyncServer, StopWithRequestsWaitingIsPromptAndLateAnswersAreHarmless) {
  HeldHandler handler;
  ModbusTcpServer server(ModbusTcpServerConfig{}, handler);
  server.start();
  RawClient first(server.port());
  RawClient second(server.port());
  first.send(test::mbapRequest(1, kUnit, {3, 0, 0, 0, 1}));
  second.send(test::mbapRequest(2, kUnit, {3, 0, 1, 0, 1}));
  ASSERT_TRUE(handler.waitForHeld(2));
  handler.answerOldest();  // one answer may already be on its way when stop() comes

  const auto stopStart = SteadyClock::now();
  server.stop();
  EXPECT_LT(SteadyClock::now() - stopStart, 500ms);
  EXPECT_TRUE(second.closedByPeer(1s));
  handler.answerOldest();  // after stop: nobody to answer, nothing breaks

  server.start();  // a new run is not disturbed by answers meant for the previous one
  handler.setAnswerInline(true);
  TcpLink link(linkTo(server));
  std::array<std::uint16_t, 1> value{};
  const link::Result again = readValues(link, kUnit, Function::ReadHoldingRegisters, 3, value);
  ASSERT_TRUE(again.ok()) << link::describe(again);
  EXPECT_EQ(value[0], valueAt(3));
}

TEST(AsyncServer, ARequestNeverAnsweredTimesOutAndTheConnectionGoesOn) {
  HeldHandler handler;
  ModbusTcpServer server(ModbusTcpServerConfig{.answerTimeout = milliseconds(200)}, handler);
  server.start();
  TcpLink link(linkTo(server));
  std::array<std::uint16_t, 4> values{};
  const link::Result silent = readValues(link, kUnit, Function::ReadHoldingRegisters, 0, values);
  EXPECT_EQ(silent.status, Status::Exception);
  EXPECT_EQ(silent.exception, ExceptionCode::GatewayTargetFailedToRespond);
  EXPECT_GE(silent.duration, milliseconds(200));
  EXPECT_LT(silent.duration, milliseconds(1000));
  EXPECT_TRUE(link.connected());

  handler.answerOldest();  // too late: dropped, its buffers still valid meanwhile
  handler.setAnswerInline(true);
  const link::Result next = readValues(link, kUnit, Function::ReadHoldingRegisters, 1, values);
  ASSERT_TRUE(next.ok()) << link::describe(next);
  EXPECT_EQ(values[0], valueAt(1));
  EXPECT_EQ(server.requestsServed(), 2u);
}

/// Answers from inside handleAsync, or throws (before or after answering).
class InlineOrThrowingHandler final : public AsyncRequestHandler {
 public:
  enum class Mode { Answer, Throw, AnswerThenThrow };
  void handleAsync(std::uint8_t, const link::Request& request, Completion done) override {
    if (mode == Mode::Throw) throw std::runtime_error("handler failure on purpose");
    fillReadBuffer(request);
    done(ExceptionCode::None);
    done(ExceptionCode::IllegalDataAddress);  // a second call is ignored
    if (mode == Mode::AnswerThenThrow) throw std::runtime_error("failure after answering");
  }
  Mode mode = Mode::Answer;
};

TEST(AsyncServer, InlineAnswersAndThrowingHandlers) {
  InlineOrThrowingHandler handler;
  ModbusTcpServer server(ModbusTcpServerConfig{}, handler);
  server.start();
  TcpLink link(linkTo(server));
  std::array<std::uint16_t, 2> values{};
  ASSERT_TRUE(readValues(link, kUnit, Function::ReadHoldingRegisters, 4, values).ok());
  EXPECT_EQ(values[1], valueAt(5));

  handler.mode = InlineOrThrowingHandler::Mode::Throw;
  EXPECT_EQ(readValues(link, kUnit, Function::ReadHoldingRegisters, 4, values).exception,
            ExceptionCode::ServerDeviceFailure);
  handler.mode = InlineOrThrowingHandler::Mode::AnswerThenThrow;
  EXPECT_TRUE(readValues(link, kUnit, Function::ReadHoldingRegisters, 4, values).ok()) << "the answer given stands";
}

/// A line that answers reads with valueAt and records the threads it is called on.
class RecordingLine final : public link::Link {
 public:
  link::Result transact(const link::Request& request) override {
    const std::scoped_lock lock(mutex_);
    threads_.push_back(std::this_thread::get_id());
    if (outcome_.status != Status::Ok) return outcome_;
    fillReadBuffer(request);
    return {};
  }
  void setOutcome(link::Result outcome) {
    const std::scoped_lock lock(mutex_);
    outcome_ = outcome;
  }
  std::string describe() const override { return "recording line"; }
  std::vector<std::thread::id> threads() const {
    const std::scoped_lock lock(mutex_);
    return threads_;
  }

 private:
  mutable std::mutex mutex_;
  link::Result outcome_;
  std::vector<std::thread::id> threads_;
};

/// An engine on the wall clock in its own thread, its line served over TCP.
class EngineLinkHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine.setClock(std::make_unique<WallClock>(1.0));
    runner = std::thread([this] { engine.runUntil(engine.now() + hours(1)); });
    server.start();
  }
  void TearDown() override { stopEngine(); }
  void stopEngine() {
    engine.requestStop();
    if (runner.joinable()) runner.join();
  }

  Engine engine;
  RecordingLine line;
  EngineLinkHandler handler{engine, line};
  ModbusTcpServer server{ModbusTcpServerConfig{.answerTimeout = milliseconds(300)}, handler};
  std::thread runner;
};

TEST_F(EngineLinkHandlerTest, ClientsAreServedThroughTheLineOnTheEngineThread) {
  constexpr std::size_t kClients = 8;
  constexpr int kRequests = 50;
  std::array<int, kClients> failures{};
  std::vector<std::thread> clients;
  for (std::size_t c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      TcpLink link(linkTo(server));
      std::array<std::uint16_t, 3> values{};
      const auto address = static_cast<std::uint16_t>(100 * c);
      for (int i = 0; i < kRequests; ++i) {
        if (!readValues(link, kUnit, Function::ReadHoldingRegisters, address, values).ok() ||
            values[2] != valueAt(address + 2u)) {
          ++failures[c];
        }
      }
    });
  }
  for (auto& client : clients) client.join();
  for (std::size_t c = 0; c < kClients; ++c) EXPECT_EQ(failures[c], 0) << c;

  const auto threads = line.threads();
  ASSERT_EQ(threads.size(), kClients * kRequests);
  for (const auto id : threads) ASSERT_EQ(id, runner.get_id()) << "the line is only used by the engine thread";
}

TEST_F(EngineLinkHandlerTest, LineOutcomesBecomeGatewayAnswers) {
  TcpLink link(linkTo(server));
  std::array<std::uint16_t, 1> value{};
  line.setOutcome({.status = Status::Timeout});
  EXPECT_EQ(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).exception,
            ExceptionCode::GatewayTargetFailedToRespond);
  line.setOutcome({.status = Status::Exception, .exception = ExceptionCode::IllegalDataAddress});
  EXPECT_EQ(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).exception,
            ExceptionCode::IllegalDataAddress);
}

TEST_F(EngineLinkHandlerTest, RequestsAfterTheRunEndedTimeOut) {
  TcpLink link(linkTo(server));
  std::array<std::uint16_t, 1> value{};
  // Answered: the run has started (a stop requested before runUntil begins would be forgotten).
  ASSERT_TRUE(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).ok());
  stopEngine();
  const link::Result late = readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value);
  EXPECT_EQ(late.exception, ExceptionCode::GatewayTargetFailedToRespond);
  EXPECT_GE(late.duration, milliseconds(300));
  server.stop();  // the commands still queued in the engine complete nothing from now on
}

}  // namespace
}  // namespace ews::live
