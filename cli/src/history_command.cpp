// `ews history --data DIR --series S --period P` (docs/cli.md): the bars a consumption page
// shows (manual 8.2.2), read from the site database with the pages' queries
// (history::HistoryQueries), one line per bar; a gap is marked, a bar without data is "-".
#include <fmt/format.h>

#include <charconv>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "ews/run/site_config.hpp"
#include "data_folder.hpp"
#include "ews/sitedb/history_reader.hpp"

namespace ews::cli {

namespace {
std::optional<history::SeriesKey> seriesOf(const std::string& text) {
  using history::SeriesKey;
  using history::SeriesKind;
  if (text == "total") return SeriesKey::total(SeriesKind::ElectricityTotal);
  if (text == "water") return SeriesKey::total(SeriesKind::WaterTotal);
  if (text == "gas") return SeriesKey::total(SeriesKind::GasTotal);
  const auto colon = text.find(':');
  if (colon == std::string::npos) return std::nullopt;
  int id = 0;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  if (const auto [end, error] = std::from_chars(first, last, id); error != std::errc() || end != last) return std::nullopt;
  const std::string kind = text.substr(0, colon);
  if (kind == "device") return SeriesKey::device(id);
  if (kind == "load") return SeriesKey::load(id);
  if (kind == "group") return SeriesKey::group(id);
  return std::nullopt;
}

std::string barText(const history::BucketValue& bar) {
  if (!bar.available) return "dropped";
  if (!bar.hasData()) return "-";
  return fmt::format("{:.3f}{}", bar.value, bar.hasGap() ? fmt::format(" (gap in {} of {} samples)", bar.gapSamples, bar.samples) : "");
}
}  // namespace

int runHistory(const HistoryOptions& options) {
  const auto series = seriesOf(options.series);
  if (!series) {
    fmt::print(stderr, "ews history: --series: expected total, water, gas, device:ID, load:ID or group:ID, got '{}'\n",
               options.series);
    return kUsage;
  }
  int year = 0;
  unsigned month = 0, day = 0;
  const int fields = std::sscanf(options.period.c_str(), "%d-%u-%u", &year, &month, &day);
  if (fields < 1 || (fields >= 2 && (month < 1 || month > 12)) || (fields == 3 && (day < 1 || day > 31))) {
    fmt::print(stderr, "ews history: --period: expected YYYY, YYYY-MM or YYYY-MM-DD, got '{}'\n", options.period);
    return kUsage;
  }
  const auto stored = readStoredSite("ews history", options.dataDir);
  if (!stored) return kInvalidInput;
  const run::SiteConfig site =
      run::parseSiteConfig(stored->config.scenarioYaml, options.dataDir, stored->config.version);
  const TimeZone zone(site.scenario->ews.timezone);
  const sitedb::HistoryReader reader(*stored->db);
  const history::HistoryQueries queries = reader.queries(zone);
  std::vector<history::BucketValue> bars;
  if (fields == 3) {
    bars = queries.day(*series, {year, month, day});
  } else if (fields == 2) {
    bars = queries.month(*series, year, month);
  } else {
    bars = queries.year(*series, year);
  }
  double total = 0.0;
  for (const auto& bar : bars) {
    fmt::print("{}\t{}\n", zone.format(bar.start, fields == 3 ? "%F %H:%M %z" : "%F"), barText(bar));
    if (bar.available) total += bar.value;
  }
  fmt::print("total\t{:.3f}\n", total);
  return kOk;
}

}  // namespace ews::cli
