#include "csv_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ews::scenario::detail {

namespace {

/// `text` without spaces, tabs and a carriage return around it; `offset` moves to its start.
std::string_view trim(std::string_view text, std::size_t& offset) {
  std::size_t begin = 0;
  while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  std::size_t end = text.size();
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) --end;
  offset += begin;
  return text.substr(begin, end - begin);
}

CsvRow splitRow(std::string_view line, int lineNumber) {
  char separator = ',';
  if (line.find(';') != std::string_view::npos) {
    separator = ';';
  } else if (line.find('\t') != std::string_view::npos) {
    separator = '\t';
  }
  CsvRow row{lineNumber, {}, separator != ','};
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(line.find(separator, start), line.size());
    std::size_t offset = start;
    const std::string_view text = trim(line.substr(start, end - start), offset);
    row.fields.push_back(CsvField{std::string(text), static_cast<int>(offset) + 1});
    if (end >= line.size()) break;
    start = end + 1;
  }
  return row;
}

}  // namespace

std::vector<CsvRow> csvRows(std::string_view text) {
  std::vector<CsvRow> rows;
  int lineNumber = 0;
  // Spreadsheets often write a UTF-8 byte order mark first.
  std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++lineNumber;
    std::size_t offset = 0;
    const std::string_view content = trim(line, offset);
    if (content.empty() || content.front() == '#') continue;
    rows.push_back(splitRow(line, lineNumber));
  }
  return rows;
}

Parsed<double> parseCsvNumber(std::string text, bool decimalComma) {
  if (decimalComma) std::replace(text.begin(), text.end(), ',', '.');
  return parseReal(text);
}

void CsvErrors::errorAt(int line, int column, const std::string& field, std::string reason) {
  if (stopped_) return;
  if (count_ == kMaxPerFile) {
    sink_.error(SourceLoc{path_, line, column}, field_,
                fmt::format("more than {} errors in this {}; stopped reading it", kMaxPerFile, what_));
    stopped_ = true;
    return;
  }
  ++count_;
  sink_.error(SourceLoc{path_, line, column}, field, std::move(reason));
}

}  // namespace ews::scenario::detail
