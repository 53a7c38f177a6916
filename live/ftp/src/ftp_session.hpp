#pragma once
// One FTP control connection (RFC 959 with RFC 2228/4217 AUTH TLS, RFC 2428 EPSV, RFC 3659
// SIZE/MDTM/REST): the commands a client needs to log in, move around, list and download, and
// a refusal for every command that would change anything.
#include <Poco/Net/Context.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <cstdint>
#include <optional>
#include <string>

#include "ews/ftp/ftp_server.hpp"

namespace ews::ftp::detail {

class FtpSession {
 public:
  /// `tls` null: AUTH is refused. Both must outlive the session.
  FtpSession(Poco::Net::StreamSocket socket, const FtpServerConfig& config, Poco::Net::Context::Ptr tls);
  /// Serves the connection until QUIT, a timeout, too many wrong passwords or a closed socket.
  void run();

 private:
  /// false: the connection ends.
  bool handle(const std::string& verb, const std::string& argument);
  bool login(const std::string& password);
  void reply(int code, const std::string& text);
  std::optional<std::string> readLine();

  void openPassive(bool extended);
  /// The accepted data connection (TLS when PROT P), or nullopt after replying 425.
  std::optional<Poco::Net::StreamSocket> acceptData();
  void sendData(const std::string& text);
  void list(const std::string& argument, bool namesOnly);
  void retrieve(const std::string& argument);

  Poco::Net::StreamSocket control_;
  const FtpServerConfig& config_;
  Poco::Net::Context::Ptr tls_;
  std::string buffer_;  ///< bytes read after the last line
  std::string user_;
  bool loggedIn_ = false;
  int failedLogins_ = 0;
  bool protectData_ = false;  ///< PROT P
  std::string cwd_ = "/";
  std::uint64_t restartAt_ = 0;  ///< REST
  std::optional<Poco::Net::ServerSocket> passive_;
};

}  // namespace ews::ftp::detail
