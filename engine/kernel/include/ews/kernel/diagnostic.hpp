#pragma once
// Diagnostics for bad input (docs/design.md decision 10): every error names where (file:line:column),
// which field, and why. Shared by the scenario loader, the installation validation and,
// later, the configuration pages.
#include <stdexcept>
#include <string>
#include <vector>

namespace ews {

/// A position in a human-written file. line/column are 1-based; line 0 means "unknown"
/// (for instance an installation built from code rather than from a file).
struct SourceLoc {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return line > 0; }
  /// "file:line:column", or "file" / "<input>" when the position is unknown.
  std::string str() const;
};

struct Diagnostic {
  SourceLoc where;
  std::string field;   ///< dotted path of the offending field, e.g. "installation.gateways[1].devices[3].address"
  std::string reason;  ///< what is wrong, in words a user understands

  /// "file:line:column: field: reason"
  std::string str() const;
};

/// Thrown when input is rejected; carries every diagnostic found, not only the first.
class ValidationError : public std::runtime_error {
 public:
  explicit ValidationError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace ews
