#pragma once
// A uniquely named scratch folder inside the data folder (same file system, so its files can
// be renamed into place), removed with everything in it when the object goes away.
#include <filesystem>
#include <string>

namespace ews::sitedb::detail {

class WorkDir {
 public:
  /// Creates <parent>/<prefix>XXXXXX; throws BackupError naming it.
  WorkDir(const std::filesystem::path& parent, const std::string& prefix);
  ~WorkDir();
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// A file written under a unique temporary name next to its destination and renamed over it
/// only by commit(), fsync'ed first: readers see the old file or the whole new one, and two
/// writers at once (the page and `ews backup`) never write into the same temporary file.
class PartialFile {
 public:
  /// Creates <destination>.partial-XXXXXX; throws BackupError naming it.
  explicit PartialFile(std::filesystem::path destination);
  ~PartialFile();  ///< without commit(): removes the temporary file
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  const std::filesystem::path& path() const { return partial_; }
  /// fsync, rename over the destination, fsync of its folder; throws BackupError.
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path partial_;
  bool committed_ = false;
};

/// fsync of a folder: the renames into it survive a power cut. Best effort.
void syncFolder(const std::filesystem::path& folder);

}  // namespace ews::sitedb::detail
