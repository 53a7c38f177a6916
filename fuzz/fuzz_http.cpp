// libFuzzer target: HTTP requests to the box's web server (docs/web-server.md, docs/api.md) -
// request line, headers, cookies, query strings and the JSON bodies of the routes - through the
// real server: WebServer on 127.0.0.1 (plain HTTP, a port chosen by the kernel) over a real site
// database in a temporary folder. Poco's server reads requests from sockets only, so each input
// is one loopback connection: its bytes are sent, the sending side closed, the answer read until
// the server closes (a stream route: until it pauses).
//
// The harness is logged in as the administrator, so the routes behind a right are reached too:
// in an input, @SESSION@ stands for its session cookie, @CSRF@ for its CSRF token and @LENGTH@
// for the length of what follows the header's blank line (so mutated JSON bodies keep a
// matching Content-Length). When an input ended the session (a logout, too many wrong codes),
// the fake clock moves two hours on (past any lockout) and the harness logs in again.
//
// Not fuzzed: the Test buttons of the notification and configuration pages (they reach outside
// servers); the System configuration and Web Server configuration routes, which need a running
// site, answer 503 here (the configuration and settings JSON readers have their own targets:
// fuzz_scenario, fuzz_settings).
#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>

#include "ews/sitedb/config_store.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/stack/live_snapshot.hpp"
#include "ews/web/web_server.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// What one connection answered: its bytes until the server closed, paused or 5 s passed.
std::string exchange(std::uint16_t port, std::string_view request) {
  Poco::Net::StreamSocket socket;
  socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(2, 0));
  socket.setReceiveTimeout(Poco::Timespan(0, 200'000));
  try {
    std::size_t sent = 0;
    while (sent < request.size()) {
      const int count = socket.sendBytes(request.data() + sent, static_cast<int>(request.size() - sent));
      if (count <= 0) break;
      sent += static_cast<std::size_t>(count);
    }
    socket.shutdownSend();
  } catch (const Poco::Exception&) {
    // The server answered early (a 413, a bad request line) and closed: read what it said.
  }
  std::string answer;
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  char buffer[16384];
  while (Clock::now() < deadline && answer.size() < (std::size_t{1} << 20)) {
    try {
      const int count = socket.receiveBytes(buffer, sizeof buffer);
      if (count <= 0) break;
      answer.append(buffer, static_cast<std::size_t>(count));
    } catch (const Poco::TimeoutException&) {
      if (!answer.empty()) break;  // a stream route pausing between events
    } catch (const Poco::Exception&) {
      break;
    }
  }
  return answer;
}

void replaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

/// The value after `prefix` up to the first of `ends`, "" when absent.
std::string valueAfter(const std::string& text, std::string_view prefix, std::string_view ends) {
  const auto at = text.find(prefix);
  if (at == std::string::npos) return {};
  const auto start = at + prefix.size();
  return text.substr(start, text.find_first_of(ends, start) - start);
}

class Box {
 public:
  Box() : dir_(fs::temp_directory_path() / ("ews-fuzz-http-" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "static" / "assets");
    {
      ews::sitedb::Database db(dir_ / "ews.db", ews::sitedb::Database::Mode::ReadWrite);
      std::ifstream scenario(fs::path(EWS_SOURCE_DIR) / "scenarios" / "default.yaml");
      ews::sitedb::saveConfig(db, std::string(std::istreambuf_iterator<char>(scenario), {}), "fuzz", "seed", now());
    }
    std::ofstream(dir_ / "static" / "index.html") << "<!doctype html><title>EWS</title>";
    std::ofstream(dir_ / "static" / "assets" / "app-1234.js") << std::string(20000, 'x');
    ews::stack::LiveSnapshot snapshot;
    snapshot.sequence = 1;
    snapshot.devices.push_back(
        {1, "Main meter", ews::acquisition::DeviceStatus::On, {{"power.active.total", 1234.5, {}, false}}});
    board_.publish(snapshot);
    ews::web::WebServerConfig config;
    config.https = false;
    config.staticDir = dir_ / "static";
    config.requestTimeout = ews::seconds(2);
    server_ = std::make_unique<ews::web::WebServer>(config, dir_ / "ews.db", board_,
                                                    ews::web::SiteInfo{"Fuzz site", "32", "en", "Europe/Paris"},
                                                    [this] { return now(); });
    logIn();
  }

  /// Sends one input with the placeholders filled; logs in again if it ended the session.
  void serve(std::string request) {
    replaceAll(request, "@SESSION@", session_);
    replaceAll(request, "@CSRF@", csrf_);
    if (const auto body = request.find("\r\n\r\n"); body != std::string::npos) {
      replaceAll(request, "@LENGTH@", std::to_string(request.size() - body - 4));
    }
    (void)exchange(server_->port(), request);
    const std::string answer = exchange(server_->port(), "GET /api/v1/session HTTP/1.1\r\nHost: box\r\nCookie: ews_session=" +
                                                             session_ + "\r\nConnection: close\r\n\r\n");
    if (answer.find("\"csrfToken\":\"" + csrf_ + "\"") == std::string::npos) logIn();
  }

  const fs::path& dir() const { return dir_; }

 private:
  ews::Time now() const { return ews::timeFromMicros(nowMicros_.load()); }

  void logIn() {
    nowMicros_ += std::int64_t{2} * 3600 * 1'000'000;  // past any lockout
    const std::string body = R"({"pin":"99999","puk":"00000999900000"})";
    const std::string answer =
        exchange(server_->port(), "POST /api/v1/session/login HTTP/1.1\r\nHost: box\r\nContent-Type: application/json\r\n"
                                  "Connection: close\r\nContent-Length: " +
                                      std::to_string(body.size()) + "\r\n\r\n" + body);
    session_ = valueAfter(answer, "ews_session=", ";\r\n");
    csrf_ = valueAfter(answer, "\"csrfToken\":\"", "\"");
  }

  fs::path dir_;
  std::atomic<std::int64_t> nowMicros_{1'765'000'000'000'000};
  ews::stack::SnapshotBoard board_;
  std::unique_ptr<ews::web::WebServer> server_;
  std::string session_;
  std::string csrf_;
};

Box* box = nullptr;

}  // namespace

// The server starts and logs in once, before the inputs (and their time limit) begin.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Never destroyed: the server runs until the process ends; its folder is removed then.
  box = new Box();
  std::atexit([] { fs::remove_all(box->dir()); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string request(reinterpret_cast<const char*>(data), size);
  if (request.find("/test") != std::string::npos) return 0;  // the Test buttons: see the top
  box->serve(std::move(request));
  return 0;
}
