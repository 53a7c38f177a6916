#pragma once
// Reading scenario files (docs/scenario-format.md). Both entry points either return a complete
// Scenario or throw ews::ValidationError carrying every problem found, each naming
// file:line:column, the dotted field path and the reason. They never let another exception
// escape for bad input (unreadable file, YAML syntax, wrong types, huge numbers...).
//
// What the loader checks: the YAML shape (known keys, types), each value's own range, the
// scenario's references by name (profiles, stations, fault targets, DLM meters) after the
// installation's default names are applied. What it does not check: the installation's own
// rules (unique addresses and names, capacity of the variant, ...): call
// ews::installation's validation on Scenario::installation; every entry carries `loc` and
// `fieldLocs` so those rules can point at exact positions too.
#include <string>

#include "ews/scenario/scenario.hpp"

namespace ews::scenario {

/// Reads and parses the file at `path`; diagnostics name `path` as written.
Scenario loadScenarioFile(const std::string& path);

/// Parses scenario text; diagnostics name `fileName`.
Scenario parseScenario(const std::string& yamlText, const std::string& fileName = "<string>");

/// The text of the scenario file at `path`; throws ValidationError ("path: cannot open scenario
/// file: ...") as loadScenarioFile does. With parseScenario, the same as loadScenarioFile, for
/// tools that keep the text (ews sweep loads one file many times, edited).
std::string readScenarioText(const std::string& path);

}  // namespace ews::scenario
