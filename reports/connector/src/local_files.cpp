#include <algorithm>
#include <chrono>

#include "ews/connector/transfer.hpp"

namespace ews::connector {

namespace fs = std::filesystem;

std::vector<LocalFile> filesToSend(const fs::path& csvRoot, const std::vector<std::string>& folders) {
  std::vector<fs::path> roots;
  if (folders.empty()) {
    for (const auto folder : sitedb::kCsvTreeFolders) roots.push_back(csvRoot / std::string(folder));
  } else {
    for (const auto& folder : folders) roots.push_back(csvRoot / folder);
  }
  std::vector<LocalFile> files;
  for (const auto& root : roots) {
    std::error_code error;
    if (!fs::is_directory(fs::symlink_status(root, error))) continue;  // a folder not written yet
    for (auto it = fs::recursive_directory_iterator(root, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
      if (!it->is_regular_file(error) || it->is_symlink(error)) continue;
      LocalFile file;
      file.path = it->path();
      file.relative = fs::relative(it->path(), csvRoot).generic_string();
      file.bytes = it->file_size(error);
      const auto written = fs::last_write_time(it->path(), error);
      if (error) continue;  // removed while listing
      file.modifiedSeconds = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::file_clock::to_sys(written).time_since_epoch())
                                 .count();
      files.push_back(std::move(file));
    }
  }
  std::sort(files.begin(), files.end(), [](const LocalFile& a, const LocalFile& b) { return a.relative < b.relative; });
  return files;
}

}  // namespace ews::connector
