// Entry points: read the text, parse the YAML, run the section parsers, apply the default
// names, resolve references, and throw every diagnostic at once.
#include "ews/scenario/loader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <tuple>

#include "ews/installation/defaults.hpp"
#include "ews/scenario/document.hpp"
#include "ews/yaml/document_limits.hpp"
#include "file_text.hpp"
#include "sections.hpp"
#include "yaml_reader.hpp"

namespace ews::scenario {

namespace {

using detail::DiagnosticSink;
using detail::Located;
using detail::MapReader;

/// Throws every diagnostic, in file order (a problem found by a later check, such as a
/// reference, still reads in its place); file-level problems (line 0) come first. Problems in
/// the files a scenario refers to (trace CSVs) follow the scenario's own, file by file.
[[noreturn]] void fail(DiagnosticSink& sink) {
  std::vector<Diagnostic> diagnostics = sink.take();
  const std::string& scenarioFile = sink.file();
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const bool aElsewhere = a.where.file != scenarioFile;
    const bool bElsewhere = b.where.file != scenarioFile;
    return std::tie(aElsewhere, a.where.file, a.where.line, a.where.column) <
           std::tie(bElsewhere, b.where.file, b.where.line, b.where.column);
  });
  throw ValidationError(std::move(diagnostics));
}

/// The single YAML document of `text`; reports syntax errors, empty files and extra documents.
std::optional<YAML::Node> loadDocument(const std::string& text, DiagnosticSink& sink) {
  const yaml::DocumentLimits limits;
  if (!yaml::checkText(text, limits, sink, "the scenario file")) return std::nullopt;
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    // e.what() repeats the position in yaml-cpp's words; the diagnostic carries it already.
    SourceLoc at = sink.at(e.mark);
    if (!at.known()) at = SourceLoc{sink.file(), 1, 1};
    sink.error(at, "", fmt::format("YAML syntax error: {}", e.msg));
    return std::nullopt;
  }
  if (documents.empty() || documents.front().IsNull()) {
    sink.error(SourceLoc{sink.file(), 1, 1}, "", "empty scenario (expected a map of sections: ews, run, installation, ...)");
    return std::nullopt;
  }
  if (documents.size() > 1) {
    sink.error(sink.at(documents[1].Mark()), "", "a scenario file holds one YAML document; remove the '---' separator");
  }
  if (!documents.front().IsMap()) {
    sink.error(sink.at(documents.front().Mark()), "", "expected a map of sections (ews, run, installation, ...) at the top level");
    return std::nullopt;
  }
  // Before any section reader walks it: their work then stays linear in the file.
  if (!yaml::checkDocumentLimits(documents.front(), limits, sink)) return std::nullopt;
  return documents.front();
}

/// Unnamed devices and gateways get their EWS default names; nested sims follow their device.
void nameNestedSims(Scenario& scenario, const std::vector<detail::SimOrigin>& origins) {
  for (std::size_t i = 0; i < scenario.deviceSims.size() && i < origins.size(); ++i) {
    if (!origins[i].device) continue;
    const auto [gateway, device] = *origins[i].device;
    scenario.deviceSims[i].device = scenario.installation.gateways[gateway].devices[device].name;
  }
}

Scenario parseDocument(const YAML::Node& root, DiagnosticSink& sink) {
  Scenario scenario;
  scenario.file = sink.file();
  MapReader top(sink, Located{root, "", sink.at(root.Mark())});
  top.read("name", scenario.name);
  top.read("description", scenario.description);
  // ews before run (sample rate, zone), run before the date-times of sessions and faults.
  detail::readEwsSection(top, scenario);
  const date::time_zone* zone = detail::readRunSection(top, scenario);
  std::vector<detail::SimOrigin> simOrigins;
  detail::readInstallationSection(top, scenario, simOrigins);
  detail::readLoadProfiles(top, scenario, zone);
  detail::readDeviceSims(top, scenario, simOrigins);
  detail::readSessions(top, scenario, zone);
  detail::readFaults(top, scenario, zone);
  detail::readDlm(top, scenario, zone);
  detail::readTariffs(top, scenario);
  detail::readSlaves(top, scenario);
  top.reportUnknownKeys();

  installation::applyDefaultNames(scenario.installation);
  nameNestedSims(scenario, simOrigins);
  detail::checkReferences(scenario, simOrigins, sink);
  detail::checkSlaveGateways(scenario, sink);
  detail::resolveSessionDefaults(scenario);
  return scenario;
}

/// Runs `parse` on a fresh sink for `fileName` and throws its diagnostics, if any, as one
/// ValidationError; an exception the section parsers did not foresee becomes a diagnostic too.
template <class Parse>
auto withDiagnostics(const std::string& fileName, Parse parse) {
  DiagnosticSink sink(fileName);
  try {
    auto result = parse(sink);
    if (sink.count() != 0) fail(sink);
    return result;
  } catch (const ValidationError&) {
    throw;
  } catch (const std::exception& e) {
    // A path the section parsers did not foresee: still a diagnostic, never a crash.
    sink.error(SourceLoc{fileName, 0, 0}, "", fmt::format("cannot load scenario: {}", e.what()));
    fail(sink);
  }
}

}  // namespace

Scenario parseScenario(const std::string& yamlText, const std::string& fileName) {
  return withDiagnostics(fileName, [&](DiagnosticSink& sink) {
    const auto root = loadDocument(yamlText, sink);
    if (!root) fail(sink);
    return parseDocument(*root, sink);
  });
}

std::string readScenarioText(const std::string& path) {
  auto text = detail::readFileText(path, "scenario file", yaml::DocumentLimits{}.maxBytes);
  if (!text) {
    DiagnosticSink sink(path);
    sink.error(SourceLoc{path, 0, 0}, "", text.error);
    fail(sink);
  }
  return std::move(*text.value);
}

Scenario loadScenarioFile(const std::string& path) { return parseScenario(readScenarioText(path), path); }

YAML::Node loadScenarioYaml(const std::string& yamlText, const std::string& fileName) {
  return withDiagnostics(fileName, [&](DiagnosticSink& sink) {
    const auto root = loadDocument(yamlText, sink);
    if (!root) fail(sink);
    return *root;
  });
}

Scenario parseScenarioDocument(const YAML::Node& document, const std::string& fileName) {
  return withDiagnostics(fileName, [&](DiagnosticSink& sink) { return parseDocument(document, sink); });
}

}  // namespace ews::scenario
