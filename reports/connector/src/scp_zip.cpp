// SCP upload of the CSV tree as one zip (manual 7.12, mode "SCP").
#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/Compress.h>
#include <libssh/libssh.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <fstream>
#include <memory>

#include "ews/connector/transfer.hpp"

// libssh marks its SCP functions deprecated in favour of SFTP, but the manual's SCP mode is the
// scp protocol itself (servers that offer only scp exist); they are kept and supported.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace ews::connector {

namespace fs = std::filesystem;

namespace {
using Kind = TransferError::Kind;

constexpr std::size_t kChunkBytes = 32 * 1024;

/// A temporary zip removed whatever happens.
class TemporaryZip {
 public:
  explicit TemporaryZip(const fs::path& folder) {
    static std::atomic<unsigned> counter{0};
    path_ = folder / fmt::format(".connector-{}-{}.zip", ::getpid(), counter++);
  }
  ~TemporaryZip() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  TemporaryZip(const TemporaryZip&) = delete;
  TemporaryZip& operator=(const TemporaryZip&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void writeZip(const std::vector<LocalFile>& files, const fs::path& zipPath) {
  std::ofstream out(zipPath, std::ios::binary | std::ios::trunc);
  if (!out) throw TransferError(Kind::Remote, fmt::format("cannot write {} on the box", zipPath.string()));
  Poco::Zip::Compress zip(out, true);
  for (const auto& file : files) {
    std::ifstream in(file.path, std::ios::binary);
    if (!in) continue;  // removed since it was listed
    const Poco::DateTime stamp(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(file.modifiedSeconds)));
    zip.addFile(in, stamp, Poco::Path(file.relative, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                Poco::Zip::ZipCommon::CL_NORMAL);
  }
  zip.close();
  out.close();
  if (!out) throw TransferError(Kind::Remote, fmt::format("cannot write {} on the box (disk full?)", zipPath.string()));
}

struct ScpFree {
  void operator()(ssh_scp scp) const {
    ssh_scp_close(scp);
    ssh_scp_free(scp);
  }
};
}  // namespace

TransferSummary sendScpZip(SshLink& link, const std::vector<LocalFile>& files, const std::string& remoteZip,
                           const fs::path& workDir) {
  TransferSummary summary;
  summary.remotePath = remoteZip.ends_with(".zip") ? remoteZip : remoteZip + ".zip";
  const TemporaryZip zip(workDir);
  writeZip(files, zip.path());
  const std::uint64_t zipBytes = fs::file_size(zip.path());

  // Recursive sink mode in the remote home: each folder of the path is pushed (created when
  // missing, as `scp -r` does), then the file.
  std::unique_ptr<ssh_scp_struct, ScpFree> scp(ssh_scp_new(link.session(), SSH_SCP_WRITE | SSH_SCP_RECURSIVE, "."));
  if (!scp || ssh_scp_init(scp.get()) != SSH_OK) {
    throw TransferError(Kind::Remote, fmt::format("the server refused SCP: {}", link.lastError()));
  }
  const auto slash = summary.remotePath.rfind('/');
  const std::string folders = slash == std::string::npos ? std::string() : summary.remotePath.substr(0, slash);
  const std::string name = summary.remotePath.substr(slash == std::string::npos ? 0 : slash + 1);
  for (std::size_t at = 0; at < folders.size();) {
    const std::size_t end = std::min(folders.find('/', at), folders.size());
    const std::string folder = folders.substr(at, end - at);
    at = end + 1;
    if (folder.empty()) continue;
    if (ssh_scp_push_directory(scp.get(), folder.c_str(), 0755) != SSH_OK) {
      throw TransferError(Kind::Remote, fmt::format("creating remote folder '{}': {}", folder, link.lastError()));
    }
  }
  if (ssh_scp_push_file64(scp.get(), name.c_str(), zipBytes, 0644) != SSH_OK) {
    throw TransferError(Kind::Remote, fmt::format("sending '{}': {}", summary.remotePath, link.lastError()));
  }
  std::ifstream in(zip.path(), std::ios::binary);
  std::array<char, kChunkBytes> buffer{};
  std::uint64_t sent = 0;
  while (in && sent < zipBytes) {
    in.read(buffer.data(), buffer.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    if (ssh_scp_write(scp.get(), buffer.data(), got) != SSH_OK) {
      throw TransferError(Kind::Remote, fmt::format("writing '{}': {}", summary.remotePath, link.lastError()));
    }
    sent += got;
  }
  if (sent != zipBytes) {
    throw TransferError(Kind::Remote, fmt::format("{}: read {} of {} bytes on the box", zip.path().string(), sent, zipBytes));
  }
  // The sink acknowledges the whole file only at close: a remote write error (a full disk)
  // shows here.
  if (ssh_scp_close(scp.get()) != SSH_OK) {
    throw TransferError(Kind::Remote, fmt::format("finishing '{}': {}", summary.remotePath, link.lastError()));
  }
  summary.filesSent = files.size();
  summary.bytesSent = zipBytes;
  return summary;
}

}  // namespace ews::connector
