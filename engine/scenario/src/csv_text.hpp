#pragma once
// The rows of the CSV files a scenario refers to (trace files of load profiles, the sessions
// file): which separator, decimal commas, comments, a spreadsheet's byte order mark, and a cap on
// the problems reported per file. Each file's own parser gives the fields their meaning.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "value_parsers.hpp"
#include "yaml_reader.hpp"

namespace ews::scenario::detail {

/// One field of a row, without the spaces around it.
struct CsvField {
  std::string text;
  int column;  ///< 1-based character column of the field in its line
};

struct CsvRow {
  int line;  ///< 1-based line number in the file (of the row's start: a quoted field may span lines)
  std::vector<CsvField> fields;
  /// Fields are separated by ';' if the file's first row has one (the EWS's own CSV style, manual
  /// 8.4.1: decimal commas allowed), else by tabs (also allowing them), else by ','.
  bool decimalComma;
};


/// A finite real number; in rows with decimal commas "1,5" reads 1.5.
Parsed<double> parseCsvNumber(std::string text, bool decimalComma);

/// Reports the problems of one CSV file at its own file:line:column, under the scenario field
/// that names the file, up to a limit: past it the file is clearly not what was meant.
class CsvErrors {
 public:
  static constexpr std::size_t kMaxPerFile = 10;

  /// `what` names the kind of file in the message at the limit ("trace file").
  CsvErrors(DiagnosticSink& sink, std::string path, std::string field, std::string what)
      : sink_(sink), path_(std::move(path)), field_(std::move(field)), what_(std::move(what)) {}

  /// Under `field`, or under a field of its own (a column: "sessionsFile.energy_kWh").
  void error(int line, int column, std::string reason) { errorAt(line, column, field_, std::move(reason)); }
  void errorAt(int line, int column, const std::string& field, std::string reason);
  /// True once the limit is reached: the parser should stop reading.
  bool stopped() const { return stopped_; }
  std::size_t count() const { return count_; }
  const std::string& path() const { return path_; }
  const std::string& field() const { return field_; }

 private:
  DiagnosticSink& sink_;
  std::string path_;
  std::string field_;
  std::string what_;
  std::size_t count_ = 0;
  bool stopped_ = false;
};

/// The rows of `text` that hold something, read by the project's one CSV reader (ews/kernel/csv.hpp:
/// quoted fields, a byte order mark, empty lines and lines starting with '#' skipped). Malformed
/// quoting is reported to `errors`.
std::vector<CsvRow> csvRows(std::string_view text, CsvErrors& errors);

}  // namespace ews::scenario::detail
