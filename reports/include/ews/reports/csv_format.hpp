#pragma once
// Number and field formatting of the EWS CSV files (manual 8.4.1): the decimal separator is a
// point or a comma (default comma) and the field separator a comma or a semicolon (default
// semicolon). Formatting is locale-independent, so a trace is byte-identical everywhere.
#include <string>

namespace ews::reports {

struct CsvFormat {
  char decimalSeparator = ',';
  char fieldSeparator = ';';

  /// Fixed-point with `decimals` digits, e.g. 1234.5 -> "1234,500" with a comma.
  std::string number(double value, int decimals = 3) const;
};

}  // namespace ews::reports
