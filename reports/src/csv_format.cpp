#include "ews/reports/csv_format.hpp"

#include "ews/reports/number_format.hpp"

#include <algorithm>

namespace ews::reports {

std::string CsvFormat::number(double value, int decimals) const {
  std::string text = fixedPoint(value, decimals);
  if (decimalSeparator != '.') std::replace(text.begin(), text.end(), '.', decimalSeparator);
  return text;
}

}  // namespace ews::reports
