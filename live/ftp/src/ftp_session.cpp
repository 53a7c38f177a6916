#include "ftp_session.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>
#include <utility>
#include <vector>

#include "virtual_path.hpp"

namespace ews::ftp::detail {

namespace fs = std::filesystem;

namespace {
constexpr std::size_t kMaxLine = 1024;  // RFC 959 has no limit; no real command is longer
constexpr int kMaxFailedLogins = 3;
constexpr std::size_t kChunkBytes = 64 * 1024;

Poco::Timespan timespan(Duration d) { return Poco::Timespan(d.count()); }

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

/// Every command that would change the tree: refused with 550 after login (read-only access).
bool isWriteCommand(const std::string& verb) {
  static constexpr std::array<std::string_view, 10> kWrites{"STOR", "STOU", "APPE", "DELE", "RMD",
                                                            "XRMD", "MKD",  "XMKD", "RNFR", "RNTO"};
  return std::find(kWrites.begin(), kWrites.end(), verb) != kWrites.end();
}

std::time_t modifiedTime(const fs::path& path) {
  std::error_code error;
  const auto written = fs::last_write_time(path, error);
  if (error) return 0;
  return std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(written));
}

/// One `ls -l` style line, the form every client (browsers, file managers, ftplib's dir) reads.
std::string listLine(const fs::directory_entry& entry) {
  std::error_code error;
  const bool folder = entry.is_directory(error);
  const std::uint64_t bytes = folder ? 4096 : entry.file_size(error);
  const std::time_t when = modifiedTime(entry.path());
  std::tm utc{};
  gmtime_r(&when, &utc);
  std::array<char, 32> date{};
  std::strftime(date.data(), date.size(), "%b %d %H:%M", &utc);
  return fmt::format("{} 1 ews ews {:>12} {} {}\r\n", folder ? "dr-xr-xr-x" : "-r--r--r--", bytes, date.data(),
                     entry.path().filename().string());
}

void sendAll(Poco::Net::StreamSocket& socket, const char* data, std::size_t bytes) {
  while (bytes > 0) {
    const int sent = socket.sendBytes(data, static_cast<int>(std::min<std::size_t>(bytes, kChunkBytes)));
    if (sent <= 0) throw Poco::Net::NetException("data connection closed");
    data += sent;
    bytes -= static_cast<std::size_t>(sent);
  }
}
}  // namespace

FtpSession::FtpSession(Poco::Net::StreamSocket socket, const FtpServerConfig& config, Poco::Net::Context::Ptr tls)
    : control_(std::move(socket)), config_(config), tls_(std::move(tls)) {}

void FtpSession::run() {
  control_.setReceiveTimeout(timespan(config_.idleTimeout));
  control_.setSendTimeout(timespan(config_.dataTimeout));
  reply(220, "Energy Web Server: read-only access to the CSV files");
  try {
    while (const auto line = readLine()) {
      const auto space = line->find(' ');
      const std::string verb = upper(line->substr(0, space));
      const std::string argument = space == std::string::npos ? std::string() : line->substr(space + 1);
      if (!handle(verb, argument)) break;
    }
  } catch (const Poco::TimeoutException&) {
    reply(421, "Idle too long: closing the connection");
  }
}

std::optional<std::string> FtpSession::readLine() {
  for (;;) {
    const auto end = buffer_.find('\n');
    if (end != std::string::npos) {
      std::string line = buffer_.substr(0, end);
      buffer_.erase(0, end + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (buffer_.size() > kMaxLine) {
      reply(500, "Command line too long");
      return std::nullopt;
    }
    std::array<char, 512> chunk{};
    const int got = control_.receiveBytes(chunk.data(), static_cast<int>(chunk.size()));
    if (got <= 0) return std::nullopt;
    buffer_.append(chunk.data(), static_cast<std::size_t>(got));
  }
}

void FtpSession::reply(int code, const std::string& text) {
  const std::string line = fmt::format("{} {}\r\n", code, text);
  try {
    sendAll(control_, line.data(), line.size());
  } catch (const Poco::Exception&) {
    // The client is gone: the read that follows ends the session.
  }
}

bool FtpSession::handle(const std::string& verb, const std::string& argument) {
  // Before login: only what it takes to log in (over TLS if wanted).
  if (verb == "QUIT") {
    reply(221, "Goodbye");
    return false;
  }
  if (verb == "NOOP") return reply(200, "OK"), true;
  if (verb == "SYST") return reply(215, "UNIX Type: L8"), true;
  if (verb == "FEAT") {
    const std::string tls = tls_ ? " AUTH TLS\r\n PBSZ\r\n PROT\r\n" : "";
    const std::string text = "211-Features:\r\n" + tls + " EPSV\r\n PASV\r\n SIZE\r\n MDTM\r\n REST STREAM\r\n UTF8\r\n211 End\r\n";
    sendAll(control_, text.data(), text.size());
    return true;
  }
  if (verb == "OPTS") return reply(200, "UTF8 is always on"), true;
  if (verb == "AUTH") {
    if (!tls_) return reply(502, "TLS is not configured on this server"), true;
    if (upper(argument) != "TLS" && upper(argument) != "TLS-C" && upper(argument) != "SSL") {
      return reply(504, "AUTH TLS only"), true;
    }
    reply(234, "Proceed with TLS");
    control_ = Poco::Net::SecureStreamSocket::attach(control_, tls_);
    buffer_.clear();  // nothing sent in clear after AUTH may be taken as a command
    return true;
  }
  if (verb == "PBSZ") return reply(200, "PBSZ=0"), true;
  if (verb == "PROT") {
    const std::string level = upper(argument);
    if (level == "P" && tls_) {
      protectData_ = true;
      return reply(200, "Data connections protected"), true;
    }
    if (level == "C") {
      protectData_ = false;
      return reply(200, "Data connections in clear"), true;
    }
    return reply(536, "PROT C or P (after AUTH TLS) only"), true;
  }
  if (verb == "USER") {
    user_ = argument;
    loggedIn_ = false;
    return reply(331, "Password required"), true;
  }
  if (verb == "PASS") return login(argument);
  if (!loggedIn_) return reply(530, "Log in first"), true;

  if (isWriteCommand(verb)) return reply(550, "Read-only access: the CSV files cannot be changed over FTP"), true;
  if (verb == "PWD" || verb == "XPWD") return reply(257, fmt::format("\"{}\" is the current folder", cwd_)), true;
  if (verb == "CWD" || verb == "XCWD" || verb == "CDUP" || verb == "XCUP") {
    const std::string target = resolveVirtual(cwd_, verb == "CDUP" || verb == "XCUP" ? ".." : argument);
    const auto real = realPath(config_.root, target);
    std::error_code error;
    if (!real || !fs::is_directory(*real, error)) return reply(550, "No such folder"), true;
    cwd_ = target;
    return reply(250, fmt::format("Folder is now \"{}\"", cwd_)), true;
  }
  if (verb == "TYPE") return reply(200, "Type set (files are sent unchanged in both types)"), true;
  if (verb == "MODE" || verb == "STRU") {
    return upper(argument) == "S" || upper(argument) == "F" ? (reply(200, "OK"), true) : (reply(504, "Not supported"), true);
  }
  if (verb == "PASV") return openPassive(false), true;
  if (verb == "EPSV") return openPassive(true), true;
  if (verb == "PORT" || verb == "EPRT") {
    // The box never connects out to an address a client names (no FTP bounce), and passive
    // mode crosses NAT routers: active mode is refused.
    return reply(502, "Active mode is not supported: use passive mode (PASV/EPSV)"), true;
  }
  if (verb == "LIST" || verb == "NLST") return list(argument, verb == "NLST"), true;
  if (verb == "RETR") return retrieve(argument), true;
  if (verb == "REST") {
    try {
      restartAt_ = std::stoull(argument);
      return reply(350, fmt::format("Restarting at {}", restartAt_)), true;
    } catch (const std::exception&) {
      return reply(501, "REST needs a byte offset"), true;
    }
  }
  if (verb == "SIZE" || verb == "MDTM") {
    const auto real = realPath(config_.root, resolveVirtual(cwd_, argument));
    std::error_code error;
    if (!real || !fs::is_regular_file(*real, error)) return reply(550, "No such file"), true;
    if (verb == "SIZE") return reply(213, std::to_string(fs::file_size(*real, error))), true;
    const std::time_t when = modifiedTime(*real);
    std::tm utc{};
    gmtime_r(&when, &utc);
    std::array<char, 16> text{};
    std::strftime(text.data(), text.size(), "%Y%m%d%H%M%S", &utc);
    return reply(213, text.data()), true;
  }
  return reply(502, fmt::format("{} is not implemented", verb)), true;
}

bool FtpSession::login(const std::string& password) {
  // The password is compared whole, whatever the user name, so a wrong user and a wrong
  // password take the same time and get the same answer.
  const std::string expected = config_.password ? config_.password() : std::string();
  const bool passwordOk = !expected.empty() && password.size() == expected.size() &&
                          std::equal(password.begin(), password.end(), expected.begin());
  if (user_ == config_.user && passwordOk) {
    loggedIn_ = true;
    failedLogins_ = 0;
    cwd_.assign(1, '/');  // (not `= "/"`: g++ 12 -O3 warns -Wrestrict on that, a known false alarm)
    reply(230, "Logged in: read-only access to the CSV files");
    return true;
  }
  std::this_thread::sleep_for(std::chrono::microseconds(config_.failedLoginDelay.count()));
  if (++failedLogins_ >= kMaxFailedLogins) {
    reply(421, "Too many failed logins: closing the connection");
    return false;
  }
  reply(530, "Login incorrect");
  return true;
}

void FtpSession::openPassive(bool extended) {
  const Poco::Net::SocketAddress local = control_.address();
  if (!extended && local.family() != Poco::Net::AddressFamily::IPv4) {
    reply(522, "PASV is IPv4 only: use EPSV");
    return;
  }
  passive_.emplace(Poco::Net::SocketAddress(local.host(), 0), 1);
  const std::uint16_t port = passive_->address().port();
  if (extended) {
    reply(229, fmt::format("Entering Extended Passive Mode (|||{}|)", port));
    return;
  }
  std::string host = local.host().toString();
  std::replace(host.begin(), host.end(), '.', ',');
  reply(227, fmt::format("Entering Passive Mode ({},{},{})", host, port / 256, port % 256));
}

std::optional<Poco::Net::StreamSocket> FtpSession::acceptData() {
  if (!passive_) {
    reply(425, "Use PASV or EPSV first");
    return std::nullopt;
  }
  Poco::Net::ServerSocket listener = *passive_;
  passive_.reset();  // one transfer per PASV
  if (!listener.poll(timespan(config_.dataTimeout), Poco::Net::Socket::SELECT_READ)) {
    reply(425, "No data connection within the timeout");
    return std::nullopt;
  }
  Poco::Net::StreamSocket data = listener.acceptConnection();
  listener.close();
  // Only the client of this session may take its data connection (no port theft).
  if (data.peerAddress().host() != control_.peerAddress().host()) {
    data.close();
    reply(425, "The data connection came from another address");
    return std::nullopt;
  }
  data.setSendTimeout(timespan(config_.dataTimeout));
  data.setReceiveTimeout(timespan(config_.dataTimeout));
  if (protectData_) data = Poco::Net::SecureStreamSocket::attach(data, tls_);
  return data;
}

void FtpSession::sendData(const std::string& text) {
  reply(150, "Opening data connection");
  auto data = acceptData();
  if (!data) return;
  try {
    sendAll(*data, text.data(), text.size());
    data->shutdownSend();
    data->close();
    reply(226, "Transfer complete");
  } catch (const Poco::Exception& failure) {
    reply(426, fmt::format("Transfer aborted: {}", failure.displayText()));
  }
}

void FtpSession::list(const std::string& argument, bool namesOnly) {
  // Clients add ls options ("LIST -la"): they are ignored.
  const std::string path = !argument.empty() && argument.front() == '-' ? std::string() : argument;
  const auto real = realPath(config_.root, resolveVirtual(cwd_, path));
  std::error_code error;
  if (!real || !fs::exists(*real, error)) {
    reply(550, "No such file or folder");
    return;
  }
  std::vector<fs::directory_entry> entries;
  if (fs::is_directory(*real, error)) {
    for (const auto& entry : fs::directory_iterator(*real, error)) {
      // A symbolic link is not shown: only what the box wrote in the tree is served.
      if (!entry.is_symlink(error) && (entry.is_regular_file(error) || entry.is_directory(error))) entries.push_back(entry);
    }
  } else {
    entries.emplace_back(*real);
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path() < b.path(); });
  std::string text;
  for (const auto& entry : entries) text += namesOnly ? entry.path().filename().string() + "\r\n" : listLine(entry);
  sendData(text);
}

void FtpSession::retrieve(const std::string& argument) {
  const std::uint64_t offset = std::exchange(restartAt_, 0);
  const auto real = realPath(config_.root, resolveVirtual(cwd_, argument));
  std::error_code error;
  if (!real || !fs::is_regular_file(*real, error)) {
    reply(550, "No such file");
    return;
  }
  std::ifstream in(*real, std::ios::binary);
  if (!in) {
    reply(550, "The file cannot be read");
    return;
  }
  in.seekg(static_cast<std::streamoff>(offset));
  reply(150, fmt::format("Sending {}", fs::path(*real).filename().string()));
  auto data = acceptData();
  if (!data) return;
  try {
    std::vector<char> chunk(kChunkBytes);
    while (in) {
      in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      sendAll(*data, chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    data->shutdownSend();
    data->close();
    reply(226, "Transfer complete");
  } catch (const Poco::Exception& failure) {
    reply(426, fmt::format("Transfer aborted: {}", failure.displayText()));
  }
}

}  // namespace ews::ftp::detail
