#pragma once
#include <string>

namespace ews::reports {
/// Fixed-point text with `decimals` digits, locale-independent, never "-0.000": a value that
/// rounds to zero prints as zero, so traces do not differ on the sign of a rounding residue.
std::string fixedPoint(double value, int decimals);
}  // namespace ews::reports
