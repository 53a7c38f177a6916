#pragma once
// Scenarios from Python: a file path, or a dict (the file's YAML structure as Python values)
// written out as YAML text by yaml-cpp and read by the normal loader, so a dict meets exactly
// the checks and messages of a file (`ews validate`).
#include <pybind11/pybind11.h>

#include <string>

#include "ews/scenario/scenario.hpp"

namespace ews::python {

/// The YAML text of a scenario dict: dicts become maps (str keys only), lists and tuples
/// sequences, None null, bools true/false, numbers and strings scalars, datetime.datetime its
/// ISO text and datetime.timedelta whole seconds ("90s"). Throws TypeError naming the key path
/// of a value it cannot write.
std::string scenarioYaml(pybind11::handle scenarioDict);

/// A scenario given as a path (str or os.PathLike) or a dict, checked as `ews validate` checks a
/// file: the loader's rules, then the installation's. A dict's diagnostics name
/// `<base_dir>/<dict>` with positions in scenarioYaml(dict); its relative paths (trace and
/// sessions files) are resolved in `baseDir` ("" = the current directory). Throws
/// ews::ValidationError with every problem.
scenario::Scenario loadScenario(pybind11::handle source, const std::string& baseDir);

}  // namespace ews::python
