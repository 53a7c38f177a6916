#include "csv/append_csv_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "ews/stores/local_time_text.hpp"
#include "ews/stores/store_error.hpp"

namespace ews::stores::csv {

namespace fs = std::filesystem;

namespace {

/// The tail read on open: enough for the longest row of a 255-device wide file (~4 KiB).
constexpr std::uintmax_t kTailBytes = 256 * 1024;

[[noreturn]] void failOs(std::string_view what, const fs::path& path) {
  throw StoreError(fmt::format("{} {}: {}", what, path.string(), std::strerror(errno)));
}

}  // namespace

AppendCsvFile::AppendCsvFile(fs::path path, std::string header, char fieldSeparator)
    : path_(std::move(path)), header_(std::move(header)), fieldSeparator_(fieldSeparator) {
  repairExisting();
}

void AppendCsvFile::repairExisting() {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(path_, error);
  if (error) return;  // no file yet
  const std::uintmax_t tailStart = size > kTailBytes ? size - kTailBytes : 0;
  std::ifstream in(path_, std::ios::binary);
  if (!in) failOs("cannot read", path_);
  in.seekg(static_cast<std::streamoff>(tailStart));
  std::string tail(static_cast<std::size_t>(size - tailStart), '\0');
  in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
  if (!in) failOs("cannot read", path_);

  // Keep everything up to the last line break: what follows is a line a crash cut short.
  const std::size_t lastBreak = tail.rfind('\n');
  const std::uintmax_t keep = lastBreak == std::string::npos ? tailStart : tailStart + lastBreak + 1;
  if (keep < size) {
    fs::resize_file(path_, keep, error);
    if (error) throw StoreError(fmt::format("cannot cut the truncated last line of {}: {}", path_.string(), error.message()));
  }
  hasHeader_ = keep > 0;
  if (lastBreak == std::string::npos) return;
  std::size_t from = 0;
  if (lastBreak > 0) {
    const std::size_t previousBreak = tail.rfind('\n', lastBreak - 1);
    if (previousBreak != std::string::npos) from = previousBreak + 1;
  }
  const std::string_view lastLine = std::string_view(tail).substr(from, lastBreak - from);
  const std::string_view firstField = lastLine.substr(0, lastLine.find(fieldSeparator_));
  lastTime_ = parseLocalTimeWithOffset(firstField);  // nullopt for the header line
}

bool AppendCsvFile::accepts(Time t) const {
  if (!lastTime_) return true;
  const Time whole = floorToSeconds(t);
  return whole > *lastTime_ || (lastTimeIsOurs_ && whole == *lastTime_);
}

void AppendCsvFile::append(Time t, std::string_view line) {
  if (!hasHeader_ && pending_.empty()) {
    pending_ += header_;
    pending_ += '\n';
  }
  pending_ += line;
  pending_ += '\n';
  lastTime_ = floorToSeconds(t);
  lastTimeIsOurs_ = true;
}

void AppendCsvFile::flush() {
  if (pending_.empty()) return;
  std::error_code error;
  fs::create_directories(path_.parent_path(), error);
  if (error) throw StoreError(fmt::format("cannot create {}: {}", path_.parent_path().string(), error.message()));
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) failOs("cannot open for appending", path_);
  std::size_t written = 0;
  while (written < pending_.size()) {
    const ssize_t n = ::write(fd, pending_.data() + written, pending_.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
      failOs("cannot append to", path_);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) failOs("cannot close", path_);
  hasHeader_ = true;
  pending_.clear();
}

}  // namespace ews::stores::csv
