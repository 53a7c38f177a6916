#include "ews/live/engine_link_handler.hpp"

namespace ews::live {

EngineLinkHandler::EngineLinkHandler(Engine& engine, link::Link& line) : engine_(&engine), line_(&line) {}

link::ExceptionCode gatewayAnswerFor(const link::Result& lineResult) {
  switch (lineResult.status) {
    case link::Status::Ok: return link::ExceptionCode::None;
    case link::Status::Exception: return lineResult.exception;
    // No valid answer on the RS485 line: a gateway reports that its target did not respond.
    case link::Status::Timeout:
    case link::Status::CrcError: return link::ExceptionCode::GatewayTargetFailedToRespond;
    case link::Status::Disconnected: return link::ExceptionCode::GatewayPathUnavailable;
    case link::Status::InvalidRequest: return link::ExceptionCode::IllegalDataValue;
  }
  return link::ExceptionCode::ServerDeviceFailure;
}

void EngineLinkHandler::handleAsync(std::uint8_t unitId, const link::Request& request, Completion done) {
  // The request and its buffers stay valid until `done` is called (the server's contract), so
  // the transaction refers to them instead of copying the values.
  switch (request.function) {
    case link::Function::WriteSingleCoil:
    case link::Function::WriteSingleRegister:
    case link::Function::WriteMultipleCoils:
    case link::Function::WriteMultipleRegisters: writes_[unitId].fetch_add(1, std::memory_order_relaxed); break;
    default: break;
  }
  Transaction transaction{request, std::move(done)};
  transaction.request.unitId = unitId;
  batch_.push_back(std::move(transaction));
}

void EngineLinkHandler::flush() {
  if (batch_.empty()) return;
  engine_->post([line = line_, batch = std::move(batch_)]() mutable {
    for (Transaction& transaction : batch) transaction.done(gatewayAnswerFor(line->transact(transaction.request)));
  });
  batch_.clear();  // moved-from: valid but unspecified until cleared
}

}  // namespace ews::live
