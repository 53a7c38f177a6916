#pragma once
// One HTTP connection of the web server, served on a pool thread for its life: the requests of
// a keep-alive connection one after the other, as Poco's HTTPServerConnection does, with two
// differences. It tells the connection table what it is doing (waiting, reading a request,
// answering), so that an idle or stalled connection can give way to a new one. And it waits for
// the next request with one poll() on the socket: Poco's wait creates, fills and closes an epoll
// descriptor for every request, four system calls where one does (docs/web-server.md,
// "Benchmark").
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include "connection_table.hpp"

namespace ews::web::detail {

class KeepAliveConnection final : public Poco::Net::TCPServerConnection {
 public:
  KeepAliveConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, ConnectionTable& table);
  void run() override;

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  ConnectionTable& table_;
};

class KeepAliveConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  KeepAliveConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                             ConnectionTable& table)
      : params_(std::move(params)), handlers_(std::move(handlers)), table_(table) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new KeepAliveConnection(socket, params_, handlers_, table_);
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  ConnectionTable& table_;
};

}  // namespace ews::web::detail
