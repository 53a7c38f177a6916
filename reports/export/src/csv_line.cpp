#include "csv_line.hpp"

#include "ews/kernel/csv.hpp"
#include "ews/stores/local_time_text.hpp"

namespace ews::exporting::detail {

void CsvLine::separate() {
  if (!first_) line_ += format_.fieldSeparator;
  first_ = false;
}

void CsvLine::text(std::string_view value) {
  separate();
  line_ += csv::field(value, format_.fieldSeparator);
}

void CsvLine::number(const std::optional<double>& value, int decimals) {
  separate();
  if (value) line_ += csv::field(format_.number(*value, decimals), format_.fieldSeparator);
}

void CsvLine::dateTime(const TimeZone& zone, Time t) {
  separate();
  line_ += stores::csv::localTimeWithOffset(zone, t);
}

void CsvLine::endInto(std::string& out) {
  line_ += '\n';
  out += line_;
  line_.clear();
  first_ = true;
}

}  // namespace ews::exporting::detail
