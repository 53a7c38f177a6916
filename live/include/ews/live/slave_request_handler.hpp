#pragma once
// The Modbus TCP server of a slave Energy Web Server (manual 7.16.6.1, "Modbus TCP Server used
// for Master/Slave function"): a ModbusTcpServer with this handler serves the values of a
// stack::SlaveRegisters to its masters (docs/master-slave.md). Answering reads one published
// snapshot and never waits on the engine (docs/design.md decision 8), so the synchronous handler keeps
// every client served at once; several masters (or mbpoll) may poll one slave together.
#include <atomic>
#include <cstdint>
#include <memory>

#include "ews/live/modbus_tcp_server.hpp"

namespace ews::stack {
class SlaveRegisters;
}

namespace ews::live {

class SlaveRequestHandler final : public RequestHandler {
 public:
  explicit SlaveRequestHandler(std::shared_ptr<const stack::SlaveRegisters> registers)
      : registers_(std::move(registers)) {}
  /// Serves `registers` from the next request on (any thread): those of the stack a
  /// configuration change built; nullptr when the rebuilt stack serves no masters. A request
  /// being answered keeps the registers it started with alive until it is answered.
  void follow(std::shared_ptr<const stack::SlaveRegisters> registers) { registers_.store(std::move(registers)); }
  /// stack::SlaveRegisters::answer: unit 247, function 3, served registers only; exception
  /// 0x0A (gateway path unavailable) while no registers are served.
  link::ExceptionCode handle(std::uint8_t unitId, const link::Request& request) override;

 private:
  std::atomic<std::shared_ptr<const stack::SlaveRegisters>> registers_;
};

}  // namespace ews::live
