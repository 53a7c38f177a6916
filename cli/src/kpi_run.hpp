#pragma once
// One scenario run reduced to its DLM KPIs: what `ews sweep` tabulates per combination.
// The lead implements kpi_run.cpp.
#include <string>
#include <utility>
#include <vector>

#include "ews/scenario/scenario.hpp"

namespace ews::cli {

using KpiColumns = std::vector<std::pair<std::string, double>>;

/// Runs `scenario` in virtual time without writing files; its DLM KPIs as named columns. Thread-safe (one call per thread).
KpiColumns runForKpis(const scenario::Scenario& scenario);

}  // namespace ews::cli
