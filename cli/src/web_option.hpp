#pragma once
// The web server options of `ews serve`, `ews live` and `ews twin` (docs/cli.md), and starting the server on
// a data folder with them.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ews/run/site_data.hpp"
#include "ews/run/site_host.hpp"
#include "ews/stack/live_snapshot.hpp"
#include "ews/web/web_server.hpp"

namespace ews::cli {

struct WebOptions {
  std::string listen;       ///< HOST:PORT of the pages; empty: no web server
  bool plainHttp = false;   ///< HTTP instead of HTTPS: refused unless HOST is a loopback address
  std::optional<int> redirectPort;  ///< a plain HTTP port redirecting to the HTTPS one
  std::string certFile;     ///< a certificate of the user's (PEM), with keyFile; empty: generated
  std::string keyFile;
  std::string webRoot;      ///< the built front-end; empty: the one built with this ews, else installed
};

/// Starts the pages of `data` on `options`; prints why and returns null when it cannot
/// (a bad endpoint, plain HTTP off loopback, a port taken, a bad certificate).
std::unique_ptr<web::WebServer> startWebServer(std::string_view command, const WebOptions& options,
                                               const run::SiteData& data, const stack::SnapshotBoard& board,
                                               stack::StackCommands* commands,
                                               std::shared_ptr<web::SiteConfiguration> configuration = nullptr,
                                               std::function<bool(const std::string&)> connectorSendNow = {});

/// The pages of the data folder `host` runs on: publishes the stack's snapshots on `board` once
/// a wall second at `speed` simulated seconds per wall second (pages get at most one update a
/// second, whatever the speed), then starts the server (null as startWebServer). `board` must
/// outlive `host`. The System configuration pages change `data`'s configuration and rebuild
/// `host`'s stack (SiteConfigurator).
std::unique_ptr<web::WebServer> servePages(std::string_view command, const WebOptions& options,
                                           run::SiteData& data, run::SiteHost& host,
                                           stack::SnapshotBoard& board, double speed);

}  // namespace ews::cli
