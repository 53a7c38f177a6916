#pragma once
// The Modbus TCP server of a slave Energy Web Server (manual 7.16.6.1, "Modbus TCP Server used
// for Master/Slave function"): a ModbusTcpServer with this handler serves the values of a
// stack::SlaveRegisters to its masters (docs/master-slave.md). Answering reads one published
// snapshot and never waits on the engine (docs/design.md decision 8), so the synchronous handler keeps
// every client served at once; several masters (or mbpoll) may poll one slave together.
#include <cstdint>

#include "ews/live/modbus_tcp_server.hpp"

namespace ews::stack {
class SlaveRegisters;
}

namespace ews::live {

class SlaveRequestHandler final : public RequestHandler {
 public:
  /// `registers` must outlive the handler.
  explicit SlaveRequestHandler(const stack::SlaveRegisters& registers) : registers_(&registers) {}
  /// stack::SlaveRegisters::answer: unit 247, function 3, served registers only.
  link::ExceptionCode handle(std::uint8_t unitId, const link::Request& request) override;

 private:
  const stack::SlaveRegisters* registers_;
};

}  // namespace ews::live
