#include "diagnostics_output.hpp"

#include <fmt/format.h>

namespace ews::cli {

void printDiagnostics(std::FILE* out, const ValidationError& error) {
  for (const auto& diagnostic : error.diagnostics()) fmt::print(out, "{}\n", diagnostic.str());
  const auto count = error.diagnostics().size();
  fmt::print(out, "{} error{}\n", count, count == 1 ? "" : "s");
}

}  // namespace ews::cli
