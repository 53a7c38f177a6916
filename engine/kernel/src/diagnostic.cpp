#include "ews/kernel/diagnostic.hpp"

#include <fmt/format.h>

namespace ews {

std::string SourceLoc::str() const {
  const std::string name = file.empty() ? std::string("<input>") : file;
  if (!known()) return name;
  return fmt::format("{}:{}:{}", name, line, column);
}

std::string Diagnostic::str() const {
  if (field.empty()) return fmt::format("{}: {}", where.str(), reason);
  return fmt::format("{}: {}: {}", where.str(), field, reason);
}

namespace {
std::string joinDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += d.str();
  }
  return text.empty() ? std::string("invalid input") : text;
}
}  // namespace

ValidationError::ValidationError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(joinDiagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace ews
