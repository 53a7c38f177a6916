// Problems with the file as a whole: unreadable, empty, not YAML, not a map, ... and the
// promise that no input makes the loader crash or throw anything but ValidationError.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>

#include "scenario_test_support.hpp"

namespace ews::scenario {
namespace {

using testing::diagnosticsOf;
using testing::hasDiagnostic;
using testing::kRunHeader;

TEST(FileErrors, MissingFileNamesThePathAndTheOsReason) {
  const std::string path = "/nonexistent-dir/scenario.yaml";
  try {
    loadScenarioFile(path);
    FAIL() << "accepted a missing file";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where.file, path);
    EXPECT_FALSE(e.diagnostics()[0].where.known());
    EXPECT_NE(e.diagnostics()[0].reason.find("No such file or directory"), std::string::npos);
    EXPECT_EQ(std::string(e.what()), path + ": cannot open scenario file: No such file or directory");
  }
}

TEST(FileErrors, DirectoryIsNotAScenario) {
  try {
    loadScenarioFile(EWS_SOURCE_DIR);
    FAIL() << "accepted a directory";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_NE(e.diagnostics()[0].reason.find("Is a directory"), std::string::npos);
  }
}

TEST(FileErrors, EmptyFile) {
  const auto d = diagnosticsOf("");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(hasDiagnostic(d, 1, 1, "", "empty scenario"));
}

TEST(FileErrors, CommentsOnlyIsEmpty) {
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf("# nothing yet\n\n"), 1, 1, "", "empty scenario"));
}

TEST(FileErrors, YamlSyntaxErrorCarriesTheParserPosition) {
  // "name: b: c" - yaml-cpp stops at the second ':' (line 3, column 8).
  const auto d = diagnosticsOf(kRunHeader + "name: b: c\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(hasDiagnostic(d, 3, 8, "", "YAML syntax error: illegal map value"));
  EXPECT_EQ(d[0].str(), "test.yaml:3:8: YAML syntax error: illegal map value");
}

TEST(FileErrors, UnclosedFlowList) {
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf("run:\n  start: [1, 2\n"), 3, 1, "", "end of sequence flow not found"));
}

TEST(FileErrors, TopLevelListIsNotAScenario) {
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf("- run\n- ews\n"), 1, 1, "", "expected a map of sections"));
}

TEST(FileErrors, TopLevelScalarIsNotAScenario) {
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf("hello"), 1, 1, "", "expected a map of sections"));
}

TEST(FileErrors, SecondYamlDocumentIsRefused) {
  const auto d = diagnosticsOf(kRunHeader + "---\nname: other\n");
  EXPECT_TRUE(hasDiagnostic(d, 4, 1, "", "one YAML document"));
}

// yaml-cpp keeps both entries of a repeated key (it does not report them): the reader does.
TEST(FileErrors, DuplicateKeyPointsAtTheRepetitionAndTheFirst) {
  const auto d = diagnosticsOf(kRunHeader + "name: a\nname: b\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(hasDiagnostic(d, 4, 1, "name", "duplicate key 'name' (first given at line 3, column 1)"));
}

TEST(FileErrors, DuplicateKeyInsideAnEntry) {
  const auto d = diagnosticsOf(kRunHeader + "dlm:\n  on: true\n  maxCurrent: 10\n  on: false\n");
  EXPECT_TRUE(hasDiagnostic(d, 6, 3, "dlm.on", "duplicate key 'on' (first given at line 4, column 3)"));
}

TEST(FileErrors, NonScalarKey) {
  EXPECT_TRUE(hasDiagnostic(diagnosticsOf(kRunHeader + "? [a, b]\n: c\n"), 3, 3, "", "keys must be plain names"));
}

TEST(FileErrors, DiagnosticsAreSortedByPosition) {
  // The reference error (line 5) is found after the section errors (lines 3 and 7).
  const auto d = diagnosticsOf(kRunHeader +
                               "ews: {currency: euro}\n"                               // 3
                               "deviceSims:\n"                                         // 4
                               "  - {device: Ghost}\n"                                 // 5
                               "dlm:\n"                                                // 6
                               "  hysteresis: 150\n");                                 // 7
  ASSERT_EQ(d.size(), 3u) << testing::listOf(d);
  EXPECT_EQ(d[0].where.line, 3);
  EXPECT_EQ(d[1].where.line, 5);
  EXPECT_EQ(d[2].where.line, 7);
}

/// Inputs that once crashed YAML loaders: each must end in a Scenario or a ValidationError.
TEST(FileErrors, HostileInputsNeverCrash) {
  const std::vector<std::string> inputs = {
      std::string("\0\xff\xfe", 3),
      "a: &x [*x]\n",
      std::string(20000, '['),
      std::string(20000, '{'),
      "run: {start: 1e999}\n",
      "run: {start: \"2026-01-05T00:00\", seed: 999999999999999999999999999}\n",
      "run: {start: \"2026-01-05T00:00\", duration: 99999999999999999999999d}\n",
      "run: {start: \"2026-01-05T00:00\", speed: .inf}\n",
      "run: {start: \"2026-01-05T00:00\", speed: .nan}\n",
      "ews: {modbus: {baud: 1e400, timeout: -5ms}}\nrun: {start: x}\n",
      "run:\n\tstart: x\n",
      "run: !!binary aGVsbG8=\n",
      "run: {start: \"2026-01-05T00:00\"}\ninstallation: {gateways: [[], 5, ~, {devices: {}}]}\n",
      "run: {start: \"2026-01-05T00:00\"}\ninstallation: {gateways: [{devices: [{family: wsmeasure, address: "
      "\"1-2-3\"}, {family: breaker, address: \"-1\"}, {family: breaker, address: \"1-\"}]}]}\n",
      "run: {start: \"2026-01-05T00:00\"}\nloadProfiles: [{name: a, kind: daily, points: [[], [1], "
      "[\"00:00\", [1]], {a: b}]}]\n",
      "run: {start: \"2026-01-05T00:00\"}\nsessions: [{station: ~, arrival: ~, departure: []}]\n",
      "run: {start: \"2026-01-05T00:00\", timezone: \"../../../etc/passwd\"}\n",
  };
  for (const auto& input : inputs) {
    try {
      parseScenario(input);
    } catch (const ValidationError&) {
      // expected for most of them
    } catch (const std::exception& e) {
      ADD_FAILURE() << "escaped exception " << e.what() << " for input: " << input.substr(0, 80);
    }
  }
}

/// Random byte edits of the default scenario: whatever the result, only ValidationError.
TEST(FileErrors, MutatedScenariosNeverCrash) {
  std::ifstream in(std::string(EWS_SOURCE_DIR) + "/scenarios/default.yaml");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string original = buffer.str();
  ASSERT_FALSE(original.empty());
  std::mt19937_64 rng(42);  // fixed: the same mutations on every run
  const std::string alphabet = ":-[]{},'\"#&*!|>%@` \n\t0123456789.aeZ";
  int rejected = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text = original;
    for (int edit = 0; edit < 3; ++edit) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.erase(at, 1 + rng() % 8); break;
        case 1: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        default: text[at] = alphabet[rng() % alphabet.size()]; break;
      }
      // push_back, not = "x": GCC 12 warns falsely (-Wrestrict) on that inlined assignment.
      if (text.empty()) text.push_back('x');
    }
    try {
      parseScenario(text);
    } catch (const ValidationError& e) {
      ++rejected;
      EXPECT_FALSE(e.diagnostics().empty());
    } catch (const std::exception& e) {
      ADD_FAILURE() << "escaped exception " << e.what() << " in round " << round;
    }
  }
  EXPECT_GT(rejected, 100);
}

}  // namespace
}  // namespace ews::scenario
