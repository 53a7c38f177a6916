#pragma once
// How the downloads write one CSV line: every field through the project's CSV module
// (ews/kernel/csv.hpp), which quotes (RFC 4180) a field holding the field separator, a quote or a
// line break (names are user text and may, and numbers may when both separators are the comma).
#include <optional>
#include <string>
#include <string_view>

#include "ews/kernel/calendar.hpp"
#include "ews/reports/csv_format.hpp"

namespace ews::exporting::detail {

class CsvLine {
 public:
  explicit CsvLine(const reports::CsvFormat& format) : format_(format) {}

  /// A text field (quoted when needed).
  void text(std::string_view value);
  /// A number with `decimals` digits and the site's decimal separator; nullopt: an empty field
  /// (unknown, never a zero).
  void number(const std::optional<double>& value, int decimals);
  /// The local date-time with its UTC offset, as the CSV tree writes it (docs/csv-tree.md).
  void dateTime(const TimeZone& zone, Time t);
  /// Ends the line ("\n") and appends it to `out`; the line starts empty again.
  void endInto(std::string& out);

 private:
  void separate();

  const reports::CsvFormat& format_;
  std::string line_;
  bool first_ = true;
};

}  // namespace ews::exporting::detail
