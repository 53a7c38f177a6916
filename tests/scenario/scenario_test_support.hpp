#pragma once
// Helpers for the scenario loader tests: parse inline YAML, collect the diagnostics, and
// check one of them by exact position, field path and a reason substring.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ews/kernel/diagnostic.hpp"
#include "ews/scenario/loader.hpp"

namespace ews::scenario::testing {

/// The two lines every inline document starts with (run.start is required): a test's own
/// lines therefore start at line 3.
inline const std::string kRunHeader = "run:\n  start: \"2026-01-05T00:00:00\"\n";

/// The name diagnosticsOf and parseValid give the text they parse.
inline const std::string kTestFile = "test.yaml";

/// The document diagnosticsOf last parsed, so failure messages can quote its lines.
inline std::string& lastDocument() {
  static std::string text;
  return text;
}

/// The diagnostics `yaml` is rejected with; a failure if it is accepted.
inline std::vector<Diagnostic> diagnosticsOf(const std::string& yaml) {
  lastDocument() = yaml;
  try {
    parseScenario(yaml, kTestFile);
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
    if (d.where.file == kTestFile && d.where.line > 0 && static_cast<std::size_t>(d.where.line) <= lines.size() &&
        d.where.column > 0) {
      text += "      " + lines[static_cast<std::size_t>(d.where.line) - 1] + "\n      " +
              std::string(static_cast<std::size_t>(d.where.column) - 1, ' ') + "^\n";
    }
  }
  return text;
}

/// True when one diagnostic is in `file` at line:column, names `field` and its reason contains `reason`.
inline ::testing::AssertionResult hasDiagnosticIn(const std::vector<Diagnostic>& diagnostics, const std::string& file,
                                                  int line, int column, const std::string& field,
                                                  const std::string& reason) {
  for (const auto& d : diagnostics) {
    if (d.where.file == file && d.where.line == line && d.where.column == column && d.field == field &&
        d.reason.find(reason) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
  }
  return ::testing::AssertionFailure() << "no diagnostic " << file << ":" << line << ":" << column << ": " << field
                                       << ": ..." << reason << "... among:\n"
                                       << listOf(diagnostics);
}

/// The same in the scenario text itself (kTestFile).
inline ::testing::AssertionResult hasDiagnostic(const std::vector<Diagnostic>& diagnostics, int line, int column,
                                                const std::string& field, const std::string& reason) {
  return hasDiagnosticIn(diagnostics, kTestFile, line, column, field, reason);
}

/// Parses `yaml`, which must be valid; on failure the diagnostics are printed.
inline Scenario parseValid(const std::string& yaml) {
  try {
    return parseScenario(yaml, kTestFile);
  } catch (const ValidationError& e) {
    ADD_FAILURE() << "unexpected diagnostics:\n" << e.what();
    return {};
  }
}

/// 1-based column of `needle` in the only line of `yaml` that contains it.
inline int columnOf(const std::string& yaml, const std::string& needle) {
  const std::size_t at = yaml.find(needle);
  const std::size_t lineStart = yaml.rfind('\n', at);
  return static_cast<int>(at - (lineStart == std::string::npos ? 0 : lineStart + 1)) + 1;
}

/// A fresh directory per test (per process too: ctest may run tests in parallel) for the files
/// a scenario refers to.
class TempFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("ews-scenario-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// Writes `content` to `name` under the directory; returns its path.
  std::string write(const std::string& name, const std::string& content) const {
    const auto path = dir_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << content;
    return path.string();
  }

  std::filesystem::path dir_;
};

}  // namespace ews::scenario::testing
