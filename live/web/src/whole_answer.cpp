#include "whole_answer.hpp"

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/StreamSocket.h>

#include <sstream>
#include <string>

namespace ews::web::detail {

void sendWholeAnswer(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                     std::string_view body) {
  response.setContentLength64(static_cast<Poco::Int64>(body.size()));
  const bool withBody = request.getMethod() != Poco::Net::HTTPRequest::HTTP_HEAD;
  // The server's requests are HTTPServerRequestImpl, whose socket is the connection's (plain or
  // TLS); any other kind (none today) takes Poco's own way.
  auto* server = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
  if (server == nullptr) {
    std::ostream& out = response.send();
    if (withBody) out.write(body.data(), static_cast<std::streamsize>(body.size()));
    return;
  }
  // The header as Poco writes it (status line, Date, Server, Connection of the keep-alive
  // decision, the handler's fields), then the body, in one buffer.
  std::ostringstream head;
  response.write(head);
  std::string answer = std::move(head).str();
  if (withBody) answer.append(body);
  server->socket().sendBytes(answer.data(), static_cast<int>(answer.size()));
}

}  // namespace ews::web::detail
