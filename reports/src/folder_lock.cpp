#include "ews/reports/folder_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ews::reports {

namespace {
std::string readHolder(int fd) {
  std::string text(256, '\0');
  const ssize_t n = pread(fd, text.data(), text.size(), 0);
  text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text.empty() ? "an unknown process" : text;
}
}  // namespace

FolderLock::FolderLock(const std::filesystem::path& folder, const std::string& holder) {
  std::filesystem::create_directories(folder);
  const std::filesystem::path file = folder / kFileName;
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error(fmt::format("{}: cannot create the lock file: {}", file.string(), std::strerror(errno)));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const std::string other = readHolder(fd_);
    ::close(fd_);
    fd_ = -1;
    throw FolderBusy(fmt::format("{} is in use by process {}; stop it first (one ews per folder)", folder.string(), other));
  }
  // Best effort: the lock holds either way; only the name a second process shows may be missing.
  const std::string text = fmt::format("pid {} ({})\n", ::getpid(), holder);
  [[maybe_unused]] const bool named =
      ::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size());
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace ews::reports
