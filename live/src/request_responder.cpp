#include "request_responder.hpp"

#include <algorithm>

namespace ews::live::detail {

std::optional<link::ExceptionCode> RequestResponder::start(std::span<const std::uint8_t> adu,
                                                           const std::shared_ptr<PendingRequest>& pending) {
  const tcpframe::DecodedRequest decoded = tcpframe::decodeRequest(adu, pending->writeValues, pending->readValues);
  pending->request = decoded.request;
  if (decoded.error != link::ExceptionCode::None) return decoded.error;

  const link::Request& request = pending->request;
  // Zeroed so a handler that skips a value cannot leak the previous request's data.
  std::fill(request.readBuffer.begin(), request.readBuffer.end(), std::uint16_t{0});
  pending->beginHandling();
  try {
    handler_.handleAsync(request.unitId, request, Completion(pending));
  } catch (...) {
    // The client gets a protocol-correct answer and the server thread survives (docs/design.md decision 10).
    // A completion the handler passed on before throwing is dropped.
    if (pending->abandon()) return link::ExceptionCode::ServerDeviceFailure;
  }
  return pending->awaitAnswer();
}

std::span<const std::uint8_t> RequestResponder::respond(std::span<const std::uint8_t> adu,
                                                        const link::Request& request, link::ExceptionCode answer) {
  const std::size_t bytes = answer == link::ExceptionCode::None
                                ? tcpframe::encodeResponse(adu, request, response_)
                                : tcpframe::encodeException(adu, answer, response_);
  return std::span<const std::uint8_t>(response_).first(bytes);
}

}  // namespace ews::live::detail
