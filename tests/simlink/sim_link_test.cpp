// SimLink as a Link: values, device exceptions, writes, invalid requests, unknown units, one
// transaction at a time per line, parallel lines, the instant a device is served, statistics.
#include "ews/simlink/sim_link.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "register_device.hpp"
#include "simlink_test_support.hpp"

namespace ews::simlink::test {
namespace {

using link::ExceptionCode;
using link::Function;
using link::Status;

constexpr std::int64_t kPoll2 = pollMicros(2, 19200, 5'000);  // 2 registers, 19200 8E1, 5 ms

class SimLinkTest : public ::testing::Test {
 protected:
  ManualClock clock;
  std::unique_ptr<SimLink> link = makeLink(clock);
  RegisterDevice meter{milliseconds(5)};
  RegisterDevice station{milliseconds(5)};
  void SetUp() override {
    link->attach(1, meter);
    link->attach(2, station);
  }
};

TEST_F(SimLinkTest, ReadsTheDeviceRegisters) {
  ReadRegisters read(1, 3, 10);
  const link::Result result = link->transact(read.request);
  ASSERT_EQ(result.status, Status::Ok);
  EXPECT_EQ(result.exception, ExceptionCode::None);
  EXPECT_EQ(read.buffer[0], 1010);
  EXPECT_EQ(read.buffer[2], 1012);
}

TEST_F(SimLinkTest, DescribesItsLine) {
  EXPECT_EQ(link->describe(), "sim RS485 19200 8E1 'Local'");
  ManualClock other;
  EXPECT_EQ(makeLink(other, {.baud = 9600, .parity = Parity::None, .stopBits = 2}, 1, "10.0.0.7")->describe(),
            "sim RS485 9600 8N2 '10.0.0.7'");
}

TEST_F(SimLinkTest, AttachRefusesBroadcastOutOfRangeAndDuplicateIds) {
  RegisterDevice extra;
  EXPECT_THROW(link->attach(0, extra), std::invalid_argument);
  EXPECT_THROW(link->attach(248, extra), std::invalid_argument);
  EXPECT_THROW(link->attach(1, extra), std::invalid_argument);
  link->attach(247, extra);
}

TEST_F(SimLinkTest, ConstructionRefusesBadSettings) {
  ManualClock other;
  EXPECT_THROW(makeLink(other, {.baud = 100}), std::invalid_argument);
  EXPECT_THROW(SimLink("x", {}, {}, RngStream(1, "x")), std::invalid_argument);  // no clock
  EXPECT_THROW(SimLink("x", {}, other.source(), RngStream(1, "x"), microseconds(-1)), std::invalid_argument);
}

TEST_F(SimLinkTest, InvalidRequestSendsNothingAndTakesNoTime) {
  ReadRegisters read(1, 0);  // count 0
  EXPECT_EQ(link->transact(read.request).status, Status::InvalidRequest);
  std::array<std::uint16_t, 1> small{};
  link::Request tooSmall{.unitId = 1, .count = 2, .writeValues = {}, .readBuffer = small};
  const link::Result result = link->transact(tooSmall);
  EXPECT_EQ(result.status, Status::InvalidRequest);
  EXPECT_EQ(result.duration, Duration{0});
  link::Request badUnit = ReadRegisters(248).request;
  std::array<std::uint16_t, 2> buffer{};
  badUnit.readBuffer = buffer;
  EXPECT_EQ(link->transact(badUnit).status, Status::InvalidRequest);
  EXPECT_TRUE(meter.serveTimes.empty());
  EXPECT_EQ(link->lineFreeAt(), Time{});  // the line was never taken
  EXPECT_EQ(link->stats().count(Status::InvalidRequest), 3u);
}

TEST_F(SimLinkTest, UnknownUnitTimesOutAfterTheRequestFrameAndTheTimeout) {
  ReadRegisters read(9);
  const link::Result result = link->transact(read.request);
  EXPECT_EQ(result.status, Status::Timeout);
  const std::int64_t expected = frameMicros(8, 19200) + 300'000;
  EXPECT_EQ(result.duration.count(), expected);
  EXPECT_EQ(link->lineFreeAt(), kT0 + microseconds(expected));
  // Broadcast (unit 0) is not simulated: nothing answers it either.
  clock.now = link->lineFreeAt();
  ReadRegisters broadcast(0);
  EXPECT_EQ(link->transact(broadcast.request).status, Status::Timeout);
}

TEST_F(SimLinkTest, DeviceExceptionComesBackWithAnExceptionFrameTime) {
  ReadRegisters read(1, 10, 250);  // registers 250..259 of a 256-register device
  const link::Result result = link->transact(read.request);
  EXPECT_EQ(result.status, Status::Exception);
  EXPECT_EQ(result.exception, ExceptionCode::IllegalDataAddress);
  EXPECT_EQ(link::describe(result), "exception 2 (illegal data address)");
  EXPECT_EQ(result.duration.count(), frameMicros(8, 19200) + 2 * silenceMicros(19200) + 5'000 + frameMicros(5, 19200));
}

TEST_F(SimLinkTest, WritesReachTheDeviceWithTheirFrameSizes) {
  std::array<std::uint16_t, 10> values{};
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::uint16_t>(7 * i);
  const link::Request write{
      .unitId = 2, .function = Function::WriteMultipleRegisters, .address = 20, .count = 10, .writeValues = values, .readBuffer = {}};
  const link::Result result = link->transact(write);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(station.registers[29], 63);
  EXPECT_EQ(result.duration.count(),
            frameMicros(9 + 20, 19200) + 2 * silenceMicros(19200) + 5'000 + frameMicros(8, 19200));

  clock.now = link->lineFreeAt();
  const std::array<std::uint16_t, 1> on{1};
  const link::Request coil{.unitId = 2, .function = Function::WriteSingleCoil, .address = 3, .count = 1, .writeValues = on, .readBuffer = {}};
  const link::Result coilResult = link->transact(coil);
  ASSERT_TRUE(coilResult.ok());
  EXPECT_EQ(station.bits[3], 1);
  EXPECT_EQ(coilResult.duration.count(), 2 * frameMicros(8, 19200) + 2 * silenceMicros(19200) + 5'000);
}

TEST_F(SimLinkTest, BitReadsPackEightBitsAByte) {
  std::array<std::uint16_t, 20> bits{};
  const link::Request read{.unitId = 1, .function = Function::ReadCoils, .count = 20, .writeValues = {}, .readBuffer = bits};
  const link::Result result = link->transact(read);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.duration.count(),
            frameMicros(8, 19200) + 2 * silenceMicros(19200) + 5'000 + frameMicros(5 + 3, 19200));
}

TEST_F(SimLinkTest, OneTransactionAtATimePerLine) {
  ReadRegisters first(1);
  ReadRegisters second(2, 40);
  const link::Result a = link->transact(first.request);   // both asked at kT0
  const link::Result b = link->transact(second.request);
  EXPECT_EQ(a.duration.count(), kPoll2);
  EXPECT_EQ(b.duration.count(), kPoll2 + pollMicros(40, 19200, 5'000));  // waits for the first
  // Asked later, while the line is still busy: waits only the rest.
  clock.now = kT0 + microseconds(kPoll2);
  ReadRegisters third(1);
  EXPECT_EQ(link->transact(third.request).duration.count(), pollMicros(40, 19200, 5'000) + kPoll2);
  // Asked once the line is free: no wait.
  clock.now = link->lineFreeAt() + seconds(1);
  EXPECT_EQ(link->transact(third.request).duration.count(), kPoll2);
}

TEST_F(SimLinkTest, TwoLinesRunInParallel) {
  auto other = makeLink(clock, {}, 1, "192.168.1.20");
  RegisterDevice remote{milliseconds(5)};
  other->attach(1, remote);
  ReadRegisters read(1);
  const link::Result a = link->transact(read.request);
  const link::Result b = other->transact(read.request);
  EXPECT_EQ(a.duration.count(), kPoll2);
  EXPECT_EQ(b.duration.count(), kPoll2);
  ASSERT_EQ(meter.serveTimes.size(), 1u);
  EXPECT_EQ(meter.serveTimes[0], remote.serveTimes.at(0));
}

TEST_F(SimLinkTest, DeviceIsServedWhenTheRequestFrameHasEnded) {
  ReadRegisters read(1);
  link->transact(read.request);
  link->transact(read.request);  // queued behind the first
  ASSERT_EQ(meter.serveTimes.size(), 2u);
  const Duration untilServed = microseconds(frameMicros(8, 19200) + silenceMicros(19200));
  EXPECT_EQ(meter.serveTimes[0], kT0 + untilServed);
  EXPECT_EQ(meter.serveTimes[1], kT0 + microseconds(kPoll2) + untilServed);
}

TEST_F(SimLinkTest, GatewayAdapterLatencyIsChargedOncePerTransaction) {
  auto gateway = makeLink(clock, {}, 1, "192.168.1.30", kIpGatewayLatency);
  RegisterDevice remote{milliseconds(5)};
  gateway->attach(4, remote);
  ReadRegisters read(4);
  EXPECT_EQ(gateway->transact(read.request).duration.count(), 1'000 + kPoll2);
  EXPECT_EQ(remote.serveTimes.at(0), kT0 + microseconds(1'000 + frameMicros(8, 19200) + silenceMicros(19200)));
  EXPECT_EQ(gateway->transact(read.request).duration.count(), 2 * (1'000 + kPoll2));  // queued
}

TEST_F(SimLinkTest, DeviceSlowerThanTheTimeoutTimesOutButHoldsTheLineUntilItsAnswerEnds) {
  RegisterDevice slow{milliseconds(400)};
  link->attach(3, slow);
  ReadRegisters read(3);
  const link::Result result = link->transact(read.request);
  EXPECT_EQ(result.status, Status::Timeout);
  EXPECT_EQ(result.duration.count(), frameMicros(8, 19200) + 300'000);
  EXPECT_EQ(slow.serveTimes.size(), 1u);  // it did receive the request
  EXPECT_EQ(link->lineFreeAt(), kT0 + microseconds(pollMicros(2, 19200, 400'000)));
}

TEST_F(SimLinkTest, StatisticsCountOutcomesAndBusyTime) {
  ReadRegisters ok(1);
  ReadRegisters unknown(9);
  ReadRegisters invalid(1, 0);
  link->transact(ok.request);
  link->transact(ok.request);
  link->transact(unknown.request);
  link->transact(invalid.request);
  const SimLinkStats& stats = link->stats();
  EXPECT_EQ(stats.transactions, 4u);
  EXPECT_EQ(stats.count(Status::Ok), 2u);
  EXPECT_EQ(stats.count(Status::Timeout), 1u);
  EXPECT_EQ(stats.count(Status::InvalidRequest), 1u);
  const std::int64_t busy = 2 * kPoll2 + frameMicros(8, 19200) + 300'000;
  EXPECT_EQ(stats.busy.count(), busy);
  EXPECT_DOUBLE_EQ(stats.utilisation(microseconds(2 * busy)), 0.5);
  EXPECT_DOUBLE_EQ(stats.utilisation(Duration{0}), 0.0);
  link->resetStats();
  EXPECT_EQ(link->stats().transactions, 0u);
}

}  // namespace
}  // namespace ews::simlink::test
