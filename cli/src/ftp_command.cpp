// `ews ftp --data DIR [--listen HOST:PORT]` (docs/cli.md, docs/connector.md "FTP access"): the
// read-only FTP access to a data folder's CSV tree (manual 8.4.2), beside the folder's ews. The
// password is the CSV settings' (csv_access.ftp_password), read at each login; explicit FTPS
// with the box's certificate (the pages' one, or --cert/--key).
#include <fmt/format.h>
#include <signal.h>

#include <filesystem>
#include <mutex>

#include "commands.hpp"
#include "endpoint.hpp"
#include "exit_codes.hpp"
#include "ews/ftp/ftp_server.hpp"
#include "ews/run/site_data.hpp"
#include "ews/sitedb/settings_store.hpp"
#include "ews/web/tls_certificate.hpp"

namespace ews::cli {

int runFtp(const FtpOptions& options) {
  namespace fs = std::filesystem;
  const auto endpoint = parseEndpoint(options.listen);
  if (!endpoint) {
    fmt::print(stderr, "ews ftp: --listen: expected HOST:PORT, got '{}'\n", options.listen);
    return kUsage;
  }
  if (options.certFile.empty() != options.keyFile.empty()) {
    fmt::print(stderr, "ews ftp: --cert and --key go together\n");
    return kUsage;
  }
  const fs::path dataDir(options.dataDir);
  const fs::path dbPath = dataDir / run::SiteData::kDatabaseFile;
  if (!fs::is_regular_file(dbPath)) {
    fmt::print(stderr, "ews ftp: {}: no site database\n", dbPath.string());
    return kInvalidInput;
  }
  // SIGINT and SIGTERM are waited for below: blocked before the server's threads start, so
  // that none of them takes the signal.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  // Read-only: the folder's ews writes the settings; each login reads the password in force.
  const sitedb::Database db(dbPath, sitedb::Database::Mode::ReadOnly);
  std::mutex dbMutex;
  ftp::FtpServerConfig config;
  config.host = endpoint->host;
  config.port = endpoint->port;
  config.root = dataDir / run::SiteData::kCsvFolder;
  config.password = [&db, &dbMutex] {
    const std::lock_guard lock(dbMutex);
    return sitedb::load<sitedb::CsvAccessSettings>(db).ftpPassword.reveal();
  };
  const web::TlsFiles tls = options.certFile.empty()
                                ? web::ensureSelfSignedCertificate(dataDir, {endpoint->host})
                                : web::TlsFiles{options.certFile, options.keyFile};
  config.tls = std::make_pair(tls.certificate, tls.privateKey);
  fs::create_directories(config.root);
  try {
    ftp::FtpServer server(config);
    fmt::print("FTP on {}:{} (user {}, read-only, explicit FTPS), serving {}\n", endpoint->host, server.port(),
               config.user, config.root.string());
    std::fflush(stdout);
    int signal = 0;
    sigwait(&stopSignals, &signal);
    server.stop();
    fmt::print("stopped\n");
    return kOk;
  } catch (const std::runtime_error& error) {
    fmt::print(stderr, "ews ftp: {}\n", error.what());
    return kRuntimeError;
  }
}

}  // namespace ews::cli
