#include "ews/live/modbus_tcp_frame.hpp"

#include <algorithm>

namespace ews::live::tcpframe {

namespace {

using link::ExceptionCode;
using link::Function;

// Byte offsets in the ADU.
constexpr std::size_t kProtocolIdAt = 2;
constexpr std::size_t kLengthAt = 4;
constexpr std::size_t kUnitIdAt = 6;
constexpr std::size_t kFunctionAt = kHeaderBytes;
constexpr std::size_t kAddressAt = kFunctionAt + 1;
constexpr std::size_t kQuantityAt = kFunctionAt + 3;  // count, or the value of a single write
constexpr std::size_t kByteCountAt = kFunctionAt + 5;
constexpr std::size_t kWriteDataAt = kFunctionAt + 6;

/// The MBAP length field counts the unit id and the PDU.
constexpr std::size_t kMinLengthField = 2;
constexpr std::size_t kMaxLengthField = 1 + kMaxPduBytes;
/// Every supported request but the multiple writes is function, address, quantity.
constexpr std::size_t kFixedRequestPduBytes = 5;
constexpr std::uint16_t kCoilOn = 0xFF00;

std::uint16_t readU16(std::span<const std::uint8_t> bytes, std::size_t at) {
  return static_cast<std::uint16_t>((bytes[at] << 8) | bytes[at + 1]);
}

void writeU16(std::span<std::uint8_t> bytes, std::size_t at, std::uint16_t value) {
  bytes[at] = static_cast<std::uint8_t>(value >> 8);
  bytes[at + 1] = static_cast<std::uint8_t>(value & 0xFF);
}

constexpr std::size_t packedBytes(std::size_t bits) { return (bits + 7) / 8; }

bool knownFunction(std::uint8_t code) {
  switch (static_cast<Function>(code)) {
    case Function::ReadCoils:
    case Function::ReadDiscreteInputs:
    case Function::ReadHoldingRegisters:
    case Function::ReadInputRegisters:
    case Function::WriteSingleCoil:
    case Function::WriteSingleRegister:
    case Function::WriteMultipleCoils:
    case Function::WriteMultipleRegisters: return true;
  }
  return false;
}

std::uint16_t countLimit(Function function) {
  switch (function) {
    case Function::ReadCoils:
    case Function::ReadDiscreteInputs: return link::kMaxReadBits;
    case Function::ReadHoldingRegisters:
    case Function::ReadInputRegisters: return link::kMaxReadRegisters;
    case Function::WriteMultipleCoils: return link::kMaxWriteBits;
    case Function::WriteMultipleRegisters: return link::kMaxWriteRegisters;
    case Function::WriteSingleCoil:
    case Function::WriteSingleRegister: return 1;
  }
  return 0;
}

/// Fills request.count and writeScratch from the PDU; the exception to answer when malformed.
ExceptionCode decodeQuantityAndValues(std::span<const std::uint8_t> adu, link::Request& request,
                                      std::span<std::uint16_t, kMaxValues> writeScratch) {
  const std::size_t pduBytes = adu.size() - kHeaderBytes;
  const std::uint16_t quantity = readU16(adu, kQuantityAt);
  switch (request.function) {
    case Function::WriteSingleCoil:
      if (pduBytes != kFixedRequestPduBytes || (quantity != 0 && quantity != kCoilOn)) {
        return ExceptionCode::IllegalDataValue;
      }
      request.count = 1;
      writeScratch[0] = quantity == kCoilOn ? 1 : 0;
      return ExceptionCode::None;
    case Function::WriteSingleRegister:
      if (pduBytes != kFixedRequestPduBytes) return ExceptionCode::IllegalDataValue;
      request.count = 1;
      writeScratch[0] = quantity;
      return ExceptionCode::None;
    case Function::WriteMultipleCoils:
    case Function::WriteMultipleRegisters: {
      if (pduBytes < kWriteDataAt - kFunctionAt) return ExceptionCode::IllegalDataValue;
      const bool bits = request.function == Function::WriteMultipleCoils;
      const std::size_t byteCount = adu[kByteCountAt];
      const std::size_t expectedBytes = bits ? packedBytes(quantity) : 2u * quantity;
      if (quantity == 0 || quantity > countLimit(request.function) || byteCount != expectedBytes ||
          pduBytes != kWriteDataAt - kFunctionAt + byteCount) {
        return ExceptionCode::IllegalDataValue;
      }
      request.count = quantity;
      for (std::size_t i = 0; i < quantity; ++i) {
        writeScratch[i] = bits ? static_cast<std::uint16_t>((adu[kWriteDataAt + i / 8] >> (i % 8)) & 1u)
                               : readU16(adu, kWriteDataAt + 2 * i);
      }
      return ExceptionCode::None;
    }
    default:  // the four reads
      if (pduBytes != kFixedRequestPduBytes || quantity == 0 || quantity > countLimit(request.function)) {
        return ExceptionCode::IllegalDataValue;
      }
      request.count = quantity;
      return ExceptionCode::None;
  }
}

std::size_t writeHeader(std::span<const std::uint8_t> adu, std::size_t pduBytes,
                        std::span<std::uint8_t, kMaxAduBytes> out) {
  out[0] = adu[0];  // transaction id, echoed
  out[1] = adu[1];
  writeU16(out, kProtocolIdAt, 0);
  writeU16(out, kLengthAt, static_cast<std::uint16_t>(1 + pduBytes));
  out[kUnitIdAt] = adu[kUnitIdAt];
  return kHeaderBytes + pduBytes;
}

}  // namespace

FrameScan scanFrame(std::span<const std::uint8_t> received) {
  if (received.size() >= kLengthAt && readU16(received, kProtocolIdAt) != 0) return {Framing::Invalid};
  if (received.size() < kUnitIdAt) return {Framing::Incomplete};
  const std::size_t lengthField = readU16(received, kLengthAt);
  if (lengthField < kMinLengthField || lengthField > kMaxLengthField) return {Framing::Invalid};
  const std::size_t aduBytes = kUnitIdAt + lengthField;
  if (received.size() < aduBytes) return {Framing::Incomplete};
  return {Framing::Complete, aduBytes};
}

DecodedRequest decodeRequest(std::span<const std::uint8_t> adu, std::span<std::uint16_t, kMaxValues> writeScratch,
                             std::span<std::uint16_t, kMaxValues> readScratch) {
  DecodedRequest decoded;
  link::Request& request = decoded.request;
  request.unitId = adu[kUnitIdAt];
  const std::uint8_t code = adu[kFunctionAt];
  if (!knownFunction(code)) {
    decoded.error = ExceptionCode::IllegalFunction;
    return decoded;
  }
  request.function = static_cast<Function>(code);
  // Reads and writes alike start with an address; a PDU too short for one fails below.
  if (adu.size() < kQuantityAt + 2) {
    decoded.error = ExceptionCode::IllegalDataValue;
    return decoded;
  }
  request.address = readU16(adu, kAddressAt);
  decoded.error = decodeQuantityAndValues(adu, request, writeScratch);
  if (decoded.error != ExceptionCode::None) return decoded;
  if (static_cast<std::size_t>(request.address) + request.count > 0x10000u) {
    decoded.error = ExceptionCode::IllegalDataAddress;
    return decoded;
  }
  if (link::isRead(request.function)) {
    request.readBuffer = readScratch.first(request.count);
  } else {
    request.writeValues = std::span<const std::uint16_t>(writeScratch.data(), request.count);
  }
  return decoded;
}

std::size_t encodeResponse(std::span<const std::uint8_t> adu, const link::Request& request,
                           std::span<std::uint8_t, kMaxAduBytes> out) {
  out[kFunctionAt] = adu[kFunctionAt];
  switch (request.function) {
    case Function::ReadCoils:
    case Function::ReadDiscreteInputs: {
      const std::size_t bytes = packedBytes(request.count);
      out[kFunctionAt + 1] = static_cast<std::uint8_t>(bytes);
      std::fill_n(out.begin() + kFunctionAt + 2, bytes, std::uint8_t{0});
      for (std::size_t i = 0; i < request.count; ++i) {
        if (request.readBuffer[i] != 0) out[kFunctionAt + 2 + i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
      }
      return writeHeader(adu, 2 + bytes, out);
    }
    case Function::ReadHoldingRegisters:
    case Function::ReadInputRegisters: {
      const std::size_t bytes = 2u * request.count;
      out[kFunctionAt + 1] = static_cast<std::uint8_t>(bytes);
      for (std::size_t i = 0; i < request.count; ++i) writeU16(out, kFunctionAt + 2 + 2 * i, request.readBuffer[i]);
      return writeHeader(adu, 2 + bytes, out);
    }
    default:
      // Single writes echo address and value, multiple writes answer address and count: in both
      // cases the request's four bytes after the function code.
      std::copy_n(adu.begin() + kAddressAt, 4, out.begin() + kAddressAt);
      return writeHeader(adu, kFixedRequestPduBytes, out);
  }
}

std::size_t encodeException(std::span<const std::uint8_t> adu, link::ExceptionCode code,
                            std::span<std::uint8_t, kMaxAduBytes> out) {
  out[kFunctionAt] = static_cast<std::uint8_t>(adu[kFunctionAt] | 0x80u);
  out[kFunctionAt + 1] = static_cast<std::uint8_t>(code);
  return writeHeader(adu, 2, out);
}

}  // namespace ews::live::tcpframe
