#pragma once
// One CSV file of the tree, appended by whole lines. Opening repairs what a crash left: a
// truncated last line is cut off, and the last complete row's date-time tells which instants
// are already stored. Lines are buffered and handed to the OS in one write per flush, so a
// kill -9 loses at most the rows since the last flush and never leaves a half line behind
// except inside that single write (cut again on the next open).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "ews/kernel/time.hpp"

namespace ews::stores::csv {

class AppendCsvFile {
 public:
  /// Nothing is created until the first flush with rows; an existing file is repaired now.
  /// Throws StoreError naming the path.
  AppendCsvFile(std::filesystem::path path, std::string header, char fieldSeparator);

  const std::filesystem::path& path() const { return path_; }
  /// The date-time of the last row stored or buffered.
  std::optional<Time> lastTime() const { return lastTime_; }
  /// A row for t would come after every row stored before, compared at whole seconds. Rows
  /// of the instant appended last through this object are accepted too (several rows per
  /// instant: statistics, harmonics); rows of an instant found on disk are not.
  bool accepts(Time t) const;
  /// Buffers `line` (no line break) as the row of instant t; the caller checked accepts(t).
  void append(Time t, std::string_view line);
  /// Writes the buffered lines with one write(2) on a file opened for appending.
  void flush();

 private:
  void repairExisting();

  std::filesystem::path path_;
  std::string header_;
  char fieldSeparator_;
  std::optional<Time> lastTime_;
  bool lastTimeIsOurs_ = false;  // lastTime_ came from append(), not from the file
  bool hasHeader_ = false;
  std::string pending_;
};

}  // namespace ews::stores::csv
