#pragma once
#include <cstdio>

#include "ews/kernel/diagnostic.hpp"

namespace ews::cli {
/// Prints every diagnostic, one per line, "file:line:column: field: reason", then a count.
void printDiagnostics(std::FILE* out, const ValidationError& error);
}  // namespace ews::cli
