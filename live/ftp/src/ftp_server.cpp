#include "ews/ftp/ftp_server.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServerParams.h>
#include <fmt/format.h>

#include <map>
#include <memory>
#include <mutex>

#include "ftp_session.hpp"

namespace ews::ftp {

namespace {
/// Sessions open per client address: over the limit a new one is told so and closed, so one
/// client cannot take every session of the pool.
class AddressCounts {
 public:
  explicit AddressCounts(int limit) : limit_(limit) {}
  bool enter(const std::string& address) {
    const std::lock_guard lock(mutex_);
    int& count = counts_[address];
    if (count >= limit_) return false;
    ++count;
    return true;
  }
  void leave(const std::string& address) {
    const std::lock_guard lock(mutex_);
    if (--counts_[address] <= 0) counts_.erase(address);
  }

 private:
  int limit_;
  std::mutex mutex_;
  std::map<std::string, int> counts_;
};

class Connection : public Poco::Net::TCPServerConnection {
 public:
  Connection(const Poco::Net::StreamSocket& socket, std::shared_ptr<const FtpServerConfig> config,
             Poco::Net::Context::Ptr tls, std::shared_ptr<AddressCounts> counts)
      : TCPServerConnection(socket), config_(std::move(config)), tls_(std::move(tls)), counts_(std::move(counts)) {}

  void run() override {
    const std::string address = socket().peerAddress().host().toString();
    if (!counts_->enter(address)) {
      const std::string busy = "421 Too many connections from your address\r\n";
      socket().sendBytes(busy.data(), static_cast<int>(busy.size()));
      return;
    }
    try {
      detail::FtpSession(socket(), *config_, tls_).run();
    } catch (const Poco::Exception&) {
      // A reset connection or a failed TLS handshake ends this session only.
    }
    counts_->leave(address);
  }

 private:
  // Shared: a session may outlive the FtpServer that stopped accepting by a moment.
  std::shared_ptr<const FtpServerConfig> config_;
  Poco::Net::Context::Ptr tls_;
  std::shared_ptr<AddressCounts> counts_;
};

class Factory : public Poco::Net::TCPServerConnectionFactory {
 public:
  Factory(std::shared_ptr<const FtpServerConfig> config, Poco::Net::Context::Ptr tls,
          std::shared_ptr<AddressCounts> counts)
      : config_(std::move(config)), tls_(std::move(tls)), counts_(std::move(counts)) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new Connection(socket, config_, tls_, counts_);
  }

 private:
  std::shared_ptr<const FtpServerConfig> config_;
  Poco::Net::Context::Ptr tls_;
  std::shared_ptr<AddressCounts> counts_;
};
}  // namespace

struct FtpServer::Impl {
  explicit Impl(FtpServerConfig cfg)
      : config(std::make_shared<const FtpServerConfig>(std::move(cfg))),
        counts(std::make_shared<AddressCounts>(config->maxConnectionsPerAddress)) {
    if (config->tls) {
      tls = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, config->tls->second.string(),
                                   config->tls->first.string(), "", Poco::Net::Context::VERIFY_NONE, 9, false,
                                   "HIGH:!aNULL:!MD5:!RC4");
      tls->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    }
    Poco::Net::ServerSocket listener(Poco::Net::SocketAddress(config->host, config->port));
    auto* params = new Poco::Net::TCPServerParams;
    params->setMaxThreads(config->maxConnections);
    params->setMaxQueued(config->maxConnections);
    server = std::make_unique<Poco::Net::TCPServer>(new Factory(config, tls, counts), listener, params);
    server->start();
  }
  std::shared_ptr<const FtpServerConfig> config;
  std::shared_ptr<AddressCounts> counts;
  Poco::Net::Context::Ptr tls;
  std::unique_ptr<Poco::Net::TCPServer> server;
};

FtpServer::FtpServer(FtpServerConfig config) {
  try {
    impl_ = std::make_unique<Impl>(std::move(config));
  } catch (const Poco::Exception& error) {
    throw std::runtime_error(fmt::format("FTP server: {}", error.displayText()));
  }
}

FtpServer::~FtpServer() { stop(); }

std::uint16_t FtpServer::port() const { return impl_->server->port(); }

void FtpServer::stop() {
  if (impl_ && impl_->server) impl_->server->stop();
}

}  // namespace ews::ftp
