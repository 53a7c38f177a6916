#include "keep_alive_connection.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <poll.h>

#include <memory>

namespace ews::web::detail {

namespace {

using Poco::Net::HTTPResponse;
using State = ConnectionTable::State;

/// Poco's server session, with what the wait for the next request needs to see.
class Session final : public Poco::Net::HTTPServerSession {
 public:
  using HTTPServerSession::HTTPServerSession;
  /// Bytes of the next request already read from the socket (a pipelining client).
  bool hasBufferedInput() const { return buffered() > 0; }
};

/// Whether the socket has bytes (or a close) to read within `timeout`.
bool readable(const Poco::Net::StreamSocket& socket, Poco::Timespan timeout) {
  pollfd slot{socket.impl()->sockfd(), POLLIN, 0};
  const auto timeoutMs = static_cast<int>(timeout.totalMilliseconds());
  int ready = 0;
  do {
    ready = ::poll(&slot, 1, timeoutMs);
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

/// A bare answer of the connection itself (a malformed request, no handler), then it closes.
void sendErrorResponse(Poco::Net::HTTPServerSession& session, HTTPResponse::HTTPStatus status) {
  Poco::Net::HTTPServerResponseImpl response(session);
  response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  response.setStatusAndReason(status);
  response.setKeepAlive(false);
  response.setContentLength(0);
  response.send();
  session.setKeepAlive(false);
}

/// Removes the connection from the table when its thread leaves, before the session closes the
/// socket (declared after the session, so destroyed before it).
class TableEntry {
 public:
  TableEntry(ConnectionTable& table, const Poco::Net::StreamSocket& socket)
      : table_(table), socket_(socket), activity_(table.activityOf(socket)) {}
  ~TableEntry() { table_.remove(socket_); }
  TableEntry(const TableEntry&) = delete;
  TableEntry& operator=(const TableEntry&) = delete;
  void set(State state) { activity_->set(state, ConnectionTable::Clock::now()); }

 private:
  ConnectionTable& table_;
  const Poco::Net::StreamSocket& socket_;
  std::shared_ptr<ConnectionTable::Activity> activity_;
};

}  // namespace

KeepAliveConnection::KeepAliveConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                                         Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, ConnectionTable& table)
    : TCPServerConnection(socket), params_(std::move(params)), handlers_(std::move(handlers)), table_(table) {}

void KeepAliveConnection::run() {
  Session session(socket(), params_);
  TableEntry entry(table_, socket());
  const std::string& server = params_->getSoftwareVersion();
  int requestsLeft = params_->getMaxKeepAliveRequests();
  // The first request within the request timeout, the next ones within the keep-alive timeout.
  Poco::Timespan wait = params_->getTimeout();
  while (requestsLeft != 0) {
    if (!session.hasBufferedInput() && !readable(socket(), wait)) break;
    if (requestsLeft > 0) --requestsLeft;
    entry.set(State::Reading);
    try {
      Poco::Net::HTTPServerResponseImpl response(session);
      Poco::Net::HTTPServerRequestImpl request(response, session, params_);
      entry.set(State::Answering);
      response.setDate(Poco::Timestamp());
      response.setVersion(request.getVersion());
      response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() && session.canKeepAlive());
      if (!server.empty()) response.set("Server", server);
      const std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(handlers_->createRequestHandler(request));
      if (!handler) {
        sendErrorResponse(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
        break;
      }
      if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK) response.sendContinue();
      handler->handleRequest(request, response);
      session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() && session.canKeepAlive());
    } catch (const Poco::Net::NoMessageException&) {
      break;  // the client closed the connection
    } catch (const Poco::Net::MessageException&) {
      // Not HTTP, or a header over Poco's limits: answered, then closed.
      try {
        sendErrorResponse(session, HTTPResponse::HTTP_BAD_REQUEST);
      } catch (const Poco::Exception&) {
      }
      break;
    } catch (const Poco::Exception&) {
      break;  // a reset, a timeout or a closed socket: nothing more to say on it
    }
    if (!session.getKeepAlive()) break;
    entry.set(State::Idle);
    wait = params_->getKeepAliveTimeout();
  }
}

}  // namespace ews::web::detail
