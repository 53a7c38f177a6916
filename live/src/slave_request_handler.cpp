#include "ews/live/slave_request_handler.hpp"

#include "ews/stack/slave_registers.hpp"

namespace ews::live {

link::ExceptionCode SlaveRequestHandler::handle(std::uint8_t /*unitId*/, const link::Request& request) {
  // The unit id is also in request.unitId, which answer() checks.
  return registers_->answer(request);
}

}  // namespace ews::live
