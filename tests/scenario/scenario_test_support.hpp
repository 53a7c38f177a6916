#pragma once
// Helpers for the scenario loader tests: parse inline YAML, collect the diagnostics, and
// check one of them by exact position, field path and a reason substring.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ews/kernel/diagnostic.hpp"
#include "ews/scenario/loader.hpp"

namespace ews::scenario::testing {

/// The two lines every inline document starts with (run.start is required): a test's own
/// lines therefore start at line 3.
inline const std::string kRunHeader = "run:\n  start: \"2026-01-05T00:00:00\"\n";

/// The document diagnosticsOf last parsed, so failure messages can quote its lines.
inline std::string& lastDocument() {
  static std::string text;
  return text;
}

/// The diagnostics `yaml` is rejected with; a failure if it is accepted.
inline std::vector<Diagnostic> diagnosticsOf(const std::string& yaml) {
  lastDocument() = yaml;
  try {
    parseScenario(yaml, "test.yaml");
  } catch (const ValidationError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "expected the scenario to be rejected:\n" << yaml;
  return {};
}

/// Each diagnostic, with the line it points at and a caret under its column.
inline std::string listOf(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  const std::string& doc = lastDocument();
  while (start <= doc.size()) {
    const std::size_t end = std::min(doc.find('\n', start), doc.size());
    lines.push_back(doc.substr(start, end - start));
    start = end + 1;
  }
  std::string text;
  for (const auto& d : diagnostics) {
    text += "  " + d.str() + "\n";
    if (d.where.line > 0 && static_cast<std::size_t>(d.where.line) <= lines.size() && d.where.column > 0) {
      text += "      " + lines[static_cast<std::size_t>(d.where.line) - 1] + "\n      " +
              std::string(static_cast<std::size_t>(d.where.column) - 1, ' ') + "^\n";
    }
  }
  return text;
}

/// True when one diagnostic is at line:column, names `field` and its reason contains `reason`.
inline ::testing::AssertionResult hasDiagnostic(const std::vector<Diagnostic>& diagnostics, int line, int column,
                                                const std::string& field, const std::string& reason) {
  for (const auto& d : diagnostics) {
    if (d.where.line == line && d.where.column == column && d.field == field &&
        d.reason.find(reason) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
  }
  return ::testing::AssertionFailure() << "no diagnostic " << line << ":" << column << ": " << field << ": ..."
                                       << reason << "... among:\n"
                                       << listOf(diagnostics);
}

/// Parses `yaml`, which must be valid; on failure the diagnostics are printed.
inline Scenario parseValid(const std::string& yaml) {
  try {
    return parseScenario(yaml, "test.yaml");
  } catch (const ValidationError& e) {
    ADD_FAILURE() << "unexpected diagnostics:\n" << e.what();
    return {};
  }
}

}  // namespace ews::scenario::testing
