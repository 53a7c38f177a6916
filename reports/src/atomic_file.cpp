#include "ews/reports/atomic_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace ews::reports {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), partialPath_(path_ + ".partial") {
  out_.open(partialPath_, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!out_) throw std::runtime_error(fmt::format("cannot write {}: {}", partialPath_, std::strerror(errno)));
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;  // best effort: a leftover .partial is harmless, never read back
  std::filesystem::remove(partialPath_, ignored);
}

void AtomicFile::commit() {
  out_.flush();
  const bool writeOk = static_cast<bool>(out_);
  out_.close();
  if (!writeOk || out_.fail()) throw std::runtime_error(fmt::format("writing {} failed", partialPath_));
  if (std::rename(partialPath_.c_str(), path_.c_str()) != 0) {
    throw std::runtime_error(fmt::format("cannot rename {} to {}: {}", partialPath_, path_, std::strerror(errno)));
  }
  committed_ = true;
}

}  // namespace ews::reports
