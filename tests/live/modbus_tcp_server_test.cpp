// TcpLink against ModbusTcpServer on 127.0.0.1, port chosen by the kernel: every function, the
// typed errors, reconnection, concurrency, and clients that misbehave at the socket level.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <numeric>
#include <thread>
#include <vector>

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
using test::RegisterBank;
using test::Table;
using test::readValues;
using test::writeValues;
using SteadyClock = std::chrono::steady_clock;

constexpr std::uint8_t kUnit = 1;
constexpr std::uint8_t kOtherUnit = 3;
constexpr std::uint8_t kAbsentUnit = 9;

class TcpLinkAgainstServer : public ::testing::Test {
 protected:
  void SetUp() override { server.start(); }

  TcpLinkConfig linkConfig(Duration timeout = milliseconds(300)) const {
    return TcpLinkConfig{.host = "127.0.0.1", .port = server.port(), .responseTimeout = timeout};
  }

  RegisterBank bank{kUnit, kOtherUnit};
  ModbusTcpServer server{ModbusTcpServerConfig{.partialFrameTimeout = milliseconds(300)}, bank};
};

TEST_F(TcpLinkAgainstServer, ListensOnAKernelChosenPort) {
  EXPECT_TRUE(server.running());
  EXPECT_NE(server.port(), 0);
  TcpLink link(linkConfig());
  EXPECT_EQ(link.describe(), "tcp 127.0.0.1:" + std::to_string(server.port()));
  EXPECT_FALSE(link.connected());  // lazily connected
}

TEST_F(TcpLinkAgainstServer, RegistersRoundTrip) {
  TcpLink link(linkConfig());
  const std::array<std::uint16_t, 3> written{1, 0xBEEF, 65535};
  ASSERT_TRUE(writeValues(link, kUnit, Function::WriteMultipleRegisters, 10, written).ok());
  EXPECT_EQ(bank.get(kUnit, Table::HoldingRegisters, 11), 0xBEEF);
  const std::array<std::uint16_t, 1> single{4242};
  ASSERT_TRUE(writeValues(link, kUnit, Function::WriteSingleRegister, 13, single).ok());

  std::array<std::uint16_t, 4> holding{};
  const link::Result read = readValues(link, kUnit, Function::ReadHoldingRegisters, 10, holding);
  ASSERT_TRUE(read.ok()) << link::describe(read);
  EXPECT_EQ(holding, (std::array<std::uint16_t, 4>{1, 0xBEEF, 65535, 4242}));
  EXPECT_GT(read.duration, Duration::zero());
  EXPECT_TRUE(link.connected());

  bank.set(kUnit, Table::InputRegisters, 7, 230);
  bank.set(kOtherUnit, Table::InputRegisters, 7, 231);
  std::array<std::uint16_t, 1> input{};
  ASSERT_TRUE(readValues(link, kUnit, Function::ReadInputRegisters, 7, input).ok());
  EXPECT_EQ(input[0], 230);
  ASSERT_TRUE(readValues(link, kOtherUnit, Function::ReadInputRegisters, 7, input).ok());
  EXPECT_EQ(input[0], 231);  // the unit id selects the device
}

TEST_F(TcpLinkAgainstServer, BitsRoundTripAsOneValuePerBit) {
  TcpLink link(linkConfig());
  std::vector<std::uint16_t> pattern(37);
  for (std::size_t i = 0; i < pattern.size(); ++i) pattern[i] = (i * 7 % 3 == 0) ? 1 : 0;
  ASSERT_TRUE(writeValues(link, kUnit, Function::WriteMultipleCoils, 3, pattern).ok());
  std::vector<std::uint16_t> coils(pattern.size());
  ASSERT_TRUE(readValues(link, kUnit, Function::ReadCoils, 3, coils).ok());
  EXPECT_EQ(coils, pattern);

  const std::array<std::uint16_t, 1> on{1};
  ASSERT_TRUE(writeValues(link, kUnit, Function::WriteSingleCoil, 100, on).ok());
  EXPECT_EQ(bank.get(kUnit, Table::Coils, 100), 1);
  const std::array<std::uint16_t, 1> off{0};
  ASSERT_TRUE(writeValues(link, kUnit, Function::WriteSingleCoil, 100, off).ok());
  EXPECT_EQ(bank.get(kUnit, Table::Coils, 100), 0);

  bank.set(kUnit, Table::DiscreteInputs, 5, 1);
  bank.set(kUnit, Table::DiscreteInputs, 7, 1);
  std::array<std::uint16_t, 4> inputs{};
  ASSERT_TRUE(readValues(link, kUnit, Function::ReadDiscreteInputs, 4, inputs).ok());
  EXPECT_EQ(inputs, (std::array<std::uint16_t, 4>{0, 1, 0, 1}));
}

TEST_F(TcpLinkAgainstServer, LargestRequestsRoundTrip) {
  TcpLink link(linkConfig());
  std::vector<std::uint16_t> registers(link::kMaxWriteRegisters);
  std::iota(registers.begin(), registers.end(), std::uint16_t{1000});
  ASSERT_TRUE(writeValues(link, kUnit, Function::WriteMultipleRegisters, 0, registers).ok());
  std::vector<std::uint16_t> readBack(link::kMaxReadRegisters);
  ASSERT_TRUE(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, readBack).ok());
  EXPECT_TRUE(std::equal(registers.begin(), registers.end(), readBack.begin()));

  std::vector<std::uint16_t> bits(link::kMaxWriteBits);
  for (std::size_t i = 0; i < bits.size(); ++i) bits[i] = (i % 5 == 1) ? 1 : 0;
  ASSERT_TRUE(writeValues(link, kUnit, Function::WriteMultipleCoils, 0, bits).ok());
  std::vector<std::uint16_t> bitsBack(link::kMaxReadBits);
  ASSERT_TRUE(readValues(link, kUnit, Function::ReadCoils, 0, bitsBack).ok());
  EXPECT_TRUE(std::equal(bits.begin(), bits.end(), bitsBack.begin()));
}

TEST_F(TcpLinkAgainstServer, ExceptionsAreTypedAndKeepTheConnection) {
  TcpLink link(linkConfig());
  std::array<std::uint16_t, 10> values{};
  const link::Result pastTheEnd = readValues(link, kUnit, Function::ReadHoldingRegisters, 4090, values);
  EXPECT_EQ(pastTheEnd.status, Status::Exception);
  EXPECT_EQ(pastTheEnd.exception, ExceptionCode::IllegalDataAddress);
  EXPECT_TRUE(link.connected());

  // An unknown unit: the handler decides, here as a gateway whose device is silent.
  const link::Result absent = readValues(link, kAbsentUnit, Function::ReadHoldingRegisters, 0, values);
  EXPECT_EQ(absent.status, Status::Exception);
  EXPECT_EQ(absent.exception, ExceptionCode::GatewayTargetFailedToRespond);
  EXPECT_EQ(bank.lastUnit(), kAbsentUnit);

  bank.setThrows(true);
  const link::Result failed = readValues(link, kUnit, Function::ReadHoldingRegisters, 0, values);
  EXPECT_EQ(failed.exception, ExceptionCode::ServerDeviceFailure);
  bank.setThrows(false);
  EXPECT_TRUE(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, values).ok());
}

TEST_F(TcpLinkAgainstServer, UnitZeroReachesTheHandlerUnchanged) {
  TcpLink link(linkConfig());
  std::array<std::uint16_t, 1> value{};
  const link::Result result = readValues(link, 0, Function::ReadHoldingRegisters, 0, value);
  EXPECT_EQ(result.exception, ExceptionCode::GatewayTargetFailedToRespond);
  EXPECT_EQ(bank.lastUnit(), 0);

  RawClient raw(server.port());  // 255 is beyond a Link's unit range: send it raw
  raw.send(test::mbapRequest(1, 255, {3, 0, 0, 0, 1}));
  const auto response = raw.receive(9, 2s);
  ASSERT_EQ(response.size(), 9u);
  EXPECT_EQ(response[6], 255);
  EXPECT_EQ(response[7], 0x83);
  EXPECT_EQ(bank.lastUnit(), 255);
}

TEST_F(TcpLinkAgainstServer, InvalidRequestsDoNoIo) {
  TcpLink link(linkConfig());
  std::array<std::uint16_t, 2> values{};
  link::Request request{.unitId = kUnit, .function = Function::ReadHoldingRegisters, .address = 0, .count = 3,
                        .writeValues = {}, .readBuffer = values};  // buffer too small
  EXPECT_EQ(link.transact(request).status, Status::InvalidRequest);
  EXPECT_FALSE(link.connected());
  EXPECT_EQ(server.requestsServed(), 0u);
}

TEST_F(TcpLinkAgainstServer, RefusedConnectionIsDisconnected) {
  TcpLink link(TcpLinkConfig{.host = "127.0.0.1", .port = test::unusedPort()});
  std::array<std::uint16_t, 1> value{};
  EXPECT_EQ(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).status, Status::Disconnected);
  EXPECT_FALSE(link.connected());
}

TEST_F(TcpLinkAgainstServer, ReconnectsAfterTheServerRestartsOnTheSamePort) {
  TcpLink link(linkConfig());
  bank.set(kUnit, Table::HoldingRegisters, 0, 17);
  std::array<std::uint16_t, 1> value{};
  ASSERT_TRUE(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).ok());

  const std::uint16_t port = server.port();
  const auto stopStart = SteadyClock::now();
  server.stop();
  EXPECT_LT(SteadyClock::now() - stopStart, 500ms) << "stop() must not wait for a timeout";
  EXPECT_FALSE(server.running());
  EXPECT_EQ(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).status, Status::Disconnected);
  EXPECT_FALSE(link.connected());
  EXPECT_EQ(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).status, Status::Disconnected);

  ModbusTcpServer restarted(ModbusTcpServerConfig{.port = port}, bank);
  restarted.start();
  ASSERT_EQ(restarted.port(), port);
  value[0] = 0;
  const link::Result again = readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value);
  ASSERT_TRUE(again.ok()) << link::describe(again);
  EXPECT_EQ(value[0], 17);
}

TEST_F(TcpLinkAgainstServer, SlowAnswerIsATimeoutAndTheNextCallReconnects) {
  TcpLink link(linkConfig(milliseconds(100)));
  std::array<std::uint16_t, 1> value{};
  ASSERT_TRUE(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).ok());
  const std::uint64_t handledBefore = bank.handled();

  bank.setDelay(400ms);
  const link::Result slow = readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value);
  EXPECT_EQ(slow.status, Status::Timeout);
  EXPECT_GE(slow.duration, milliseconds(100));
  EXPECT_LT(slow.duration, milliseconds(400));
  EXPECT_FALSE(link.connected()) << "a late answer must not be taken for the next one";
  bank.setDelay(0ms);

  // Wait (bounded) until the server is done with the slow request, then the link reconnects.
  const auto deadline = SteadyClock::now() + 2s;
  while (bank.handled() == handledBefore && SteadyClock::now() < deadline) std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(450ms);
  const link::Result next = readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value);
  EXPECT_TRUE(next.ok()) << link::describe(next);
}

TEST_F(TcpLinkAgainstServer, ServesManyClientsAtOnce) {
  constexpr int kClients = 6;
  constexpr int kRequestsPerClient = 200;
  std::vector<std::thread> clients;
  std::array<int, kClients> failures{};
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      TcpLink link(linkConfig(milliseconds(1000)));
      const auto address = static_cast<std::uint16_t>(100 + c);
      for (int i = 0; i < kRequestsPerClient; ++i) {
        const std::array<std::uint16_t, 1> written{static_cast<std::uint16_t>(i)};
        std::array<std::uint16_t, 1> readBack{};
        if (!writeValues(link, kUnit, Function::WriteSingleRegister, address, written).ok() ||
            !readValues(link, kUnit, Function::ReadHoldingRegisters, address, readBack).ok() ||
            readBack[0] != written[0]) {
          ++failures[static_cast<std::size_t>(c)];
        }
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(std::accumulate(failures.begin(), failures.end(), 0), 0);
  EXPECT_EQ(server.requestsServed(), static_cast<std::uint64_t>(2 * kClients * kRequestsPerClient));
}

TEST(ModbusTcpServer, AClientStalledMidFrameDoesNotDelayOthers) {
  RegisterBank bank{kUnit};
  ModbusTcpServer server(ModbusTcpServerConfig{.partialFrameTimeout = seconds(1)}, bank);
  server.start();
  RawClient stalled(server.port());
  const auto request = test::mbapRequest(1, kUnit, {3, 0, 0, 0, 1});
  stalled.send(std::span(request).first(3));  // half an MBAP header, then silence
  const auto stallStart = SteadyClock::now();

  TcpLink link(TcpLinkConfig{.host = "127.0.0.1", .port = server.port()});
  std::array<std::uint16_t, 1> value{};
  for (int i = 0; i < 50; ++i) {
    const link::Result result = readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value);
    ASSERT_TRUE(result.ok()) << i << ": " << link::describe(result);
    ASSERT_LT(result.duration, milliseconds(100)) << i;
  }
  // All served while the partial frame was pending: the stalled client is still connected.
  EXPECT_EQ(server.clientCount(), 2);
  EXPECT_FALSE(stalled.closedByPeer(0ms));

  // It is dropped once its frame is overdue.
  EXPECT_TRUE(stalled.closedByPeer(5s));
  EXPECT_GE(SteadyClock::now() - stallStart, 900ms);
  EXPECT_TRUE(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).ok());
}

TEST_F(TcpLinkAgainstServer, AnIdleClientDoesNotDelayOthersAndIsKept) {
  RawClient idle(server.port());
  TcpLink link(linkConfig());
  std::array<std::uint16_t, 1> value{};
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).ok());
  std::this_thread::sleep_for(400ms);  // longer than the partial-frame timeout
  EXPECT_EQ(server.clientCount(), 2);
  EXPECT_FALSE(idle.closedByPeer(0ms));
  idle.send(test::mbapRequest(5, kUnit, {3, 0, 0, 0, 1}));
  EXPECT_EQ(idle.receive(11, 2s).size(), 11u);
}

TEST_F(TcpLinkAgainstServer, PipelinedRequestsAreAnsweredInOrder) {
  RawClient raw(server.port());
  bank.set(kUnit, Table::HoldingRegisters, 0, 0x1111);
  bank.set(kUnit, Table::HoldingRegisters, 1, 0x2222);
  auto both = test::mbapRequest(0xA001, kUnit, {3, 0, 0, 0, 1});
  const auto second = test::mbapRequest(0xA002, kUnit, {3, 0, 1, 0, 1});
  both.insert(both.end(), second.begin(), second.end());
  raw.send(both);
  const auto responses = raw.receive(22, 2s);
  ASSERT_EQ(responses.size(), 22u);
  const std::vector<std::uint8_t> expected{0xA0, 0x01, 0, 0, 0, 5, kUnit, 3, 2, 0x11, 0x11,
                                           0xA0, 0x02, 0, 0, 0, 5, kUnit, 3, 2, 0x22, 0x22};
  EXPECT_EQ(responses, expected);
}

TEST_F(TcpLinkAgainstServer, MalformedRequestsGetExceptionsAndGarbageIsDisconnected) {
  RawClient raw(server.port());
  raw.send(test::mbapRequest(1, kUnit, {0x2B, 0x0E, 1, 0}));  // read device identification: unsupported
  EXPECT_EQ(raw.receive(9, 2s), (std::vector<std::uint8_t>{0, 1, 0, 0, 0, 3, kUnit, 0xAB, 1}));
  raw.send(test::mbapRequest(2, kUnit, {3, 0, 0, 0, 0}));  // zero registers
  EXPECT_EQ(raw.receive(9, 2s), (std::vector<std::uint8_t>{0, 2, 0, 0, 0, 3, kUnit, 0x83, 3}));
  EXPECT_EQ(bank.handled(), 0u) << "the handler only sees valid requests";

  RawClient garbage(server.port());
  const std::vector<std::uint8_t> notModbus{'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P'};
  garbage.send(notModbus);
  EXPECT_TRUE(garbage.closedByPeer(2s));
}

/// One read of holding register 0 of kUnit over `client`, with transaction id `id`.
bool answered(RawClient& client, std::uint16_t id) {
  client.send(test::mbapRequest(id, kUnit, {3, 0, 0, 0, 1}));
  return client.receive(11, 2s).size() == 11u;
}

TEST(ModbusTcpServer, AFullTableRefusesNewcomersOnlyWhileEveryConnectionIsBusy) {
  RegisterBank bank{kUnit};
  ModbusTcpServer server(ModbusTcpServerConfig{.partialFrameTimeout = seconds(5), .maxClients = 1}, bank);
  server.start();
  RawClient busy(server.port());
  ASSERT_TRUE(answered(busy, 1));  // accepted and served
  const auto request = test::mbapRequest(2, kUnit, {3, 0, 0, 0, 1});
  busy.send(std::span(request).first(4));  // a frame under way: not idle
  std::this_thread::sleep_for(50ms);       // the server has read it
  RawClient second(server.port());
  EXPECT_TRUE(second.closedByPeer(2s));
  busy.send(std::span(request).subspan(4));
  EXPECT_EQ(busy.receive(11, 2s).size(), 11u);
}

TEST(ModbusTcpServer, TheLongestIdleConnectionGivesWayWhenTheTableIsFull) {
  RegisterBank bank{kUnit};
  ModbusTcpServer server(ModbusTcpServerConfig{.maxClients = 2, .silenceGrace = milliseconds(5)}, bank);
  server.start();
  RawClient oldest(server.port());
  ASSERT_TRUE(answered(oldest, 1));
  std::this_thread::sleep_for(20ms);
  RawClient recent(server.port());
  ASSERT_TRUE(answered(recent, 2));
  RawClient newcomer(server.port());
  ASSERT_TRUE(answered(newcomer, 3));
  EXPECT_TRUE(oldest.closedByPeer(2s));
  EXPECT_TRUE(answered(recent, 4));
  EXPECT_EQ(server.clientCount(), 2);
}

TEST(ModbusTcpServer, AConnectionThatNeverSpokeGivesWayBeforeOneThatDid) {
  RegisterBank bank{kUnit};
  ModbusTcpServer server(ModbusTcpServerConfig{.maxClients = 2, .silenceGrace = milliseconds(5)}, bank);
  server.start();
  RawClient master(server.port());
  ASSERT_TRUE(answered(master, 1));  // spoke first, and has been idle the longest since
  std::this_thread::sleep_for(20ms);
  RawClient silent(server.port());
  std::this_thread::sleep_for(20ms);
  RawClient newcomer(server.port());
  EXPECT_TRUE(silent.closedByPeer(2s));
  EXPECT_TRUE(answered(master, 2));
  EXPECT_TRUE(answered(newcomer, 3));
}

TEST(ModbusTcpServer, ConnectionsBeyondThePerAddressLimitRecycleThatAddresssOwnSlots) {
  RegisterBank bank{kUnit};
  ModbusTcpServer server(
      ModbusTcpServerConfig{.maxClients = 32, .maxClientsPerAddress = 3, .silenceGrace = milliseconds(5)}, bank);
  server.start();
  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < 5; ++i) {
    clients.push_back(std::make_unique<RawClient>(server.port()));
    ASSERT_TRUE(answered(*clients.back(), static_cast<std::uint16_t>(i)));
    std::this_thread::sleep_for(10ms);
  }
  // 127.0.0.1 holds 3 slots of 32: the two oldest gave way to the fourth and the fifth.
  EXPECT_TRUE(clients[0]->closedByPeer(2s));
  EXPECT_TRUE(clients[1]->closedByPeer(2s));
  for (int i = 2; i < 5; ++i) EXPECT_TRUE(answered(*clients[static_cast<std::size_t>(i)], 10)) << i;
  EXPECT_EQ(server.clientCount(), 3);
}

TEST(ModbusTcpServer, AnIdleConnectionIsClosedAfterTheIdleTimeoutAndAnActiveOneIsKept) {
  RegisterBank bank{kUnit};
  ModbusTcpServer server(ModbusTcpServerConfig{.idleTimeout = milliseconds(300)}, bank);
  server.start();
  const auto start = SteadyClock::now();
  RawClient idle(server.port());
  RawClient active(server.port());
  for (std::uint16_t id = 0; SteadyClock::now() - start < 600ms; ++id) {
    ASSERT_TRUE(answered(active, id));
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(idle.closedByPeer(0ms));
  EXPECT_GE(SteadyClock::now() - start, 300ms);
  EXPECT_TRUE(answered(active, 999));
  EXPECT_EQ(server.clientCount(), 1);
}

TEST(ModbusTcpServer, AMasterStaysServedWhileHundredsOfIdleConnectionsAreOpened) {
  // The slave server's limits (32 connections, 8 per address) with a grace of 50 ms. Everything
  // here comes from 127.0.0.1, the master too, so it competes with the flood for its own
  // address's slots; polling every 2 ms, it is never silent long enough to give way.
  RegisterBank bank{kUnit};
  ModbusTcpServer server(ModbusTcpServerConfig{.silenceGrace = milliseconds(50)}, bank);
  server.start();
  RawClient master(server.port());
  ASSERT_TRUE(answered(master, 0));
  std::atomic<bool> flooding{true};
  std::atomic<int> masterFailures{0};
  std::atomic<int> masterRequests{0};
  std::thread polling([&] {
    for (std::uint16_t id = 1; flooding.load(); ++id) {
      if (!answered(master, id)) ++masterFailures;
      ++masterRequests;
      std::this_thread::sleep_for(2ms);
    }
  });
  std::vector<std::unique_ptr<RawClient>> flood;
  for (int i = 0; i < 400; ++i) {
    flood.push_back(std::make_unique<RawClient>(server.port()));
    if (i % 50 == 49) std::this_thread::sleep_for(60ms);  // the older ones silent past the grace
  }
  std::this_thread::sleep_for(200ms);
  flooding = false;
  polling.join();
  EXPECT_EQ(masterFailures.load(), 0);
  EXPECT_GT(masterRequests.load(), 10);
  EXPECT_TRUE(answered(master, 60000));
  EXPECT_LE(server.clientCount(), 32);
  int stillOpen = 0;
  for (auto& client : flood) stillOpen += client->closedByPeer(0ms) ? 0 : 1;
  EXPECT_LE(stillOpen, 31);  // the master holds a slot; the flood recycled the rest
  // A new master gets in at once: a silent connection gives way.
  RawClient second(server.port());
  EXPECT_TRUE(answered(second, 1));
}

TEST(ModbusTcpServer, RestartsOnTheSameObjectAndStopIsIdempotent) {
  RegisterBank bank{kUnit};
  ModbusTcpServer server(ModbusTcpServerConfig{}, bank);
  server.stop();  // not started: nothing to do
  server.start();
  server.start();  // running: nothing to do
  RawClient idle(server.port());
  server.stop();
  server.stop();
  EXPECT_FALSE(server.running());
  EXPECT_TRUE(idle.closedByPeer(1s)) << "stop() closes the connections";
  server.start();
  TcpLink link(TcpLinkConfig{.host = "127.0.0.1", .port = server.port()});
  std::array<std::uint16_t, 1> value{};
  EXPECT_TRUE(readValues(link, kUnit, Function::ReadHoldingRegisters, 0, value).ok());
}

TEST(ModbusTcpServer, ATakenPortThrowsFromStart) {
  RegisterBank bank{kUnit};
  ModbusTcpServer first(ModbusTcpServerConfig{}, bank);
  first.start();
  ModbusTcpServer second(ModbusTcpServerConfig{.port = first.port()}, bank);
  EXPECT_THROW(second.start(), std::system_error);
  EXPECT_FALSE(second.running());
}

}  // namespace
}  // namespace ews::live
