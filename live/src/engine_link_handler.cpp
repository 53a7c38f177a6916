#include "ews/live/engine_link_handler.hpp"

#include <algorithm>
#include <future>
#include <memory>
#include <vector>

namespace ews::live {

namespace {
/// Everything the engine thread touches lives here, owned jointly: if the client gives up
/// waiting, a command still queued in the engine never writes into a dead stack frame.
struct PendingTransaction {
  link::Request request;
  std::vector<std::uint16_t> writeValues;
  std::vector<std::uint16_t> readValues;
  std::promise<link::Result> done;
};
}  // namespace

EngineLinkHandler::EngineLinkHandler(Engine& engine, link::Link& line, std::chrono::milliseconds answerTimeout)
    : engine_(&engine), line_(&line), answerTimeout_(answerTimeout) {}

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

link::ExceptionCode EngineLinkHandler::handle(std::uint8_t unitId, const link::Request& request) {
  auto pending = std::make_shared<PendingTransaction>();
  pending->writeValues.assign(request.writeValues.begin(), request.writeValues.end());
  pending->readValues.resize(request.readBuffer.size());
  pending->request = request;
  pending->request.unitId = unitId;
  pending->request.writeValues = pending->writeValues;
  pending->request.readBuffer = pending->readValues;
  auto answer = pending->done.get_future();

  engine_->post([pending, line = line_] { pending->done.set_value(line->transact(pending->request)); });
  if (answer.wait_for(answerTimeout_) != std::future_status::ready) {
    return link::ExceptionCode::GatewayTargetFailedToRespond;
  }
  const link::Result result = answer.get();
  if (result.ok() && link::isRead(request.function)) {
    std::copy_n(pending->readValues.begin(), request.count, request.readBuffer.begin());
  }
  return gatewayAnswerFor(result);
}

}  // namespace ews::live
