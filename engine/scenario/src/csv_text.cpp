#include "csv_text.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ews/kernel/csv.hpp"

namespace ews::scenario::detail {

std::vector<CsvRow> csvRows(std::string_view text, CsvErrors& errors) {
  const csv::Table table = csv::read(text);
  for (const auto& problem : table.problems) errors.error(problem.line, problem.column, problem.reason);
  std::vector<CsvRow> rows;
  rows.reserve(table.records.size());
  for (const auto& record : table.records) {
    CsvRow row{record.line, {}, record.separator != ','};
    row.fields.reserve(record.fields.size());
    for (const auto& field : record.fields) row.fields.push_back(CsvField{field.text, field.column});
    rows.push_back(std::move(row));
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
