#pragma once
// Sending an answer whose body is already in memory (an API reply, a static file) in one write
// to the socket. Poco's response streams (send(), sendBuffer()) cut every answer into 4 KiB
// writes: the 12 KiB overview of a 255-device site took four send calls, the largest part of
// the server's system time under load (docs/web-server.md, "Benchmark").
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string_view>

namespace ews::web::detail {

/// Sets Content-Length and sends the response's header and `body` (none for HEAD) at once.
/// Nothing may be sent on `response` afterwards.
void sendWholeAnswer(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                     std::string_view body);

}  // namespace ews::web::detail
