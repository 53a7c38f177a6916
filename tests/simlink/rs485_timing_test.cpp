// Line time of Modbus RTU on RS485: character bits, t3.5, frame sizes, and the transaction
// time a SimLink reports against the formula of docs/design.md, RS485 timing.
#include "ews/simlink/rs485_timing.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "ews/simlink/rtu_frames.hpp"
#include "register_device.hpp"
#include "simlink_test_support.hpp"

namespace ews::simlink::test {
namespace {

using link::Function;

TEST(Rs485Timing, CharacterBitsFollowParityAndStopBits) {
  EXPECT_EQ(bitsPerCharacter({.parity = Parity::Even, .stopBits = 1}), 11);  // 8E1
  EXPECT_EQ(bitsPerCharacter({.parity = Parity::Odd, .stopBits = 1}), 11);   // 8O1
  EXPECT_EQ(bitsPerCharacter({.parity = Parity::None, .stopBits = 2}), 11);  // 8N2
  EXPECT_EQ(bitsPerCharacter({.parity = Parity::None, .stopBits = 1}), 10);  // 8N1
  EXPECT_EQ(bitsPerCharacter({.parity = Parity::Even, .stopBits = 2}), 12);  // 8E2
}

TEST(Rs485Timing, FramesRoundUpToWholeMicroseconds) {
  const Rs485Timing timing(LineSettings{});  // 19200 8E1
  EXPECT_EQ(timing.frameTime(1).count(), 573);   // 572.92 µs
  EXPECT_EQ(timing.frameTime(8).count(), 4584);  // 4583.33 µs
  EXPECT_EQ(timing.frameTime(85).count(), 48698);  // 48697.92 µs
  EXPECT_EQ(timing.frameTime(0).count(), 0);
  // 9600 baud 8N1: 10 bits -> 1041.67 µs per character.
  EXPECT_EQ(Rs485Timing({.baud = 9600, .parity = Parity::None}).frameTime(3).count(), 3125);
}

TEST(Rs485Timing, SilenceIsThreeAndAHalfCharactersUpTo19200ThenFixed) {
  EXPECT_EQ(Rs485Timing({.baud = 9600}).silence().count(), silenceMicros(9600));  // 4010.42 -> 4011
  EXPECT_EQ(Rs485Timing({.baud = 9600}).silence().count(), 4011);
  EXPECT_EQ(Rs485Timing({.baud = 19200}).silence().count(), 2006);  // 2005.21
  EXPECT_EQ(Rs485Timing({.baud = 38400}).silence().count(), 1750);
  EXPECT_EQ(Rs485Timing({.baud = 115200}).silence().count(), 1750);
  EXPECT_EQ(Rs485Timing({.baud = 1200, .parity = Parity::None}).silence().count(), 29167);  // 10 bits
}

TEST(Rs485Timing, LineSettingsAreValidated) {
  EXPECT_EQ(validateLineSettings({}), "");
  EXPECT_EQ(validateLineSettings({.baud = 300}), "baud 300 is out of range 1200..115200");
  EXPECT_EQ(validateLineSettings({.stopBits = 3}), "stop bits 3 is not 1 or 2");
  EXPECT_EQ(validateLineSettings({.timeout = Duration{0}}), "timeout 0 us is not positive");
  EXPECT_THROW(Rs485Timing({.baud = 0}), std::invalid_argument);  // no division by zero first
}

TEST(Rs485Timing, SettingsComeFromTheScenarioAndPrintLikeTheManual) {
  const LineSettings defaults = lineSettingsFrom(scenario::ModbusSettings{});
  EXPECT_EQ(defaults.baud, 19200);
  EXPECT_EQ(defaults.parity, Parity::Even);
  EXPECT_EQ(defaults.stopBits, 1);
  EXPECT_EQ(defaults.timeout, milliseconds(300));
  EXPECT_EQ(formatLineSettings(defaults), "19200 8E1");
  EXPECT_EQ(formatLineSettings({.baud = 9600, .parity = Parity::None, .stopBits = 2}), "9600 8N2");
  EXPECT_EQ(formatLineSettings({.baud = 115200, .parity = Parity::Odd}), "115200 8O1");
}

TEST(RtuFrames, SizesOfEachFunction) {
  EXPECT_EQ(rtu::requestBytes(Function::ReadHoldingRegisters, 40), 8);
  EXPECT_EQ(rtu::responseBytes(Function::ReadHoldingRegisters, 40), 85);
  EXPECT_EQ(rtu::responseBytes(Function::ReadInputRegisters, 2), 9);
  EXPECT_EQ(rtu::requestBytes(Function::ReadCoils, 20), 8);
  EXPECT_EQ(rtu::responseBytes(Function::ReadCoils, 20), 8);  // 3 data bytes
  EXPECT_EQ(rtu::responseBytes(Function::ReadDiscreteInputs, 8), 6);
  EXPECT_EQ(rtu::responseBytes(Function::ReadDiscreteInputs, 9), 7);
  EXPECT_EQ(rtu::requestBytes(Function::WriteSingleRegister, 1), 8);
  EXPECT_EQ(rtu::responseBytes(Function::WriteSingleRegister, 1), 8);
  EXPECT_EQ(rtu::requestBytes(Function::WriteSingleCoil, 1), 8);
  EXPECT_EQ(rtu::responseBytes(Function::WriteSingleCoil, 1), 8);
  EXPECT_EQ(rtu::requestBytes(Function::WriteMultipleRegisters, 10), 29);
  EXPECT_EQ(rtu::responseBytes(Function::WriteMultipleRegisters, 10), 8);
  EXPECT_EQ(rtu::requestBytes(Function::WriteMultipleCoils, 17), 12);
  EXPECT_EQ(rtu::responseBytes(Function::WriteMultipleCoils, 17), 8);
  // The protocol limits fill the 256-byte RTU frame at most.
  EXPECT_LE(rtu::responseBytes(Function::ReadHoldingRegisters, link::kMaxReadRegisters), rtu::kMaxFrameBytes);
  EXPECT_LE(rtu::responseBytes(Function::ReadCoils, link::kMaxReadBits), rtu::kMaxFrameBytes);
  EXPECT_LE(rtu::requestBytes(Function::WriteMultipleRegisters, link::kMaxWriteRegisters), rtu::kMaxFrameBytes);
  EXPECT_LE(rtu::requestBytes(Function::WriteMultipleCoils, link::kMaxWriteBits), rtu::kMaxFrameBytes);
}

// ---- Transaction time through a SimLink, against the formula -------------------------------

struct PollCase {
  int baud;
  int registers;
};

class PollTime : public ::testing::TestWithParam<PollCase> {};

TEST_P(PollTime, EqualsTheFormulaToTheMicrosecond) {
  const auto [baud, registers] = GetParam();
  ManualClock clock;
  auto link = makeLink(clock, {.baud = baud});
  RegisterDevice device(milliseconds(5));
  link->attach(7, device);
  ReadRegisters read(7, static_cast<std::uint16_t>(registers));
  const link::Result result = link->transact(read.request);
  ASSERT_TRUE(result.ok()) << link::describe(result);
  EXPECT_EQ(result.duration.count(), pollMicros(registers, baud, 5'000));
  EXPECT_EQ(link->lineFreeAt(), kT0 + result.duration);
  EXPECT_EQ(result.duration, link->timing().transactionTime(8, 5 + 2 * registers, milliseconds(5)));
}

INSTANTIATE_TEST_SUITE_P(Bauds, PollTime,
                         ::testing::Values(PollCase{9600, 2}, PollCase{9600, 40}, PollCase{19200, 2},
                                           PollCase{19200, 40}, PollCase{38400, 2}, PollCase{38400, 40},
                                           PollCase{115200, 2}, PollCase{115200, 40}),
                         [](const auto& testInfo) {
                           return std::to_string(testInfo.param.baud) + "baud_" +
                                  std::to_string(testInfo.param.registers) +
                                  "registers";
                         });

TEST(PollTime, ReferencePollAt19200Is62Point3Milliseconds) {
  // By hand: 8 bytes 4583.33 -> 4584, t3.5 2005.21 -> 2006, 5000, 85 bytes 48697.92 -> 48698, 2006.
  EXPECT_EQ(pollMicros(40, 19200, 5'000), 62'294);
}

TEST(PollTime, CharacterBitsChangeTheTime) {
  ManualClock clock;
  const auto timeWith = [&](Parity parity, int stopBits) {
    auto link = makeLink(clock, {.baud = 9600, .parity = parity, .stopBits = stopBits});
    RegisterDevice device(milliseconds(5));
    link->attach(1, device);
    ReadRegisters read(1, 40);
    return link->transact(read.request).duration.count();
  };
  const std::int64_t e1 = timeWith(Parity::Even, 1);
  const std::int64_t n2 = timeWith(Parity::None, 2);
  const std::int64_t n1 = timeWith(Parity::None, 1);
  EXPECT_EQ(e1, pollMicros(40, 9600, 5'000, characterBits(true, 1)));
  EXPECT_EQ(n2, e1);  // 8N2 and 8E1 are both 11 bits a character
  EXPECT_EQ(n1, pollMicros(40, 9600, 5'000, characterBits(false, 1)));
  EXPECT_LT(n1, e1);
}

/// The EWS 255 figure of docs/design.md, RS485 timing: 255 devices, 40 registers each, 19200 baud, 5 ms
/// turnaround, polled one after the other: about 15.9 s.
TEST(PollTime, SweepOf255DevicesAt19200TakesAbout15Point9Seconds) {
  constexpr int kDevices = 255;
  constexpr int kLines = 8;  // at most 32 addresses per RS485 line
  ManualClock clock;
  std::vector<std::unique_ptr<SimLink>> links;
  std::vector<std::unique_ptr<RegisterDevice>> devices;
  for (int line = 0; line < kLines; ++line) links.push_back(makeLink(clock, {}, 1, "gateway-" + std::to_string(line)));
  for (int i = 0; i < kDevices; ++i) {
    devices.push_back(std::make_unique<RegisterDevice>(milliseconds(5)));
    links[static_cast<std::size_t>(i % kLines)]->attach(static_cast<std::uint8_t>(1 + i / kLines), *devices.back());
  }

  // One poller, one transaction at a time: the next poll starts when the previous one ends.
  for (int i = 0; i < kDevices; ++i) {
    ReadRegisters read(static_cast<std::uint8_t>(1 + i / kLines), 40);
    const link::Result result = links[static_cast<std::size_t>(i % kLines)]->transact(read.request);
    ASSERT_TRUE(result.ok());
    clock.now += result.duration;
  }
  const Duration sweep = clock.now - kT0;
  EXPECT_EQ(sweep.count(), kDevices * pollMicros(40, 19200, 5'000));
  EXPECT_EQ(sweep.count(), 15'884'970);
  EXPECT_NEAR(toSeconds(sweep), 15.9, 0.05);

  // The same sweep issued to all gateways at once: lines run in parallel, each serialises its
  // own 32 (or 31) polls, so the sweep ends with the fullest line.
  clock.now = kT0 + seconds(60);
  const Time issued = clock.now;
  Time end = issued;
  for (int i = 0; i < kDevices; ++i) {
    ReadRegisters read(static_cast<std::uint8_t>(1 + i / kLines), 40);
    const link::Result result = links[static_cast<std::size_t>(i % kLines)]->transact(read.request);
    end = std::max(end, issued + result.duration);
  }
  EXPECT_EQ((end - issued).count(), 32 * pollMicros(40, 19200, 5'000));
}

}  // namespace
}  // namespace ews::simlink::test
