#pragma once
// Shared by the store tests: a fresh temporary folder per test, file reading, CSV parsing,
// and running the helper executable or the h5py checks as child processes.
#include <filesystem>
#include <string>
#include <vector>

namespace ews::stores::testing {

/// A fresh folder named after the running test, removed at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string readText(const std::filesystem::path& path);
std::vector<std::string> readLines(const std::filesystem::path& path);
/// Splits one CSV line (RFC 4180 quotes) at `separator`.
std::vector<std::string> splitCsv(const std::string& line, char separator);

struct ChildResult {
  bool killedBySigkill = false;
  int exitCode = -1;
  std::string output;  ///< stdout and stderr
};
/// Runs argv[0] with arguments, waits, captures output.
ChildResult runChild(const std::vector<std::string>& argv);
/// The h5py checks of trace_expectations.py on a trace (see that file for the modes).
ChildResult checkTraceWithH5py(const std::filesystem::path& trace, const std::vector<std::string>& arguments);

}  // namespace ews::stores::testing
