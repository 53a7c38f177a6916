#include "ews/reports/number_format.hpp"

#include <fmt/format.h>

namespace ews::reports {

std::string fixedPoint(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

}  // namespace ews::reports
