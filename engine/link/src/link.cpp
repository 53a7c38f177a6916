#include "ews/link/link.hpp"

#include <fmt/format.h>

namespace ews::link {

std::string_view statusName(Status status) {
  switch (status) {
    case Status::Ok: return "ok";
    case Status::Timeout: return "timeout";
    case Status::CrcError: return "crc error";
    case Status::Exception: return "exception";
    case Status::Disconnected: return "disconnected";
    case Status::InvalidRequest: return "invalid request";
  }
  return "unknown";
}

std::string_view exceptionName(ExceptionCode code) {
  switch (code) {
    case ExceptionCode::None: return "none";
    case ExceptionCode::IllegalFunction: return "illegal function";
    case ExceptionCode::IllegalDataAddress: return "illegal data address";
    case ExceptionCode::IllegalDataValue: return "illegal data value";
    case ExceptionCode::ServerDeviceFailure: return "server device failure";
    case ExceptionCode::Acknowledge: return "acknowledge";
    case ExceptionCode::ServerDeviceBusy: return "server device busy";
    case ExceptionCode::GatewayPathUnavailable: return "gateway path unavailable";
    case ExceptionCode::GatewayTargetFailedToRespond: return "gateway target device failed to respond";
  }
  return "unknown exception";
}

std::string describe(const Result& result) {
  if (result.status == Status::Exception) {
    return fmt::format("exception {} ({})", static_cast<int>(result.exception), exceptionName(result.exception));
  }
  return std::string(statusName(result.status));
}

std::string validateRequest(const Request& request) {
  if (request.unitId > 247) return fmt::format("unit id {} is out of range 0..247", request.unitId);
  std::uint16_t limit = 1;
  switch (request.function) {
    case Function::ReadCoils:
    case Function::ReadDiscreteInputs: limit = kMaxReadBits; break;
    case Function::ReadHoldingRegisters:
    case Function::ReadInputRegisters: limit = kMaxReadRegisters; break;
    case Function::WriteMultipleCoils: limit = kMaxWriteBits; break;
    case Function::WriteMultipleRegisters: limit = kMaxWriteRegisters; break;
    case Function::WriteSingleCoil:
    case Function::WriteSingleRegister: limit = 1; break;
    default: return fmt::format("function code {} is not supported", static_cast<int>(request.function));
  }
  if (request.count == 0 || request.count > limit) {
    return fmt::format("count {} is out of range 1..{} for function {}", request.count, limit,
                       static_cast<int>(request.function));
  }
  if (static_cast<unsigned>(request.address) + request.count > 0x10000u) {
    return fmt::format("registers {}..{} run past the end of the address space", request.address,
                       static_cast<unsigned>(request.address) + request.count - 1);
  }
  if (isRead(request.function) && request.readBuffer.size() < request.count) {
    return fmt::format("read buffer holds {} values, {} requested", request.readBuffer.size(), request.count);
  }
  if (!isRead(request.function) && request.writeValues.size() < request.count) {
    return fmt::format("{} values to write, {} announced", request.writeValues.size(), request.count);
  }
  return {};
}

}  // namespace ews::link
