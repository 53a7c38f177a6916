#include "ews/live/modbus_tcp_frame.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "live_test_support.hpp"

namespace ews::live {
namespace {

using link::ExceptionCode;
using link::Function;
using tcpframe::Framing;
using test::mbapRequest;

struct Scratch {
  std::array<std::uint16_t, tcpframe::kMaxValues> write{};
  std::array<std::uint16_t, tcpframe::kMaxValues> read{};
  tcpframe::DecodedRequest decode(const std::vector<std::uint8_t>& adu) { return tcpframe::decodeRequest(adu, write, read); }
};

TEST(ModbusTcpFrame, ScanWaitsForTheWholeFrame) {
  const auto adu = mbapRequest(7, 1, {3, 0, 10, 0, 2});
  for (std::size_t size = 0; size < adu.size(); ++size) {
    EXPECT_EQ(tcpframe::scanFrame(std::span(adu).first(size)).framing, Framing::Incomplete) << size;
  }
  const auto scan = tcpframe::scanFrame(adu);
  EXPECT_EQ(scan.framing, Framing::Complete);
  EXPECT_EQ(scan.aduBytes, 12u);
}

TEST(ModbusTcpFrame, ScanFindsTheFirstOfTwoFrames) {
  auto stream = mbapRequest(1, 1, {3, 0, 0, 0, 1});
  const auto second = mbapRequest(2, 1, {6, 0, 0, 0, 1});
  stream.insert(stream.end(), second.begin(), second.begin() + 3);
  const auto scan = tcpframe::scanFrame(stream);
  EXPECT_EQ(scan.framing, Framing::Complete);
  EXPECT_EQ(scan.aduBytes, 12u);
}

TEST(ModbusTcpFrame, ScanRejectsWhatIsNotModbusTcp) {
  const std::vector<std::uint8_t> badProtocol{0, 1, 0, 1};
  EXPECT_EQ(tcpframe::scanFrame(badProtocol).framing, Framing::Invalid);
  const std::vector<std::uint8_t> lengthTooShort{0, 1, 0, 0, 0, 1};
  EXPECT_EQ(tcpframe::scanFrame(lengthTooShort).framing, Framing::Invalid);
  const std::vector<std::uint8_t> lengthTooLong{0, 1, 0, 0, 0, 255};
  EXPECT_EQ(tcpframe::scanFrame(lengthTooLong).framing, Framing::Invalid);
  const std::vector<std::uint8_t> http{'G', 'E', 'T', ' ', '/', ' '};
  EXPECT_EQ(tcpframe::scanFrame(http).framing, Framing::Invalid);
}

TEST(ModbusTcpFrame, DecodesReads) {
  Scratch scratch;
  const auto decoded = scratch.decode(mbapRequest(7, 255, {4, 0x12, 0x34, 0, 125}));
  EXPECT_EQ(decoded.error, ExceptionCode::None);
  EXPECT_EQ(decoded.request.unitId, 255);
  EXPECT_EQ(decoded.request.function, Function::ReadInputRegisters);
  EXPECT_EQ(decoded.request.address, 0x1234);
  EXPECT_EQ(decoded.request.count, 125);
  EXPECT_EQ(decoded.request.readBuffer.size(), 125u);
  EXPECT_TRUE(link::validateRequest({.unitId = 1,
                                     .function = decoded.request.function,
                                     .address = decoded.request.address,
                                     .count = decoded.request.count,
                                     .writeValues = {},
                                     .readBuffer = decoded.request.readBuffer})
                  .empty());
}

TEST(ModbusTcpFrame, DecodesWritesIntoOneValuePerBit) {
  Scratch scratch;
  // 10 coils from address 20: 0b1100110101 (bit 0 first), as two bytes 0x35 0x03.
  const auto coils = scratch.decode(mbapRequest(1, 1, {15, 0, 20, 0, 10, 2, 0x35, 0x03}));
  ASSERT_EQ(coils.error, ExceptionCode::None);
  const std::vector<std::uint16_t> expectedBits{1, 0, 1, 0, 1, 1, 0, 0, 1, 1};
  EXPECT_EQ(std::vector<std::uint16_t>(coils.request.writeValues.begin(), coils.request.writeValues.end()),
            expectedBits);

  const auto registers = scratch.decode(mbapRequest(2, 1, {16, 0, 1, 0, 2, 4, 0xBE, 0xEF, 0x00, 0x2A}));
  ASSERT_EQ(registers.error, ExceptionCode::None);
  EXPECT_EQ(registers.request.writeValues[0], 0xBEEF);
  EXPECT_EQ(registers.request.writeValues[1], 42);

  const auto coilOn = scratch.decode(mbapRequest(3, 1, {5, 0, 9, 0xFF, 0x00}));
  ASSERT_EQ(coilOn.error, ExceptionCode::None);
  EXPECT_EQ(coilOn.request.count, 1);
  EXPECT_EQ(coilOn.request.writeValues[0], 1);
}

TEST(ModbusTcpFrame, MalformedRequestsGetTheStandardExceptions) {
  Scratch scratch;
  EXPECT_EQ(scratch.decode(mbapRequest(1, 1, {0x2B, 0x0E, 1, 0})).error, ExceptionCode::IllegalFunction);
  EXPECT_EQ(scratch.decode(mbapRequest(1, 1, {3, 0, 0, 0, 0})).error, ExceptionCode::IllegalDataValue);
  EXPECT_EQ(scratch.decode(mbapRequest(1, 1, {3, 0, 0, 0, 126})).error, ExceptionCode::IllegalDataValue);
  EXPECT_EQ(scratch.decode(mbapRequest(1, 1, {1, 0, 0, 0x07, 0xD1})).error, ExceptionCode::IllegalDataValue);
  EXPECT_EQ(scratch.decode(mbapRequest(1, 1, {3, 0xFF, 0xFF, 0, 2})).error, ExceptionCode::IllegalDataAddress);
  EXPECT_EQ(scratch.decode(mbapRequest(1, 1, {5, 0, 0, 0x12, 0x34})).error, ExceptionCode::IllegalDataValue);
  EXPECT_EQ(scratch.decode(mbapRequest(1, 1, {3, 0, 0})).error, ExceptionCode::IllegalDataValue);
  EXPECT_EQ(scratch.decode(mbapRequest(1, 1, {3, 0, 0, 0, 1, 9})).error, ExceptionCode::IllegalDataValue);
  // Byte count not matching the quantity, and data not matching the byte count.
  EXPECT_EQ(scratch.decode(mbapRequest(1, 1, {16, 0, 0, 0, 2, 2, 0, 1})).error, ExceptionCode::IllegalDataValue);
  EXPECT_EQ(scratch.decode(mbapRequest(1, 1, {15, 0, 0, 0, 9, 2, 0xFF})).error, ExceptionCode::IllegalDataValue);
}

TEST(ModbusTcpFrame, EncodesReadResponses) {
  Scratch scratch;
  const auto adu = mbapRequest(0x0102, 3, {3, 0, 0, 0, 2});
  auto decoded = scratch.decode(adu);
  decoded.request.readBuffer[0] = 0xBEEF;
  decoded.request.readBuffer[1] = 7;
  std::array<std::uint8_t, tcpframe::kMaxAduBytes> out{};
  const std::size_t bytes = tcpframe::encodeResponse(adu, decoded.request, out);
  const std::vector<std::uint8_t> expected{1, 2, 0, 0, 0, 7, 3, 3, 4, 0xBE, 0xEF, 0, 7};
  EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(bytes)), expected);

  const auto coilAdu = mbapRequest(9, 1, {1, 0, 0, 0, 10});
  auto coils = scratch.decode(coilAdu);
  for (std::size_t i = 0; i < 10; ++i) coils.request.readBuffer[i] = (i % 3 == 0) ? 1 : 0;  // bits 0,3,6,9
  const std::size_t coilBytes = tcpframe::encodeResponse(coilAdu, coils.request, out);
  const std::vector<std::uint8_t> expectedCoils{0, 9, 0, 0, 0, 5, 1, 1, 2, 0x49, 0x02};
  EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(coilBytes)),
            expectedCoils);
}

TEST(ModbusTcpFrame, WriteResponsesEchoAndExceptionsFlagTheFunction) {
  Scratch scratch;
  std::array<std::uint8_t, tcpframe::kMaxAduBytes> out{};
  const auto single = mbapRequest(5, 1, {6, 0, 4, 0x12, 0x34});
  const std::size_t singleBytes = tcpframe::encodeResponse(single, scratch.decode(single).request, out);
  EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(singleBytes)), single);

  const auto multiple = mbapRequest(6, 1, {16, 0, 4, 0, 2, 4, 0, 1, 0, 2});
  const std::size_t multipleBytes = tcpframe::encodeResponse(multiple, scratch.decode(multiple).request, out);
  const std::vector<std::uint8_t> expected{0, 6, 0, 0, 0, 6, 1, 16, 0, 4, 0, 2};
  EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(multipleBytes)), expected);

  const std::size_t exceptionBytes = tcpframe::encodeException(single, ExceptionCode::IllegalDataAddress, out);
  const std::vector<std::uint8_t> expectedException{0, 5, 0, 0, 0, 3, 1, 0x86, 2};
  EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(exceptionBytes)),
            expectedException);
}

}  // namespace
}  // namespace ews::live
