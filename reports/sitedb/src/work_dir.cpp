#include "work_dir.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>

#include "ews/sitedb/backup.hpp"

namespace ews::sitedb::detail {

WorkDir::WorkDir(const std::filesystem::path& parent, const std::string& prefix) {
  std::string pattern = (parent / (prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw BackupError(fmt::format("{}: cannot create a work folder: {}", parent.string(), std::strerror(errno)));
  }
  path_ = pattern;
}

WorkDir::~WorkDir() {
  std::error_code ignored;  // best effort: a leftover dot-folder is never read back
  std::filesystem::remove_all(path_, ignored);
}

PartialFile::PartialFile(std::filesystem::path destination) : destination_(std::move(destination)) {
  std::string pattern = destination_.string() + ".partial-XXXXXX";
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw BackupError(fmt::format("cannot write {}: {}", pattern, std::strerror(errno)));
  ::fchmod(fd, 0644);  // mkstemp makes it private; the archive is for the FTP share (manual 9.1)
  ::close(fd);
  partial_ = pattern;
}

PartialFile::~PartialFile() {
  if (committed_) return;
  std::error_code ignored;  // best effort: a leftover partial file is never read back
  std::filesystem::remove(partial_, ignored);
}

void PartialFile::commit() {
  const int fd = ::open(partial_.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) throw BackupError(fmt::format("cannot write {}: {}", partial_.string(), std::strerror(errno)));
  if (std::rename(partial_.c_str(), destination_.c_str()) != 0) {
    throw BackupError(fmt::format("cannot rename {} to {}: {}", partial_.string(), destination_.string(),
                                  std::strerror(errno)));
  }
  committed_ = true;
  const auto folder = destination_.parent_path();
  syncFolder(folder.empty() ? std::filesystem::path(".") : folder);
}

void syncFolder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace ews::sitedb::detail
