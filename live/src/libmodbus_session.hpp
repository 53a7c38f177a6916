#pragma once
// One libmodbus context performing link::Request transactions: the code TcpLink and RtuLink
// share. A transport differs only by how its context is made and by its SessionPolicy.
// Not thread-safe (a libmodbus context is not): one caller at a time, like every Link.
#include <modbus/modbus.h>

#include <array>

#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"

namespace ews::live::detail {

struct SessionPolicy {
  /// TCP: after a timeout the late answer, or after a malformed answer its remaining bytes, would
  /// be read as the answer to the next request; libmodbus then rejects it by transaction id but
  /// the stream stays one answer behind for good. Closing (and reconnecting on the next call) is
  /// the only sure resynchronisation. RTU: flushing the line is enough (frames are delimited by
  /// silence and addressed by unit id).
  bool closeAfterStreamError = false;
  /// RTU: unit 0 is a broadcast. Writes get no answer (the wait for one is the master's
  /// turnaround delay), reads are meaningless. On TCP unit 0 is passed through to the gateway.
  bool unitZeroIsBroadcast = false;
  /// TCP: disable Nagle on the connected socket (a Modbus request is one small write that must
  /// leave at once). libmodbus 3.1.6 sets it too; setting it here does not rely on that.
  bool tcpNoDelay = false;
};

/// Typed outcome of a failed libmodbus call, from its errno.
struct ErrorOutcome {
  link::Status status = link::Status::Disconnected;
  link::ExceptionCode exception = link::ExceptionCode::None;
};
ErrorOutcome classifyModbusError(int errorNumber);

class LibmodbusSession {
 public:
  /// Takes ownership of `context` (from modbus_new_tcp_pi / modbus_new_rtu, never null).
  LibmodbusSession(modbus_t* context, SessionPolicy policy, Duration responseTimeout);
  ~LibmodbusSession();
  LibmodbusSession(const LibmodbusSession&) = delete;
  LibmodbusSession& operator=(const LibmodbusSession&) = delete;

  link::Result transact(const link::Request& request);
  bool connected() const { return connected_; }

 private:
  bool ensureConnected();
  /// The libmodbus call for the request's function; returns its rc (-1 on error, errno set).
  int call(const link::Request& request);
  void recoverFrom(link::Status status);
  void disconnect();

  modbus_t* context_;
  SessionPolicy policy_;
  bool connected_ = false;
  /// libmodbus carries bits as one uint8_t each; the Link contract as one uint16_t each.
  std::array<std::uint8_t, link::kMaxReadBits> bits_{};
};

}  // namespace ews::live::detail
