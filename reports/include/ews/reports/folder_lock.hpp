#pragma once
// One process per output or data folder: a second `ews` started on a folder another one is
// writing would truncate or interleave its files. The lock is an flock(2) on `<folder>/ews.lock`,
// which the kernel releases when the process ends however it ends (kill -9 included), so a
// stale lock file never blocks a restart; the file holds the holder's pid and command line so
// the refusal can name it.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace ews::reports {

/// Another process holds the folder; what() names the folder, its pid and its command.
class FolderBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class FolderLock {
 public:
  /// Creates `folder` if needed and takes its lock for `holder` (e.g. "ews live site.yaml").
  /// Throws FolderBusy when another process holds it, std::runtime_error when the lock file
  /// cannot be created.
  FolderLock(const std::filesystem::path& folder, const std::string& holder);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  static constexpr const char* kFileName = "ews.lock";

 private:
  int fd_ = -1;
};

}  // namespace ews::reports
