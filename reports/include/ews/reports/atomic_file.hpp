#pragma once
// Stored results are never left half-written (docs/design.md decision 10): an AtomicFile writes to
// "<path>.partial" and renames over <path> only on commit(). A failed or abandoned write
// leaves any previous <path> untouched.
#include <fstream>
#include <string>

namespace ews::reports {

class AtomicFile {
 public:
  /// Opens "<path>.partial"; throws std::runtime_error naming the path and the OS reason.
  explicit AtomicFile(std::string path);
  ~AtomicFile();  ///< without commit(): removes the partial file
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ofstream& stream() { return out_; }
  /// Flushes, closes and renames into place; throws std::runtime_error on any failure.
  void commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string partialPath_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace ews::reports
