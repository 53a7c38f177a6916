#include "request_responder.hpp"

#include <algorithm>

namespace ews::live::detail {

std::span<const std::uint8_t> RequestResponder::respond(std::span<const std::uint8_t> adu) {
  const tcpframe::DecodedRequest decoded = tcpframe::decodeRequest(adu, writeValues_, readValues_);
  link::ExceptionCode exception = decoded.error;
  if (exception == link::ExceptionCode::None) exception = askHandler(decoded.request);
  const std::size_t bytes = exception == link::ExceptionCode::None
                                ? tcpframe::encodeResponse(adu, decoded.request, response_)
                                : tcpframe::encodeException(adu, exception, response_);
  return std::span<const std::uint8_t>(response_).first(bytes);
}

link::ExceptionCode RequestResponder::askHandler(const link::Request& request) {
  // Zeroed so a handler that skips a value cannot leak the previous request's data.
  std::fill(request.readBuffer.begin(), request.readBuffer.end(), std::uint16_t{0});
  try {
    return handler_.handle(request.unitId, request);
  } catch (...) {
    // The client gets a protocol-correct answer and the server thread survives (DESIGN 10).
    return link::ExceptionCode::ServerDeviceFailure;
  }
}

}  // namespace ews::live::detail
