#pragma once
// The one device interface (docs/design.md decision 5): a Link performs Modbus transactions for a
// unit id and returns the values or a typed error, with the transaction's duration. Nothing
// above a Link knows whether the device is simulated (SimLink, virtual time) or real (TcpLink,
// RtuLink on libmodbus, wall clock). DLM commands are register writes through the same Link.
//
// Requests carry caller-owned buffers (no allocation per transaction): a read fills
// readBuffer[0, count); a write sends writeValues[0, count). Coils and discrete inputs travel
// as one uint16 per bit (0 or 1), so one buffer type serves every function.
#include <cstdint>
#include <span>
#include <string>

#include "ews/kernel/time.hpp"

namespace ews::link {

enum class Function : std::uint8_t {
  ReadCoils = 1,
  ReadDiscreteInputs = 2,
  ReadHoldingRegisters = 3,
  ReadInputRegisters = 4,
  WriteSingleCoil = 5,
  WriteSingleRegister = 6,
  WriteMultipleCoils = 15,
  WriteMultipleRegisters = 16,
};

/// Protocol limits of one request (Modbus application protocol v1.1b3, section 6).
inline constexpr std::uint16_t kMaxReadRegisters = 125;
inline constexpr std::uint16_t kMaxWriteRegisters = 123;
inline constexpr std::uint16_t kMaxReadBits = 2000;
inline constexpr std::uint16_t kMaxWriteBits = 1968;

constexpr bool isRead(Function f) { return static_cast<std::uint8_t>(f) <= 4; }
constexpr bool isBitFunction(Function f) {
  return f == Function::ReadCoils || f == Function::ReadDiscreteInputs || f == Function::WriteSingleCoil ||
         f == Function::WriteMultipleCoils;
}

/// Modbus exception codes a device may answer.
enum class ExceptionCode : std::uint8_t {
  None = 0,
  IllegalFunction = 1,
  IllegalDataAddress = 2,
  IllegalDataValue = 3,
  ServerDeviceFailure = 4,
  Acknowledge = 5,
  ServerDeviceBusy = 6,
  GatewayPathUnavailable = 10,
  GatewayTargetFailedToRespond = 11,
};

struct Request {
  std::uint8_t unitId = 1;  ///< Modbus address of the device on its line (1..247)
  Function function = Function::ReadHoldingRegisters;
  std::uint16_t address = 0;  ///< 0-based protocol address of the first register or bit
  std::uint16_t count = 1;    ///< registers or bits (1 for the single-write functions)
  std::span<const std::uint16_t> writeValues;  ///< writes: `count` values
  std::span<std::uint16_t> readBuffer;         ///< reads: room for `count` values
};

enum class Status : std::uint8_t {
  Ok,
  Timeout,       ///< no (complete) answer within the link's timeout
  CrcError,      ///< an answer arrived but was corrupted (RTU CRC / malformed frame)
  Exception,     ///< the device answered with a Modbus exception (see Result::exception)
  Disconnected,  ///< the transport is down (TCP connection refused or lost, serial port closed)
  InvalidRequest,  ///< the request itself breaks the protocol limits; nothing was sent
};

struct Result {
  Status status = Status::Ok;
  ExceptionCode exception = ExceptionCode::None;  ///< set when status == Exception
  Duration duration{};  ///< from the request's start (queueing on a busy line included) to the outcome
  bool ok() const { return status == Status::Ok; }
};

/// "ok", "timeout", "crc error", "exception 2 (illegal data address)", "disconnected", ...
std::string describe(const Result& result);
std::string_view statusName(Status status);
std::string_view exceptionName(ExceptionCode code);

/// Checks the request against the protocol limits and its buffers. Empty string when valid,
/// else the reason (used by every Link before sending anything).
std::string validateRequest(const Request& request);

class Link {
 public:
  virtual ~Link() = default;
  /// Performs one transaction. Thread-compatible, not thread-safe: one caller at a time
  /// (libmodbus contexts are not thread-safe; a SimLink line serves one transaction at a time).
  virtual Result transact(const Request& request) = 0;
  /// What the link talks to, for messages: "sim RS485 19200 8E1 'Local'", "tcp 127.0.0.1:1502".
  virtual std::string describe() const = 0;
  /// True when a transaction asked while the line is still busy with an earlier one waits for
  /// it and counts the wait in its duration (SimLink): several requests asked at one instant
  /// then go out back to back, each as if asked when the one before ended.
  virtual bool queuesBehindBusyLine() const { return false; }
};

}  // namespace ews::link
