// The size limits of YAML inputs (docs/scenario-format.md, "Limits"): each one refused at the
// node that passes it with an error naming the limit, before any reader walks the document, and
// the two inputs that used to run for minutes (an alias fan-out, a map of 100,000 keys).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "ews/yaml/document_limits.hpp"
#include "scenario_test_support.hpp"

namespace ews::scenario {
namespace {

using testing::diagnosticsOf;
using testing::hasDiagnostic;
using testing::kRunHeader;

/// The diagnostics of checkDocumentLimits on `text` with `limits` (none when within them).
std::vector<Diagnostic> limitErrors(const std::string& text, const yaml::DocumentLimits& limits) {
  yaml::DiagnosticSink sink("doc.yaml");
  const bool within = yaml::checkDocumentLimits(YAML::Load(text), limits, sink);
  auto diagnostics = sink.take();
  EXPECT_EQ(within, diagnostics.empty());
  return diagnostics;
}

TEST(DocumentLimits, EachLimitIsReportedAtTheNodeThatPassesIt) {
  const std::string text = "a:\n  b: [1, 2, 3]\n  c: {x: 1, y: 2}\n";
  EXPECT_TRUE(limitErrors(text, {}).empty());

  auto d = limitErrors(text, {.maxListItems = 2});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].str(), "doc.yaml:2:6: a list of 3 items, over the limit of 2");

  d = limitErrors(text, {.maxMapKeys = 1});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].str(), "doc.yaml:2:3: a map of 2 keys, over the limit of 1") << "the top map has one key: within";
}

TEST(DocumentLimits, MapKeysOverTheLimit) {
  const auto d = limitErrors("a:\n  b: {x: 1, y: 2, z: 3}\n", {.maxMapKeys = 2});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].str(), "doc.yaml:2:6: a map of 3 keys, over the limit of 2");
}

TEST(DocumentLimits, NestingDepthCountsAnAliasWhereItIsUsed) {
  EXPECT_TRUE(limitErrors("a: [[[1]]]\n", {.maxDepth = 4}).empty());
  auto d = limitErrors("a: [[[[1]]]]\n", {.maxDepth = 4});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].reason.find("nested more than 4 levels deep"), std::string::npos) << d[0].str();
  // The anchored value is 3 deep where it is written (within 4) and 5 deep where it is used.
  d = limitErrors("x: &v [[1]]\na: [[*v]]\n", {.maxDepth = 4});
  ASSERT_EQ(d.size(), 1u) << d[0].str();
  EXPECT_NE(d[0].reason.find("nested more than 4 levels deep"), std::string::npos) << d[0].str();
}

TEST(DocumentLimits, NodesCountEachUseOfAnAlias) {
  // The root, 2 keys, the anchored list (4 nodes), and the list of its 3 uses (1 + 3 x 4):
  // 20 nodes.
  const std::string text = "v: &v [1, 2, 3]\nall: [*v, *v, *v]\n";
  EXPECT_TRUE(limitErrors(text, {.maxNodes = 20}).empty());
  auto d = limitErrors(text, {.maxNodes = 19});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].str(), "doc.yaml:2:1: the document holds more than 19 nodes with its aliases expanded (each use of "
                        "an alias counts its whole anchored value), the limit");  // at the key "all"
  // Passed inside the list of uses (1 + 3 x 4 nodes): reported there, where the aliases are
  // used, not where the anchored value is written.
  d = limitErrors(text, {.maxNodes = 12});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].str(), "doc.yaml:2:6: the document holds more than 12 nodes with its aliases expanded (each use of "
                        "an alias counts its whole anchored value), the limit (at its item 2)");
}

TEST(DocumentLimits, TextSize) {
  yaml::DiagnosticSink sink("doc.yaml");
  EXPECT_TRUE(yaml::checkText(std::string(100, 'a'), {.maxBytes = 100}, sink, "the file"));
  EXPECT_FALSE(yaml::checkText(std::string(101, 'a'), {.maxBytes = 100}, sink, "the file"));
  const auto d = sink.take();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].str(), "doc.yaml:1:1: the file is 101 bytes, over the limit of 100 bytes");
}

// ---- the scenario loader with the format's limits ----

TEST(ScenarioLimits, AnAliasFanOutIsRefusedQuickly) {
  // 1000 gateways naming one list of 1000 devices: a million devices from 2000 lines.
  std::string text = "devices: &devices\n";
  for (int i = 0; i < 1000; ++i) text += "  - {name: d" + std::to_string(i) + ", family: generic, address: 1}\n";
  text += kRunHeader + "installation:\n  gateways:\n";
  for (int i = 0; i < 1000; ++i) text += "    - {name: g" + std::to_string(i) + ", ip: 10.0.0.1, devices: *devices}\n";
  const auto started = std::chrono::steady_clock::now();
  const auto d = diagnosticsOf(text);
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(d.size(), 1u) << d[0].str();
  EXPECT_NE(d[0].reason.find("more than 1000000 nodes with its aliases expanded"), std::string::npos) << d[0].str();
  EXPECT_GT(d[0].where.line, 1000);  // among the gateways
  EXPECT_LT(took, std::chrono::seconds(5)) << "a guard against quadratic work, not a speed target";
}

TEST(ScenarioLimits, AMapOfManyKeysIsRefusedAtTheMap) {
  std::string text = kRunHeader + "ews:\n";
  for (int i = 0; i < 10'001; ++i) text += "  key" + std::to_string(i) + ": 1\n";
  const auto d = diagnosticsOf(text);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(hasDiagnostic(d, 4, 3, "", "a map of 10001 keys, over the limit of 10000"));
}

TEST(ScenarioLimits, ATooLargeTextIsRefusedBeforeParsing) {
  const std::string text = kRunHeader + "description: \"" + std::string(16 << 20, 'x') + "\"\n";
  const auto d = diagnosticsOf(text);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].reason.find("the scenario file is 16777268 bytes, over the limit of 16777216 bytes"),
            std::string::npos)
      << d[0].str();
}

TEST(ScenarioLimits, ManyErrorsAreListedUpToTheCapAndCounted) {
  std::string text = kRunHeader + "ews:\n";
  for (int i = 0; i < 1500; ++i) text += "  key" + std::to_string(i) + ": 1\n";
  const auto d = diagnosticsOf(text);
  ASSERT_EQ(d.size(), yaml::DiagnosticSink::kMaxKept + 1);
  // The note is file-level, so it sorts first.
  EXPECT_EQ(d.front().reason, "500 more errors not listed (only the first 1000 found are)");
  EXPECT_TRUE(hasDiagnostic(d, 4, 3, "ews.key0", "unknown key 'key0'"));
}

TEST(ScenarioLimits, TextThatIsNotUtf8IsRefusedWhereTheByteIs) {
  const auto d = diagnosticsOf(kRunHeader + "name: \"Compteur g\xE9n\xE9ral\"\n");  // Latin-1, not UTF-8
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(hasDiagnostic(d, 3, 18, "", "not valid UTF-8 (byte 0xE9): the scenario file must be written in UTF-8"));
}

class DataFileLimits : public testing::TempFiles {};

TEST_F(DataFileLimits, ADataFileThatIsNotUtf8IsRefusedWithThePosition) {
  const auto sessions = write("sessions.csv", "station,arrival,departure,energy_kWh\nBorne \xE9t\xE9,2026-01-05T08:00,"
                                              "2026-01-05T10:00,10\n");
  const auto d = diagnosticsOf(kRunHeader + "sessionsFile: " + sessions + "\n");
  ASSERT_FALSE(d.empty());
  EXPECT_NE(d[0].reason.find("not valid UTF-8 at line 2, column 7 (byte 0xE9)"), std::string::npos) << d[0].str();
}

}  // namespace
}  // namespace ews::scenario
