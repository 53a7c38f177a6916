// libFuzzer target: the project's CSV reader (ews/kernel/csv.hpp) and the trace file reader on
// top of it (engine/scenario trace_csv, the `kind: trace` load profiles). Any text is read; the
// readers answer with problems and diagnostics, never with an exception. The reader is also held
// to its contract with the writer ("what one writes the other reads"): the records it read,
// written back with csv::row, read back to the same fields.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ews/kernel/csv.hpp"
#include "ews/yaml/located.hpp"
#include "trace_csv.hpp"
#include "zoned_time.hpp"

namespace {

std::vector<std::string> textsOf(const ews::csv::Record& record) {
  std::vector<std::string> texts;
  for (const auto& field : record.fields) texts.push_back(field.text);
  return texts;
}

/// A record csv::row cannot give back as it is: a single empty field is an empty line, which
/// readers skip by design.
bool writable(const ews::csv::Record& record) {
  return !(record.fields.size() == 1 && record.fields.front().text.empty());
}

void checkRoundTrip(const ews::csv::Table& table) {
  if (!table.problems.empty() || table.records.empty()) return;
  const char separator = table.records.front().separator;
  std::string written;
  std::vector<std::vector<std::string>> expected;
  for (const auto& record : table.records) {
    if (!writable(record)) continue;
    expected.push_back(textsOf(record));
    written += ews::csv::row(expected.back(), separator);
  }
  ews::csv::ReadOptions options;
  options.separator = separator;
  const ews::csv::Table again = ews::csv::read(written, options);
  if (!again.problems.empty() || again.records.size() != expected.size()) std::abort();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (textsOf(again.records[i]) != expected[i]) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  checkRoundTrip(ews::csv::read(text));
  ews::csv::ReadOptions raw;
  raw.separator = ',';
  raw.comments = false;
  raw.trim = false;
  (void)ews::csv::read(text, raw);

  static const date::time_zone* const paris = *ews::scenario::detail::findZone("Europe/Paris").value;
  ews::scenario::detail::TraceCsvContext context;
  context.zone = paris;
  context.field = "loads[0].profile.file";
  ews::yaml::DiagnosticSink sink("fuzz.yaml");
  (void)ews::scenario::detail::parseTraceCsv(text, "fuzz.csv", context, sink);
  return 0;
}
