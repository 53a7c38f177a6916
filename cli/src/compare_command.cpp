// `ews compare RUN_A RUN_B` (docs/cli.md): the largest sample-by-sample difference per quantity of
// two runs' traces, and their Green'Up KPIs side by side. A run is its output folder, a data
// folder or the trace.h5 itself. With --tolerance, any difference above it, and any instant,
// column or known value present in one run only, makes the exit code 4.
#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "ews/kernel/time.hpp"
#include "ews/stores/trace_compare.hpp"

namespace ews::cli {

namespace {
std::string tracePathOf(const std::string& run) {
  const std::filesystem::path path(run);
  if (std::filesystem::is_directory(path)) return (path / "trace.h5").string();
  return run;
}

std::string relativeText(double a, double b) {
  if (a == b || (std::isnan(a) && std::isnan(b))) return "0";
  if (a == 0.0) return "n/a";
  return fmt::format("{:+.3g} %", 100.0 * (b - a) / std::fabs(a));
}

/// What the run pair lacks to be comparable at this quantity, as text ("" when nothing).
std::string mismatchText(const stores::QuantityComparison& c) {
  std::vector<std::string> parts;
  if (c.rowsOnlyInA > 0) parts.push_back(fmt::format("{} instants only in A", c.rowsOnlyInA));
  if (c.rowsOnlyInB > 0) parts.push_back(fmt::format("{} instants only in B", c.rowsOnlyInB));
  if (!c.columnsOnlyInA.empty()) parts.push_back(fmt::format("only in A: {}", fmt::join(c.columnsOnlyInA, ", ")));
  if (!c.columnsOnlyInB.empty()) parts.push_back(fmt::format("only in B: {}", fmt::join(c.columnsOnlyInB, ", ")));
  if (c.knownInOneOnly > 0) parts.push_back(fmt::format("{} values known in one run only", c.knownInOneOnly));
  return fmt::format("{}", fmt::join(parts, "; "));
}
}  // namespace

int runCompare(const CompareOptions& options) {
  const stores::TraceReader a(tracePathOf(options.runA));
  const stores::TraceReader b(tracePathOf(options.runB));
  bool beyondTolerance = false;

  fmt::print("A: {}\nB: {}\n", tracePathOf(options.runA), tracePathOf(options.runB));
  fmt::print("{:<38} {:>7} {:>7} {:>14} {:>10}  {}\n", "quantity", "rows", "columns", "largest diff", "sum B/A",
             "where");
  for (const std::string& quantity : a.quantities()) {
    const stores::QuantityComparison c = stores::compareMatrices(a.matrix(quantity), b.matrix(quantity));
    const double largest = c.largest ? c.largest->absolute() : 0.0;
    const std::string where = c.largest ? fmt::format("{} at {} (A {:.6g}, B {:.6g})", c.largest->column,
                                                      formatUtc(timeFromMicros(c.largest->atUs)), c.largest->a,
                                                      c.largest->b)
                                        : std::string("-");
    fmt::print("{:<38} {:>7} {:>7} {:>14.6g} {:>10}  {}\n", quantity, c.rows, c.columns, largest,
               relativeText(c.sumA, c.sumB), where);
    const std::string mismatch = mismatchText(c);
    if (!mismatch.empty()) fmt::print("{:<38} {}\n", "", mismatch);
    if (options.tolerance && (largest > *options.tolerance || !mismatch.empty())) beyondTolerance = true;
  }

  const auto kpisA = a.dlmKpis();
  const auto kpisB = b.dlmKpis();
  if (!kpisA.empty() || !kpisB.empty()) {
    fmt::print("\nGreen'Up KPIs{:<25} {:>14} {:>14} {:>10}\n", "", "A", "B", "B/A");
    for (const auto& [name, valueA] : kpisA) {
      const auto found = kpisB.find(name);
      if (found == kpisB.end()) {
        fmt::print("  {:<36} {:>14.6g} {:>14}\n", name, valueA, "-");
        continue;
      }
      fmt::print("  {:<36} {:>14.6g} {:>14.6g} {:>10}\n", name, valueA, found->second,
                 relativeText(valueA, found->second));
    }
  }
  if (beyondTolerance) {
    fmt::print(stderr, "ews compare: the runs differ beyond the tolerance {:g}\n", *options.tolerance);
    return kDifferent;
  }
  return kOk;
}

}  // namespace ews::cli
