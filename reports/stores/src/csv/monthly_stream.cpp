#include "csv/monthly_stream.hpp"

#include <fmt/format.h>

namespace ews::stores::csv {

MonthlyStream::MonthlyStream(std::filesystem::path dir, std::string stem, std::string suffix, std::string header,
                             char fieldSeparator)
    : dir_(std::move(dir)),
      stem_(std::move(stem)),
      suffix_(std::move(suffix)),
      header_(std::move(header)),
      fieldSeparator_(fieldSeparator) {}

bool MonthlyStream::append(Time t, std::string_view month, std::string_view line) {
  if (!file_ || month != month_) {
    if (file_) file_->flush();
    month_ = std::string(month);
    file_ = std::make_unique<AppendCsvFile>(dir_ / fmt::format("{}_{}{}.csv", stem_, month_, suffix_), header_,
                                            fieldSeparator_);
  }
  if (!file_->accepts(t)) return false;
  file_->append(t, line);
  return true;
}

void MonthlyStream::flush() {
  if (file_) file_->flush();
}

std::filesystem::path MonthlyStream::currentPath() const { return file_ ? file_->path() : std::filesystem::path{}; }

}  // namespace ews::stores::csv
