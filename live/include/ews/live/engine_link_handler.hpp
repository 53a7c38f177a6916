#pragma once
// Serves a Link that belongs to an engine to Modbus TCP clients (`ews twin`: one simulated
// gateway's SimLink). Requests arrive on the server's thread; they are posted to the engine's
// input queue (DESIGN decision 8) and go through the Link on the engine thread, at the
// engine's current tick, so a scenario's faults and the models' state apply exactly as for
// the twin's own poller.
#include <chrono>

#include "ews/kernel/engine.hpp"
#include "ews/link/link.hpp"
#include "ews/live/modbus_tcp_server.hpp"

namespace ews::live {

class EngineLinkHandler final : public RequestHandler {
 public:
  /// `answerTimeout`: how long a client waits for the engine (wall time) before the server
  /// answers GatewayTargetFailedToRespond, e.g. after the run has ended.
  EngineLinkHandler(Engine& engine, link::Link& line, std::chrono::milliseconds answerTimeout);

  link::ExceptionCode handle(std::uint8_t unitId, const link::Request& request) override;

 private:
  Engine* engine_;
  link::Link* line_;
  std::chrono::milliseconds answerTimeout_;
};

/// What a Modbus RS485/IP gateway answers a TCP client for each outcome on its line.
link::ExceptionCode gatewayAnswerFor(const link::Result& lineResult);

}  // namespace ews::live
