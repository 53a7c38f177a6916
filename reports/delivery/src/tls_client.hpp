#pragma once
// The TLS client side shared by the SMTP and Bot API clients (docs/delivery.md): peers are
// verified against the system's CAs (plus an optional PEM file), and a certificate that fails
// is refused without asking anyone (Poco would otherwise look for a console handler).
#include <Poco/Net/Context.h>

#include <string>

namespace ews::delivery {

/// A client context: TLS 1.2+, peer certificate and host name verified.
Poco::Net::Context::Ptr clientContext(const std::string& caFile);

}  // namespace ews::delivery
