#pragma once
// Serves one simulated gateway to Modbus TCP clients (`ews twin`). Requests arrive on the
// server's thread; they are posted to the engine's input queue (DESIGN decision 8) and go
// through the gateway's SimLink on the engine thread, at the engine's current tick, so the
// scenario's faults and the models' state apply exactly as for the twin's own poller.
#include <chrono>

#include "ews/kernel/engine.hpp"
#include "ews/link/link.hpp"
#include "ews/live/modbus_tcp_server.hpp"

namespace ews::cli {

class TwinGatewayHandler final : public live::RequestHandler {
 public:
  /// `answerTimeout`: how long a client waits for the engine (wall time) before the server
  /// answers GatewayTargetFailedToRespond, e.g. after the run has ended.
  TwinGatewayHandler(Engine& engine, link::Link& line, std::chrono::milliseconds answerTimeout);

  link::ExceptionCode handle(std::uint8_t unitId, const link::Request& request) override;

 private:
  Engine* engine_;
  link::Link* line_;
  std::chrono::milliseconds answerTimeout_;
};

/// What a Modbus RS485/IP gateway answers a TCP client for each outcome on its line.
link::ExceptionCode gatewayAnswerFor(const link::Result& lineResult);

}  // namespace ews::cli
