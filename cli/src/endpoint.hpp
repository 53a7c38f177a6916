#pragma once
// HOST:PORT on the command line (`ews twin --listen`, `ews live --gateway NAME=HOST:PORT`).
#include <cstdint>
#include <optional>
#include <string>

namespace ews::cli {

struct Endpoint {
  std::string host;
  std::uint16_t port = 0;
};

/// "127.0.0.1:1502", "gw.local:502", "[::1]:502" is not supported (the last colon splits).
/// nullopt for a missing host, a missing or non-numeric port, or a port above 65535.
std::optional<Endpoint> parseEndpoint(const std::string& text);

}  // namespace ews::cli
