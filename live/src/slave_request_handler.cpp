#include "ews/live/slave_request_handler.hpp"

#include "ews/stack/slave_registers.hpp"

namespace ews::live {

link::ExceptionCode SlaveRequestHandler::handle(std::uint8_t /*unitId*/, const link::Request& request) {
  // One load: a follow() meanwhile cannot free what this answer reads.
  const std::shared_ptr<const stack::SlaveRegisters> registers = registers_.load();
  if (!registers) return link::ExceptionCode::GatewayPathUnavailable;
  // The unit id is also in request.unitId, which answer() checks.
  return registers->answer(request);
}

}  // namespace ews::live
