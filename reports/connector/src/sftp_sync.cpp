// SFTP synchronisation of the CSV tree (manual 7.12, mode "SFTP").
#include <libssh/libssh.h>
#include <libssh/sftp.h>
#include <fcntl.h>
#include <sys/time.h>

#include <fmt/format.h>

#include <array>
#include <fstream>
#include <memory>

#include "ews/connector/transfer.hpp"

namespace ews::connector {

namespace {
using Kind = TransferError::Kind;

struct SftpFree {
  void operator()(sftp_session sftp) const { sftp_free(sftp); }
};
struct AttributesFree {
  void operator()(sftp_attributes attributes) const { sftp_attributes_free(attributes); }
};
struct FileClose {
  void operator()(sftp_file file) const { sftp_close(file); }
};
using AttributesPtr = std::unique_ptr<sftp_attributes_struct, AttributesFree>;

// SFTP v3 packets carry at most 32 KiB of data: sftp_write may take less than it is given, so
// every write loops on what it took (libssh's known pitfall).
constexpr std::size_t kChunkBytes = 32 * 1024;

class Sftp {
 public:
  explicit Sftp(SshLink& link) : link_(link), session_(sftp_new(link.session())) {
    if (!session_ || sftp_init(session_.get()) != SSH_OK) {
      throw TransferError(Kind::Remote, fmt::format("the server offers no SFTP: {}", link_.lastError()));
    }
  }
  sftp_session get() const { return session_.get(); }

  /// The server's answer to the last request: its status code and libssh's text (which holds
  /// the server's message when it sent one).
  std::string answer() const {
    return fmt::format("{} (SFTP status {})", link_.lastError(), sftp_get_error(session_.get()));
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw TransferError(Kind::Remote, fmt::format("{}: {}", what, answer()));
  }

  AttributesPtr stat(const std::string& path) const { return AttributesPtr(sftp_stat(session_.get(), path.c_str())); }

  /// mkdir -p, relative to the remote home.
  void makeFolders(const std::string& folder) const {
    std::string path;
    for (std::size_t at = 0; at <= folder.size();) {
      const std::size_t slash = std::min(folder.find('/', at), folder.size());
      path = folder.substr(0, slash);
      at = slash + 1;
      if (path.empty() || path.back() == '/') continue;
      if (const auto existing = stat(path)) {
        if (existing->type != SSH_FILEXFER_TYPE_DIRECTORY) fail(fmt::format("remote '{}' exists and is no folder", path));
        continue;
      }
      if (sftp_mkdir(session_.get(), path.c_str(), 0755) != SSH_OK) fail(fmt::format("creating remote folder '{}'", path));
    }
  }

 private:
  SshLink& link_;
  std::unique_ptr<sftp_session_struct, SftpFree> session_;
};

bool unchanged(const Sftp& sftp, const std::string& remote, const LocalFile& file) {
  const auto attributes = sftp.stat(remote);
  return attributes && attributes->type == SSH_FILEXFER_TYPE_REGULAR && attributes->size == file.bytes &&
         static_cast<std::int64_t>(attributes->mtime) == file.modifiedSeconds;
}

void upload(const Sftp& sftp, const LocalFile& file, const std::string& remote) {
  std::ifstream in(file.path, std::ios::binary);
  if (!in) throw TransferError(Kind::Remote, fmt::format("cannot read {} on the box", file.path.string()));
  const std::string part = remote + ".part";
  {
    std::unique_ptr<sftp_file_struct, FileClose> out(
        sftp_open(sftp.get(), part.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644));
    if (!out) sftp.fail(fmt::format("opening remote '{}'", part));
    std::array<char, kChunkBytes> buffer{};
    while (in) {
      in.read(buffer.data(), buffer.size());
      const auto got = static_cast<std::size_t>(in.gcount());
      for (std::size_t done = 0; done < got;) {
        const ssize_t written = sftp_write(out.get(), buffer.data() + done, got - done);
        if (written <= 0) {
          const std::string answer = sftp.answer();
          out.reset();
          sftp_unlink(sftp.get(), part.c_str());  // best effort: no half file left on the server
          throw TransferError(Kind::Remote, fmt::format("writing remote '{}': {}", part, answer));
        }
        done += static_cast<std::size_t>(written);
      }
    }
    // The close reports a write the server could not complete (a full disk often shows here).
    if (sftp_close(out.release()) != SSH_OK) {
      const std::string answer = sftp.answer();
      sftp_unlink(sftp.get(), part.c_str());
      throw TransferError(Kind::Remote, fmt::format("closing remote '{}': {}", part, answer));
    }
  }
  const std::array<timeval, 2> times{timeval{file.modifiedSeconds, 0}, timeval{file.modifiedSeconds, 0}};
  if (sftp_utimes(sftp.get(), part.c_str(), times.data()) != SSH_OK) {
    sftp.fail(fmt::format("setting the time of remote '{}'", part));
  }
  if (sftp_rename(sftp.get(), part.c_str(), remote.c_str()) != SSH_OK) {
    // A server without posix-rename refuses to rename over an existing file.
    sftp_unlink(sftp.get(), remote.c_str());
    if (sftp_rename(sftp.get(), part.c_str(), remote.c_str()) != SSH_OK) {
      sftp.fail(fmt::format("renaming remote '{}' to '{}'", part, remote));
    }
  }
}

std::string parentOf(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}
}  // namespace

TransferSummary syncSftp(SshLink& link, const std::vector<LocalFile>& files, const std::string& remoteDir) {
  Sftp sftp(link);
  TransferSummary summary;
  summary.remotePath = remoteDir;
  sftp.makeFolders(remoteDir);
  std::string lastFolder;
  for (const auto& file : files) {
    const std::string remote = remoteDir + "/" + file.relative;
    if (unchanged(sftp, remote, file)) {
      ++summary.filesUnchanged;
      continue;
    }
    if (const std::string folder = parentOf(remote); folder != lastFolder) {
      sftp.makeFolders(folder);
      lastFolder = folder;
    }
    upload(sftp, file, remote);
    ++summary.filesSent;
    summary.bytesSent += file.bytes;
  }
  return summary;
}

}  // namespace ews::connector
