#pragma once
// The read-only FTP access to a data folder's CSV tree (docs/connector.md, "FTP access"), as
// `ews ftp` runs it alone and `ews live` / `ews serve --ftp-listen` beside the site.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace ews::cli {

class FtpAccess;
struct FtpAccessDeleter {
  void operator()(FtpAccess* access) const;
};
using FtpAccessPtr = std::unique_ptr<FtpAccess, FtpAccessDeleter>;

/// Starts FTP on `listen` (HOST:PORT) over `dataDir`'s CSV tree: the password read from the
/// site database at each login, explicit FTPS with `certFile`/`keyFile` (empty: the pages'
/// certificate of the folder). Prints why and returns null when it cannot (a bad endpoint, a
/// port taken, no database).
FtpAccessPtr startFtpAccess(std::string_view command, const std::string& listen, const std::filesystem::path& dataDir,
                            const std::string& certFile = {}, const std::string& keyFile = {});
/// The port it listens on (the one the kernel chose for port 0).
std::uint16_t ftpPort(const FtpAccess& access);

}  // namespace ews::cli
