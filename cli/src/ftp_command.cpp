// `ews ftp --data DIR [--listen HOST:PORT]` (docs/cli.md, docs/connector.md "FTP access"): the
// read-only FTP access to a data folder's CSV tree (manual 8.4.2), beside the folder's ews; and
// the same server started by `ews live` and `ews serve` with --ftp-listen. The password is the
// CSV settings' (section ftp, docs/settings.md), read at each login; explicit FTPS with the box's
// certificate (the pages' one, or --cert/--key).
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
#include "ftp_access.hpp"

namespace ews::cli {

namespace fs = std::filesystem;

class FtpAccess {
 public:
  explicit FtpAccess(const fs::path& dbPath) : db(dbPath, sitedb::Database::Mode::ReadOnly) {}
  // Read-only: the folder's ews writes the settings; each login reads the password in force.
  sitedb::Database db;
  std::mutex dbMutex;
  std::unique_ptr<ftp::FtpServer> server;  ///< last: stopped before the connection closes
};

void FtpAccessDeleter::operator()(FtpAccess* access) const { delete access; }

std::uint16_t ftpPort(const FtpAccess& access) { return access.server->port(); }

FtpAccessPtr startFtpAccess(std::string_view command, const std::string& listen, const fs::path& dataDir,
                            const std::string& certFile, const std::string& keyFile) {
  const auto endpoint = parseEndpoint(listen);
  if (!endpoint) {
    fmt::print(stderr, "{}: FTP: expected HOST:PORT, got '{}'\n", command, listen);
    return nullptr;
  }
  if (certFile.empty() != keyFile.empty()) {
    fmt::print(stderr, "{}: FTP: --cert and --key go together\n", command);
    return nullptr;
  }
  const fs::path dbPath = dataDir / run::SiteData::kDatabaseFile;
  if (!fs::is_regular_file(dbPath)) {
    fmt::print(stderr, "{}: FTP: {}: no site database\n", command, dbPath.string());
    return nullptr;
  }
  try {
    FtpAccessPtr access(new FtpAccess(dbPath));
    ftp::FtpServerConfig config;
    config.host = endpoint->host;
    config.port = endpoint->port;
    config.root = dataDir / run::SiteData::kCsvFolder;
    FtpAccess* shared = access.get();
    config.password = [shared] {
      const std::lock_guard lock(shared->dbMutex);
      return sitedb::load<sitedb::FtpSettings>(shared->db).password.reveal();
    };
    const web::TlsFiles tls = certFile.empty() ? web::ensureSelfSignedCertificate(dataDir, {endpoint->host})
                                               : web::TlsFiles{certFile, keyFile};
    config.tls = std::make_pair(tls.certificate, tls.privateKey);
    fs::create_directories(config.root);
    access->server = std::make_unique<ftp::FtpServer>(config);
    return access;
  } catch (const std::exception& error) {
    fmt::print(stderr, "{}: FTP cannot start on {}: {}\n", command, listen, error.what());
    return nullptr;
  }
}

int runFtp(const FtpOptions& options) {
  // SIGINT and SIGTERM are waited for below: blocked before the server's threads start, so
  // that none of them takes the signal.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  const auto access = startFtpAccess("ews ftp", options.listen, options.dataDir, options.certFile, options.keyFile);
  if (!access) return kRuntimeError;
  fmt::print("FTP on {}:{} (user wsmeasure, read-only, explicit FTPS), serving {}\n",
             options.listen.substr(0, options.listen.rfind(':')), ftpPort(*access),
             (fs::path(options.dataDir) / run::SiteData::kCsvFolder).string());
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stopSignals, &signal);
  fmt::print("stopped\n");
  return kOk;
}

}  // namespace ews::cli
