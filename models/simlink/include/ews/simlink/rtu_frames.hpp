#pragma once
// Sizes in bytes of Modbus RTU frames (Modbus application protocol v1.1b3, section 6; serial
// line spec v1.02): address (1) + function (1) + data + CRC (2). They decide how long a
// transaction holds the RS485 line.
#include <cstdint>

#include "ews/link/link.hpp"

namespace ews::simlink::rtu {

/// Address + function + exception code + CRC.
inline constexpr int kExceptionResponseBytes = 5;
/// Address + function + start + count (or value) + CRC: every read request and both single writes.
inline constexpr int kFixedRequestBytes = 8;
/// Address + function + start + count + CRC: the echo of a multiple write.
inline constexpr int kWriteMultipleResponseBytes = 8;
/// The largest RTU frame (serial line spec 2.5.1): no valid request reaches it.
inline constexpr int kMaxFrameBytes = 256;

constexpr int packedBitBytes(std::uint16_t bits) { return (bits + 7) / 8; }

/// Request frame: 8 for reads and single writes; 9 + data for multiple writes
/// (address, function, start 2, count 2, byte count 1, data, CRC 2).
constexpr int requestBytes(link::Function function, std::uint16_t count) {
  switch (function) {
    case link::Function::WriteMultipleRegisters: return 9 + 2 * count;
    case link::Function::WriteMultipleCoils: return 9 + packedBitBytes(count);
    default: return kFixedRequestBytes;
  }
}

/// Normal response frame: reads 5 + data (address, function, byte count, data, CRC 2);
/// writes echo 8 bytes.
constexpr int responseBytes(link::Function function, std::uint16_t count) {
  switch (function) {
    case link::Function::ReadHoldingRegisters:
    case link::Function::ReadInputRegisters: return 5 + 2 * count;
    case link::Function::ReadCoils:
    case link::Function::ReadDiscreteInputs: return 5 + packedBitBytes(count);
    case link::Function::WriteMultipleRegisters:
    case link::Function::WriteMultipleCoils: return kWriteMultipleResponseBytes;
    default: return kFixedRequestBytes;  // single writes echo the request
  }
}

constexpr int requestBytes(const link::Request& request) { return requestBytes(request.function, request.count); }
constexpr int responseBytes(const link::Request& request) { return responseBytes(request.function, request.count); }

}  // namespace ews::simlink::rtu
