#include "endpoint.hpp"

#include <exception>

namespace ews::cli {

std::optional<Endpoint> parseEndpoint(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  Endpoint endpoint{text.substr(0, colon), 0};
  try {
    std::size_t used = 0;
    const unsigned long port = std::stoul(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1 || port > 65535) return std::nullopt;
    endpoint.port = static_cast<std::uint16_t>(port);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return endpoint;
}

}  // namespace ews::cli
