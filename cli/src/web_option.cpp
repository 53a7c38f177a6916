#include "web_option.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "endpoint.hpp"
#include "site_configurator.hpp"
#include "ews/installation/spec.hpp"

namespace ews::cli {

namespace fs = std::filesystem;

namespace {
bool isLoopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }

/// The front-end built with this binary, else the installed one beside it (<root>/bin/ews ->
/// <root>/share/ews/web: a package has its own prefix whatever CMAKE_INSTALL_PREFIX was), else
/// the compiled-in install path (docs/deploy.md).
fs::path defaultWebRoot() {
  std::error_code error;
  if (fs::is_directory(EWS_WEB_STATIC_DIR, error)) return EWS_WEB_STATIC_DIR;
  if (const fs::path program = fs::read_symlink("/proc/self/exe", error); !error && program.has_parent_path()) {
    const fs::path besideProgram = program.parent_path().parent_path() / "share" / "ews" / "web";
    if (fs::is_directory(besideProgram, error)) return besideProgram;
  }
  return EWS_INSTALLED_WEB_DIR;
}
}  // namespace

std::unique_ptr<web::WebServer> startWebServer(std::string_view command, const WebOptions& options,
                                               const run::SiteData& data, const stack::SnapshotBoard& board,
                                               stack::StackCommands* commands,
                                               std::shared_ptr<web::SiteConfiguration> configuration) {
  const auto endpoint = parseEndpoint(options.listen);
  if (!endpoint) {
    fmt::print(stderr, "{}: --listen: expected HOST:PORT, got '{}'\n", command, options.listen);
    return nullptr;
  }
  if (options.plainHttp && !isLoopback(endpoint->host)) {
    fmt::print(stderr, "{}: --plain-http: only on a loopback address (127.0.0.1, ::1), not on '{}': the codes would "
                       "cross the network in clear\n", command, endpoint->host);
    return nullptr;
  }
  if (options.certFile.empty() != options.keyFile.empty()) {
    fmt::print(stderr, "{}: --cert and --key go together\n", command);
    return nullptr;
  }
  web::WebServerConfig config;
  config.host = endpoint->host;
  config.port = endpoint->port;
  config.https = !options.plainHttp;
  config.configuration = std::move(configuration);
  config.staticDir = options.webRoot.empty() ? defaultWebRoot() : fs::path(options.webRoot);
  if (options.redirectPort) config.redirectPort = static_cast<std::uint16_t>(*options.redirectPort);
  try {
    if (config.https) {
      config.tls = options.certFile.empty()
                       ? web::ensureSelfSignedCertificate(data.folder(), {endpoint->host})
                       : web::TlsFiles{options.certFile, options.keyFile};
    }
    const auto& scenario = *data.config().scenario;
    web::SiteInfo site{scenario.installation.siteName.empty() ? scenario.name : scenario.installation.siteName,
                       variantNumber(scenario.installation.variant), scenario.ews.language, scenario.ews.timezone};
    return std::make_unique<web::WebServer>(config, data.folder() / run::SiteData::kDatabaseFile, board, site,
                                            web::wallClockNow, commands);
  } catch (const std::exception& error) {
    fmt::print(stderr, "{}: the pages cannot start on {}: {}\n", command, options.listen, error.what());
    return nullptr;
  }
}

std::unique_ptr<web::WebServer> servePages(std::string_view command, const WebOptions& options,
                                           run::SiteData& data, run::SiteHost& host,
                                           stack::SnapshotBoard& board, double speed) {
  host.publishSnapshots(board, std::max(seconds(1), microseconds(static_cast<std::int64_t>(speed * 1e6))));
  return startWebServer(command, options, data, board, &host.commands(),
                        std::make_shared<SiteConfigurator>(host.engine(), data, host));
}

}  // namespace ews::cli
