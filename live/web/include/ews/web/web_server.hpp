#pragma once
// The box's web server (docs/design.md decisions 13-15, docs/web-server.md): HTTPS by default (HTTP may
// answer with a redirect), the JSON API of docs/api.md and the built front-end's static files,
// on Poco's HTTP server with a bounded thread pool and queue. It is a client of the stack: it
// reads the snapshots the engine publishes and the site database through its own connection,
// and never touches engine state.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ews/kernel/time.hpp"
#include "ews/stack/live_snapshot.hpp"
#include "ews/stack/stack_commands.hpp"
#include "ews/web/site_configuration.hpp"
#include "ews/web/site_control.hpp"
#include "ews/web/tls_certificate.hpp"

namespace ews::web {

struct WebServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  ///< 0: a free port (tests), see WebServer::port()
  /// HTTPS with `tls`; plain HTTP only when explicitly asked (tests, a loopback demo).
  bool https = true;
  std::optional<TlsFiles> tls;
  /// A plain HTTP port answering every request with a redirect to the HTTPS one (80 on site).
  std::optional<std::uint16_t> redirectPort;
  std::filesystem::path staticDir;  ///< the built front-end
  /// Connections served at once. Poco serves a keep-alive connection on one thread for its
  /// whole life, so this bounds the browsers served at once, not requests: a pool smaller than
  /// the open connections makes the others wait for a whole keep-alive period.
  int maxThreads = 96;
  int maxQueued = 128;  ///< connections waiting for a thread; more are refused
  /// Connections of one client address (IPv6: one /64). Over it, or over maxThreads in all, a
  /// new connection takes the place of an idle or stalled one (docs/web-server.md, "Limits").
  int maxConnectionsPerAddress = 64;
  /// An idle connection gives way to a new one only once silent this long (docs/web-server.md).
  Duration silenceGrace = seconds(1);
  Duration requestTimeout = seconds(10);  ///< to receive a request (slow clients are dropped)
  std::size_t maxBodyBytes = 64 * 1024;
  /// An uploaded database.zip (Restore): read into memory, then written to the data folder.
  std::size_t maxUploadBytes = std::size_t{512} << 20;
  int maxStreams = 4;  ///< live-update streams at once (each holds a thread)
  /// The System configuration pages' site (docs/api.md, "Configuration"); null: their routes
  /// answer 503 (a server without a site to configure).
  std::shared_ptr<SiteConfiguration> configuration;
  /// The Connector page's "Send now" by the named user; false (or empty) when no connector
  /// runs here: the route answers 503.
  std::function<bool(const std::string& author)> connectorSendNow;
};

/// What the pages show of the site besides the snapshots.
struct SiteInfo {
  std::string name;
  std::string variant;          ///< "10", "32", "255"
  std::string defaultLanguage = "en";
  std::string timeZone = "UTC";  ///< IANA zone of the site: the pages show its local times
};

class WebServer {
 public:
  /// Starts serving. `databasePath` is the data folder's ews.db (the server opens its own
  /// connection); `board` must outlive the server; `clock` gives the wall time of sessions and
  /// lockouts (tests pass their own). `commands` (may be null: the command routes answer 503)
  /// takes the pages' commands to the running stack and must outlive the server. Throws
  /// std::runtime_error when it cannot listen.
  WebServer(WebServerConfig config, const std::filesystem::path& databasePath, const stack::SnapshotBoard& board,
            SiteInfo site, std::function<Time()> clock, stack::StackCommands* commands = nullptr);
  ~WebServer();  ///< stops
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  std::uint16_t port() const;
  /// The site the Web Server configuration pages change (settings kept in the configuration,
  /// restore); until attached their routes answer 503. `control` must outlive the server.
  void attachSiteControl(SiteControl& control);
  std::optional<std::uint16_t> redirectPort() const;
  /// "https://127.0.0.1:8443"
  std::string url() const;
  /// Every API route as "METHOD /path/{param}", for the role table test and docs/api.md.
  std::vector<std::string> routes() const;
  /// Stops accepting, lets requests in progress finish (streams end within a second).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The wall clock as a Time, for WebServer's `clock` on site.
Time wallClockNow();

}  // namespace ews::web
