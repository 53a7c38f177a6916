#pragma once
// Read-only FTP access to the CSV tree (manual 8.4.2, docs/connector.md "FTP access"): the user
// `wsmeasure` with the password of the CSV settings lists and downloads the files under the
// tree's root and nothing else. Passive mode only, explicit FTPS (AUTH TLS) when a certificate
// is given, a bounded number of connections per client address and in all, idle timeouts.
// Hand-written on Poco's TCPServer (the web server's library): why not vsftpd, see the docs.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "ews/kernel/time.hpp"

namespace ews::ftp {

struct FtpServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  ///< 0: a free port (tests), see FtpServer::port(); 21 on site
  std::filesystem::path root;  ///< the CSV tree
  std::string user = "wsmeasure";  ///< fixed on the box (manual 8.4.2: "not changeable")
  /// The password `wsmeasure` logs in with, asked at each login (the settings may change it
  /// while the server runs).
  std::function<std::string()> password;
  /// PEM certificate and key for AUTH TLS; nullopt: plain FTP only (AUTH is refused).
  std::optional<std::pair<std::filesystem::path, std::filesystem::path>> tls;
  int maxConnections = 16;         ///< sessions served at once
  int maxConnectionsPerAddress = 4;
  Duration idleTimeout = minutes(5);     ///< a control connection silent this long is closed
  Duration dataTimeout = seconds(30);    ///< to open the passive data connection, and per block
  Duration failedLoginDelay = seconds(1);  ///< before answering a wrong password
};

class FtpServer {
 public:
  /// Starts listening. Throws std::runtime_error when it cannot (port taken, bad certificate).
  explicit FtpServer(FtpServerConfig config);
  ~FtpServer();  ///< stops
  FtpServer(const FtpServer&) = delete;
  FtpServer& operator=(const FtpServer&) = delete;

  std::uint16_t port() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ews::ftp
