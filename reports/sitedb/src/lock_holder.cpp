// Who holds a data folder's ews.lock, read from /proc/locks rather than by trying the lock:
// trying it (even shared) for an instant could make an ews starting at that instant refuse
// to start.
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <fstream>
#include <sstream>

#include "ews/reports/folder_lock.hpp"
#include "ews/sitedb/system_info.hpp"

namespace ews::sitedb {

std::optional<int> folderLockHolder(const std::filesystem::path& dataDir) {
  const std::filesystem::path file = dataDir / reports::FolderLock::kFileName;
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) return std::nullopt;
  std::ifstream locks("/proc/locks");
  std::string line;
  std::optional<int> sameInode;
  while (std::getline(locks, line)) {
    // "1: FLOCK  ADVISORY  WRITE 1234 08:02:131074 0 EOF"; waiters carry a "->" after the number.
    std::istringstream fields(line);
    std::string number;
    std::string kind;
    std::string advisory;
    std::string mode;
    std::string pid;
    std::string where;
    fields >> number >> kind;
    if (kind == "->") fields >> kind;
    if (!(fields >> advisory >> mode >> pid >> where) || kind != "FLOCK") continue;
    const auto second = where.rfind(':');
    const auto first = where.find(':');
    if (first == std::string::npos || second == first) continue;
    try {
      const unsigned long long inode = std::stoull(where.substr(second + 1));
      if (inode != static_cast<unsigned long long>(info.st_ino)) continue;
      const unsigned major = static_cast<unsigned>(std::stoul(where.substr(0, first), nullptr, 16));
      const unsigned minor = static_cast<unsigned>(std::stoul(where.substr(first + 1, second - first - 1), nullptr, 16));
      if (major == ::major(info.st_dev) && minor == ::minor(info.st_dev)) return std::stoi(pid);
      // Overlay file systems (containers) show the lower device: the inode alone then.
      sameInode = std::stoi(pid);
    } catch (const std::exception&) {
    }
  }
  return sameInode;
}

}  // namespace ews::sitedb
