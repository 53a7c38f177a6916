#pragma once
// Trace files of `kind: trace` load profiles: a recorded power series replayed by a simulated
// load (docs/scenario-format.md, "Trace files"). The file is read when the scenario is loaded,
// so a bad file is reported with the scenario's other problems, each at the CSV's own
// file:line:column.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ews/kernel/time.hpp"
#include "yaml_reader.hpp"

namespace ews::scenario::detail {

struct TraceCsvContext {
  const date::time_zone* zone = nullptr;  ///< for date-time rows; null: only their notation is checked
  Time runStart{};                        ///< the instant of offset 0 for offset-seconds rows
  std::string field;                      ///< the scenario field naming the file, for messages
};

struct TraceCsv {
  Time origin{};
  std::vector<std::pair<Duration, double>> pointsW;  ///< (offset from origin, power W)
};

/// Parses the text of a trace file; `path` names it in diagnostics. Reports every bad row (up
/// to a limit) to `sink`; the points of good rows are returned either way.
TraceCsv parseTraceCsv(std::string_view text, const std::string& path, const TraceCsvContext& context,
                       DiagnosticSink& sink);

/// The path a scenario's `file:` value designates: as written if absolute, else relative to
/// the directory of the scenario file (the working directory for a scenario given as text).
std::string resolveBesideScenario(const std::string& scenarioFile, const std::string& written);

}  // namespace ews::scenario::detail
