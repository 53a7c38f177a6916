#include "libmodbus_session.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>

#include "socket_util.hpp"

namespace ews::live::detail {

namespace {

using Clock = std::chrono::steady_clock;

/// The transaction's result, its duration measured from `start` to now.
link::Result finished(link::Status status, Clock::time_point start,
                      link::ExceptionCode exception = link::ExceptionCode::None) {
  return link::Result{status, exception, std::chrono::duration_cast<Duration>(Clock::now() - start)};
}

}  // namespace

ErrorOutcome classifyModbusError(int errorNumber) {
  // libmodbus reports a Modbus exception answer as MODBUS_ENOBASE + its code (EMBXILFUN..EMBXGTAR).
  if (errorNumber > MODBUS_ENOBASE && errorNumber <= EMBXGTAR) {
    return {link::Status::Exception, static_cast<link::ExceptionCode>(errorNumber - MODBUS_ENOBASE)};
  }
  switch (errorNumber) {
    case ETIMEDOUT: return {link::Status::Timeout};
    // An answer came but was corrupted or did not match the request.
    case EMBBADCRC:
    case EMBBADDATA:
    case EMBBADEXC:
    case EMBUNKEXC:
    case EMBMDATA:
    case EMBBADSLAVE: return {link::Status::CrcError};
    // ECONNREFUSED, ECONNRESET, EPIPE, EBADF, ENOTCONN, EHOSTUNREACH, ENOENT (no serial port), ...:
    // whatever else fails is the transport.
    default: return {link::Status::Disconnected};
  }
}

LibmodbusSession::LibmodbusSession(modbus_t* context, SessionPolicy policy, Duration responseTimeout)
    : context_(context), policy_(policy) {
  const auto micros = std::max<std::int64_t>(toMicros(responseTimeout), 1);
  modbus_set_response_timeout(context_, static_cast<std::uint32_t>(micros / 1'000'000),
                              static_cast<std::uint32_t>(micros % 1'000'000));
  // Recovery is ours (recoverFrom): libmodbus's own would sleep and reconnect inside the call.
  modbus_set_error_recovery(context_, MODBUS_ERROR_RECOVERY_NONE);
}

LibmodbusSession::~LibmodbusSession() {
  disconnect();
  modbus_free(context_);
}

link::Result LibmodbusSession::transact(const link::Request& request) {
  const auto start = Clock::now();
  if (!link::validateRequest(request).empty()) return finished(link::Status::InvalidRequest, start);
  const bool broadcast = policy_.unitZeroIsBroadcast && request.unitId == 0;
  if (broadcast && link::isRead(request.function)) return finished(link::Status::InvalidRequest, start);

  if (!ensureConnected()) return finished(link::Status::Disconnected, start);
  if (modbus_set_slave(context_, request.unitId) == -1) return finished(link::Status::InvalidRequest, start);

  if (call(request) != -1) return finished(link::Status::Ok, start);
  const ErrorOutcome outcome = classifyModbusError(errno);
  if (broadcast && outcome.status == link::Status::Timeout) {
    return finished(link::Status::Ok, start);  // nobody answers a broadcast: the wait is the turnaround
  }
  recoverFrom(outcome.status);
  return finished(outcome.status, start, outcome.exception);
}

bool LibmodbusSession::ensureConnected() {
  if (connected_) return true;
  if (modbus_connect(context_) == -1) {
    modbus_close(context_);  // libmodbus may keep a half-made socket or an open port
    return false;
  }
  connected_ = true;
  if (policy_.tcpNoDelay) setNoDelay(modbus_get_socket(context_));
  return true;
}

int LibmodbusSession::call(const link::Request& request) {
  const int address = request.address;
  const int count = request.count;
  switch (request.function) {
    case link::Function::ReadCoils:
    case link::Function::ReadDiscreteInputs: {
      const int rc = request.function == link::Function::ReadCoils
                         ? modbus_read_bits(context_, address, count, bits_.data())
                         : modbus_read_input_bits(context_, address, count, bits_.data());
      if (rc != -1) std::copy_n(bits_.begin(), request.count, request.readBuffer.begin());
      return rc;
    }
    case link::Function::ReadHoldingRegisters:
      return modbus_read_registers(context_, address, count, request.readBuffer.data());
    case link::Function::ReadInputRegisters:
      return modbus_read_input_registers(context_, address, count, request.readBuffer.data());
    case link::Function::WriteSingleCoil:
      return modbus_write_bit(context_, address, request.writeValues[0] != 0 ? TRUE : FALSE);
    case link::Function::WriteSingleRegister:
      return modbus_write_register(context_, address, request.writeValues[0]);
    case link::Function::WriteMultipleCoils:
      std::transform(request.writeValues.begin(), request.writeValues.begin() + count, bits_.begin(),
                     [](std::uint16_t value) { return static_cast<std::uint8_t>(value != 0 ? 1 : 0); });
      return modbus_write_bits(context_, address, count, bits_.data());
    case link::Function::WriteMultipleRegisters:
      return modbus_write_registers(context_, address, count, request.writeValues.data());
  }
  errno = EINVAL;  // unreachable: validateRequest accepted the function
  return -1;
}

void LibmodbusSession::recoverFrom(link::Status status) {
  switch (status) {
    case link::Status::Disconnected: disconnect(); break;
    case link::Status::Timeout:
    case link::Status::CrcError:
      if (policy_.closeAfterStreamError) {
        disconnect();
      } else {
        modbus_flush(context_);
      }
      break;
    default: break;
  }
}

void LibmodbusSession::disconnect() {
  if (connected_) modbus_close(context_);
  connected_ = false;
}

}  // namespace ews::live::detail
