#include "live_test_support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

extern char** environ;

namespace ews::live::test {

namespace {

using link::ExceptionCode;
using link::Function;

Table tableOf(Function function) {
  switch (function) {
    case Function::ReadCoils:
    case Function::WriteSingleCoil:
    case Function::WriteMultipleCoils: return Table::Coils;
    case Function::ReadDiscreteInputs: return Table::DiscreteInputs;
    case Function::ReadInputRegisters: return Table::InputRegisters;
    default: return Table::HoldingRegisters;
  }
}

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

}  // namespace

RegisterBank::RegisterBank(std::initializer_list<std::uint8_t> units) {
  for (const std::uint8_t unit : units) units_[unit];
}

link::ExceptionCode RegisterBank::handle(std::uint8_t unitId, const link::Request& request) {
  if (const auto delayMs = delayMs_.load(); delayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
  const std::scoped_lock lock(mutex_);
  lastUnit_ = unitId;
  ++handled_;
  if (throws_) throw std::runtime_error("handler failure on purpose");
  const auto found = units_.find(unitId);
  if (found == units_.end()) return ExceptionCode::GatewayTargetFailedToRespond;
  if (static_cast<std::size_t>(request.address) + request.count > kTableSize) return ExceptionCode::IllegalDataAddress;
  Values& values = found->second.tables[static_cast<std::size_t>(tableOf(request.function))];
  for (std::size_t i = 0; i < request.count; ++i) {
    if (link::isRead(request.function)) {
      request.readBuffer[i] = values[request.address + i];
    } else {
      values[request.address + i] = request.writeValues[i];
    }
  }
  return ExceptionCode::None;
}

void RegisterBank::set(std::uint8_t unit, Table table, std::uint16_t address, std::uint16_t value) {
  const std::scoped_lock lock(mutex_);
  units_.at(unit).tables[static_cast<std::size_t>(table)].at(address) = value;
}

std::uint16_t RegisterBank::get(std::uint8_t unit, Table table, std::uint16_t address) const {
  const std::scoped_lock lock(mutex_);
  return units_.at(unit).tables[static_cast<std::size_t>(table)].at(address);
}

std::optional<std::uint8_t> RegisterBank::lastUnit() const {
  const std::scoped_lock lock(mutex_);
  return lastUnit_;
}

link::Result readValues(link::Link& link, std::uint8_t unit, link::Function function, std::uint16_t address,
                        std::span<std::uint16_t> out) {
  link::Request request;
  request.unitId = unit;
  request.function = function;
  request.address = address;
  request.count = static_cast<std::uint16_t>(out.size());
  request.readBuffer = out;
  return link.transact(request);
}

link::Result writeValues(link::Link& link, std::uint8_t unit, link::Function function, std::uint16_t address,
                         std::span<const std::uint16_t> values) {
  link::Request request;
  request.unitId = unit;
  request.function = function;
  request.address = address;
  request.count = static_cast<std::uint16_t>(values.size());
  request.writeValues = values;
  return link.transact(request);
}

RawClient::RawClient(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "socket");
  const sockaddr_in address = loopback(port);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd_);
    throw std::system_error(error, std::generic_category(), "connect");
  }
}

RawClient::~RawClient() {
  if (fd_ >= 0) ::close(fd_);
}

void RawClient::reset() {
  const linger abortive{.l_onoff = 1, .l_linger = 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
  ::close(fd_);
  fd_ = -1;
}

void RawClient::send(std::span<const std::uint8_t> bytes) {
  if (::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(bytes.size())) {
    throw std::system_error(errno, std::generic_category(), "send");
  }
}

std::vector<std::uint8_t> RawClient::receive(std::size_t count, std::chrono::milliseconds timeout) {
  std::vector<std::uint8_t> bytes(count);
  std::size_t received = 0;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (received < count) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd slot{fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&slot, 1, static_cast<int>(left.count())) <= 0) break;
    const ssize_t n = ::recv(fd_, bytes.data() + received, count - received, 0);
    if (n <= 0) break;
    received += static_cast<std::size_t>(n);
  }
  bytes.resize(received);
  return bytes;
}

bool RawClient::closedByPeer(std::chrono::milliseconds timeout) {
  pollfd slot{fd_, POLLIN, 0};
  if (::poll(&slot, 1, static_cast<int>(timeout.count())) <= 0) return false;
  std::uint8_t byte = 0;
  const ssize_t n = ::recv(fd_, &byte, 1, MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno == ECONNRESET);
}

std::vector<std::uint8_t> mbapRequest(std::uint16_t transactionId, std::uint8_t unit,
                                      std::initializer_list<std::uint8_t> pdu) {
  const auto length = static_cast<std::uint16_t>(pdu.size() + 1);
  // Appended byte by byte: vector::insert of the PDU trips a GCC 12 -Warray-bounds false positive.
  std::vector<std::uint8_t> adu;
  adu.reserve(7 + pdu.size());
  for (const std::uint8_t byte : {static_cast<std::uint8_t>(transactionId >> 8),
                                  static_cast<std::uint8_t>(transactionId & 0xFF), std::uint8_t{0}, std::uint8_t{0},
                                  static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length & 0xFF),
                                  unit}) {
    adu.push_back(byte);
  }
  for (const std::uint8_t byte : pdu) adu.push_back(byte);
  return adu;
}

std::uint16_t unusedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const int error = errno;
    ::close(fd);
    throw std::system_error(error, std::generic_category(), "bind");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string findExecutable(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream directories(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string directory; std::getline(directories, directory, ':');) {
    const std::filesystem::path candidate = std::filesystem::path(directory) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  std::vector<char*> arguments;
  for (const std::string& argument : argv) arguments.push_back(const_cast<char*>(argument.c_str()));
  arguments.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  const int rc = ::posix_spawn(&pid_, arguments[0], &actions, nullptr, arguments.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    throw std::system_error(rc, std::generic_category(), "posix_spawn " + argv[0]);
  }
}

ChildProcess::~ChildProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (::waitpid(pid_, nullptr, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

CommandOutput runCommand(const std::string& command, std::chrono::seconds limit) {
  const std::string line = "timeout -k 2 " + std::to_string(limit.count()) + " " + command + " 2>&1";
  FILE* pipe = ::popen(line.c_str(), "r");
  if (pipe == nullptr) throw std::system_error(errno, std::generic_category(), "popen");
  CommandOutput result;
  std::array<char, 512> chunk{};
  while (const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), pipe)) result.output.append(chunk.data(), n);
  const int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ews-live-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::system_error(errno, std::generic_category(), "mkdtemp");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace ews::live::test
