#pragma once
// Serves a Link that belongs to an engine to Modbus TCP clients (`ews twin`: one simulated
// gateway's SimLink). Requests arrive on the server's thread; they are posted to the engine's
// input queue (docs/design.md decision 8) and go through the Link on the engine thread, at the
// engine's current tick, so a scenario's faults and the models' state apply exactly as for
// the twin's own poller. The server thread does nothing but post: it goes on serving the other
// clients meanwhile. The requests of one server round are posted as one command, so the engine
// wakes once for all of them and runs them one after the other at the same tick.
#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

#include "ews/kernel/engine.hpp"
#include "ews/link/link.hpp"
#include "ews/live/modbus_tcp_server.hpp"

namespace ews::live {

class EngineLinkHandler final : public AsyncRequestHandler {
 public:
  /// Both must outlive the server. A request the engine does not run in time (the run has
  /// ended, the engine is stopped) is answered by the server after its answerTimeout.
  EngineLinkHandler(Engine& engine, link::Link& line);

  void handleAsync(std::uint8_t unitId, const link::Request& request, Completion done) override;
  /// Posts the requests collected since the last flush as one command.
  void flush() override;

  /// Write requests (functions 5, 6, 15, 16) received for `unitId` since the start: what a
  /// test counts to show that a device was, or was not, written to. Any thread.
  std::uint64_t writesReceived(std::uint8_t unitId) const { return writes_[unitId].load(std::memory_order_relaxed); }

 private:
  struct Transaction {
    link::Request request;  ///< its buffers are the server's, valid until `done`
    Completion done;
  };

  Engine* engine_;
  link::Link* line_;
  std::vector<Transaction> batch_;  ///< server thread only
  std::array<std::atomic<std::uint64_t>, 256> writes_{};
};

/// What a Modbus RS485/IP gateway answers a TCP client for each outcome on its line.
link::ExceptionCode gatewayAnswerFor(const link::Result& lineResult);

}  // namespace ews::live
