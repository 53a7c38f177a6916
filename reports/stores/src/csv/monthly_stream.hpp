#pragma once
// A logical CSV file that is split by month: <dir>/<stem>_<YYYY-MM><suffix>.csv. A row goes
// to the file of its local month; the first row of a new month closes the previous file.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "csv/append_csv_file.hpp"

namespace ews::stores::csv {

class MonthlyStream {
 public:
  MonthlyStream(std::filesystem::path dir, std::string stem, std::string suffix, std::string header,
                char fieldSeparator);

  /// Buffers the row of t in the file of `month`; false when that file already holds a row
  /// at or after t (the row is then refused).
  bool append(Time t, std::string_view month, std::string_view line);
  void flush();
  /// The file of the current month (empty before the first row).
  std::filesystem::path currentPath() const;

 private:
  std::filesystem::path dir_;
  std::string stem_;
  std::string suffix_;
  std::string header_;
  char fieldSeparator_;
  std::string month_;
  std::unique_ptr<AppendCsvFile> file_;
};

}  // namespace ews::stores::csv
