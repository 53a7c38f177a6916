#include "ews/stores/csv_tree_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

#include "ews/kernel/csv.hpp"
#include "ews/stores/local_time_text.hpp"
#include "csv/monthly_stream.hpp"
#include "csv/settings_snapshot.hpp"
#include "ews/installation/catalogue.hpp"
#include "ews/reports/atomic_file.hpp"
#include "ews/stores/store_error.hpp"
#include "flush_clock.hpp"

namespace ews::stores {

namespace fs = std::filesystem;
using csv::MonthlyStream;
using installation::Medium;
using recording::AggregateSample;

namespace {

/// The manual's folder and file type word of a medium: "energy", "water", "gas".
std::string_view folderOf(Medium medium) {
  switch (medium) {
    case Medium::Water: return "water";
    case Medium::Gas: return "gas";
    case Medium::Electricity: break;
  }
  return "energy";
}

std::string_view unitOf(Medium medium) { return medium == Medium::Electricity ? "Wh" : "dm3"; }
std::string_view rateUnitOf(Medium medium) { return medium == Medium::Electricity ? "W" : "dm3_per_h"; }

}  // namespace

struct CsvTreeWriter::Impl {
  fs::path root;
  StoreLayout layout;
  const TimeZone* zone = nullptr;
  Options options;
  FlushClock flushClock{FlushPolicy{}, 1};
  bool flushAfterAggregates = false;
  int version = 0;
  // By "<dir>/<stem>": files named by month only, and files named by month and version.
  std::map<std::string, MonthlyStream, std::less<>> streams;
  std::map<std::string, MonthlyStream, std::less<>> versionedStreams;
  std::uint64_t rejected = 0;
  std::string lastRejection;

  char sep() const { return options.format.fieldSeparator; }
  /// Quoted when the decimal separator is also the field separator (comma and comma).
  std::string number(double value) const { return ews::csv::field(options.format.number(value, options.decimals), sep()); }
  std::string cost(double value) const { return ews::csv::field(options.format.number(value, options.costDecimals), sep()); }

  /// Header of a file: the date-time column, then `columns`.
  std::string header(const std::vector<std::string>& columns) const {
    std::string text = "date_time";
    for (const auto& column : columns) {
      text += sep();
      text += ews::csv::field(column, sep());
    }
    return text;
  }

  MonthlyStream& stream(const fs::path& dir, const std::string& stem, bool versioned,
                        const std::vector<std::string>& columns) {
    auto& registry = versioned ? versionedStreams : streams;
    const std::string key = (dir / stem).string();
    auto found = registry.find(key);
    if (found == registry.end()) {
      const std::string suffix = versioned ? fmt::format("_v{}", version) : std::string{};
      found = registry.try_emplace(key, root / dir, stem, suffix, header(columns), sep()).first;
    }
    return found->second;
  }

  /// `values` already joined with the separator (without the date-time field).
  void append(MonthlyStream& target, Time t, const std::string& dateTime, const std::string& month,
              const std::string& values) {
    if (!target.append(t, month, dateTime + sep() + values)) {
      ++rejected;
      lastRejection = fmt::format("{}: row of {} refused: the file already holds a row at or after it",
                                  target.currentPath().string(), dateTime);
    }
  }

  void settleVersion() {
    const int settled = csv::settleConfigurationVersion(root / "settings", csv::renderSettings(layout, sep()));
    if (settled == version) return;
    // Versioned files keep the columns of their version: close them, later rows start _v<new>.
    for (auto& [key, s] : versionedStreams) s.flush();
    versionedStreams.clear();
    version = settled;
  }

  void flushAll() {
    for (auto& [key, s] : streams) s.flush();
    for (auto& [key, s] : versionedStreams) s.flush();
    flushClock.flushed();
  }

  void writeDeviceFiles(Time t, const std::string& dateTime, const std::string& month,
                        const recording::DeviceSample& sample) {
    const fs::path dir = fs::path("devices") / std::to_string(sample.deviceId);
    const std::string id = std::to_string(sample.deviceId);
    const Medium m = sample.medium;
    const std::vector<std::string> columns = {fmt::format("counter_{}", unitOf(m)), fmt::format("delta_{}", unitOf(m)),
                                              fmt::format("average_{}", rateUnitOf(m)), "gap"};
    // A gap's consumption is unknown (manual 8.5.1: no data for a device in communication
    // error): the value fields stay empty, the row stays to show the gap.
    const std::string values =
        sample.gap ? fmt::format("{0}{0}{0}1", sep())
                   : fmt::format("{1}{0}{2}{0}{3}{0}0", sep(), number(sample.counter), number(sample.delta),
                                 number(sample.averageRate));
    append(stream(dir, fmt::format("{}_{}", id, folderOf(m)), false, columns), t, dateTime, month, values);
    if (sample.stats.empty()) return;
    MonthlyStream& stat = stream(dir, id + "_stat", false, {"quantity", "min", "max", "average"});
    for (const auto& s : sample.stats) {
      append(stat, t, dateTime, month,
             fmt::format("{1}{0}{2}{0}{3}{0}{4}", sep(), ews::csv::field(s.quantity, sep()), number(s.min), number(s.max),
                         number(s.average)));
    }
  }

  /// The cost fields of a row under `tariffs` (its energy's): one per tariff, empty when the
  /// cost is unknown (a gap) or the row has none.
  std::string costFields(const std::vector<TariffEntry>& tariffs, std::span<const double> costByTariff,
                         bool unknown) const {
    std::string fields;
    for (std::size_t k = 0; k < tariffs.size(); ++k) {
      if (k > 0) fields += sep();
      if (!unknown && k < costByTariff.size()) fields += cost(costByTariff[k]);
    }
    return fields;
  }

  /// "<subject> [<tariff>] (<currency>)" for each tariff.
  void addCostColumns(std::vector<std::string>& columns, const std::string& subject,
                      const std::vector<TariffEntry>& tariffs) const {
    for (const auto& tariff : tariffs) {
      columns.push_back(fmt::format("{} [{}] ({})", subject, tariff.name, layout.currency));
    }
  }

  /// energy|water|gas/devices_cost_<month>_v<N>.csv: per device of the medium, its cost under
  /// each tariff of the medium (manual 8.5.1's "_cost" files of the download).
  void writeDevicesCostTable(Time t, const std::string& dateTime, const std::string& month, Medium medium,
                             const std::unordered_map<int, const recording::DeviceSample*>& byId) {
    const std::vector<TariffEntry> tariffs = layout.tariffsOf(medium);
    if (tariffs.empty()) return;
    std::vector<std::string> columns;
    std::string values;
    for (const auto& d : layout.devices) {
      if (d.medium != medium) continue;
      if (!columns.empty()) values += sep();
      addCostColumns(columns, fmt::format("{} {}", d.id, d.name), tariffs);
      const auto found = byId.find(d.id);
      const recording::DeviceSample* row = found != byId.end() ? found->second : nullptr;
      values += costFields(tariffs, row != nullptr ? row->costByTariff : std::span<const double>{},
                           row == nullptr || row->gap);
    }
    if (columns.empty()) return;
    append(stream(folderOf(medium), "devices_cost", true, columns), t, dateTime, month, values);
  }

  /// energy|water|gas/devices_<month>_v<N>.csv: one column per device of the medium.
  void writeDevicesTable(Time t, const std::string& dateTime, const std::string& month, Medium medium,
                         const std::unordered_map<int, const recording::DeviceSample*>& byId) {
    std::vector<std::string> columns;
    std::string values;
    for (const auto& d : layout.devices) {
      if (d.medium != medium) continue;
      columns.push_back(fmt::format("{} {} ({})", d.id, d.name, unitOf(medium)));
      if (columns.size() > 1) values += sep();
      const auto found = byId.find(d.id);
      if (found != byId.end() && !found->second->gap) values += number(found->second->delta);
    }
    if (columns.empty()) return;
    append(stream(folderOf(medium), "devices", true, columns), t, dateTime, month, values);
  }
};

CsvTreeWriter::CsvTreeWriter(fs::path root, const StoreLayout& layout, const TimeZone& zone, Options options)
    : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.root = std::move(root);
  s.layout = layout;
  s.zone = &zone;
  s.options = options;
  s.flushClock = FlushClock(options.flush, 1);
  s.settleVersion();
}

CsvTreeWriter::~CsvTreeWriter() {
  try {
    impl_->flushAll();
  } catch (const std::exception&) {
    // Destructors must not throw; rows up to the last flush are stored regardless.
  }
}

void CsvTreeWriter::onSamples(Time t, std::span<const recording::DeviceSample> samples) {
  Impl& s = *impl_;
  const std::string dateTime = csv::localTimeWithOffset(*s.zone, t);
  const std::string month = csv::localMonth(*s.zone, t);
  std::unordered_map<int, const recording::DeviceSample*> byId;
  for (const auto& sample : samples) {
    byId.emplace(sample.deviceId, &sample);
    s.writeDeviceFiles(t, dateTime, month, sample);
  }
  for (const Medium medium : {Medium::Electricity, Medium::Water, Medium::Gas}) {
    s.writeDevicesTable(t, dateTime, month, medium, byId);
    s.writeDevicesCostTable(t, dateTime, month, medium, byId);
  }
  if (s.flushClock.countSample()) {
    s.flushAll();
    s.flushAfterAggregates = true;  // so the instant's aggregates are not a flush behind
  }
}

void CsvTreeWriter::onAggregates(Time t, std::span<const AggregateSample> aggregates) {
  Impl& s = *impl_;
  const std::string dateTime = csv::localTimeWithOffset(*s.zone, t);
  const std::string month = csv::localMonth(*s.zone, t);
  std::unordered_map<int, const AggregateSample*> loads, groups;
  const AggregateSample* totals[3] = {nullptr, nullptr, nullptr};  // electricity, water, gas
  for (const auto& a : aggregates) {
    switch (a.kind) {
      case AggregateSample::Kind::Load: loads.emplace(a.id, &a); break;
      case AggregateSample::Kind::Group: groups.emplace(a.id, &a); break;
      case AggregateSample::Kind::ElectricityTotal: totals[0] = &a; break;
      case AggregateSample::Kind::WaterTotal: totals[1] = &a; break;
      case AggregateSample::Kind::GasTotal: totals[2] = &a; break;
    }
  }
  const auto valueOf = [&s](const AggregateSample* a) { return a != nullptr ? s.number(a->delta) : std::string{}; };
  const auto joinColumns = [&s, &valueOf](const auto& entries, Medium medium,
                                          const std::unordered_map<int, const AggregateSample*>& byId,
                                          std::vector<std::string>& columns, std::string& values) {
    for (const auto& e : entries) {
      if (e.medium != medium) continue;
      if (!columns.empty()) values += s.sep();
      columns.push_back(fmt::format("{} ({})", e.name, unitOf(medium)));
      const auto found = byId.find(e.id);
      values += valueOf(found != byId.end() ? found->second : nullptr);
    }
  };
  {  // energy/loads and energy/groups (manual 8.4.3.2)
    std::vector<std::string> columns;
    std::string values;
    joinColumns(s.layout.loads, Medium::Electricity, loads, columns, values);
    s.append(s.stream("energy", "loads", true, columns), t, dateTime, month, values);
    columns.clear();
    values.clear();
    joinColumns(s.layout.groups, Medium::Electricity, groups, columns, values);
    if (!columns.empty()) s.append(s.stream("energy", "groups", true, columns), t, dateTime, month, values);
  }
  for (const Medium medium : {Medium::Water, Medium::Gas}) {  // water/groups, gas/groups with the totals
    const bool present = std::any_of(s.layout.devices.begin(), s.layout.devices.end(),
                                     [medium](const DeviceEntry& d) { return d.medium == medium; });
    if (!present) continue;
    std::vector<std::string> columns;
    std::string values;
    joinColumns(s.layout.groups, medium, groups, columns, values);
    const AggregateSample* total = totals[medium == Medium::Water ? 1 : 2];
    if (!columns.empty()) values += s.sep();
    columns.emplace_back("total (dm3)");
    values += valueOf(total);
    if (medium == Medium::Gas) {
      columns.emplace_back("total (kWh equivalent)");
      values += s.sep();
      if (total != nullptr) values += s.number(total->gasKWhEquivalent);
    }
    s.append(s.stream(folderOf(medium), "groups", true, columns), t, dateTime, month, values);
  }
  // Costs (manual 7.16.3): energy/loads_cost, <medium>/groups_cost, overallTotal/cost.
  const auto joinCosts = [&s](const auto& entries, Medium medium,
                              const std::unordered_map<int, const AggregateSample*>& byId,
                              std::vector<std::string>& columns, std::string& values) {
    const std::vector<TariffEntry> tariffs = s.layout.tariffsOf(medium);
    for (const auto& e : entries) {
      if (e.medium != medium || tariffs.empty()) continue;
      if (!columns.empty()) values += s.sep();
      s.addCostColumns(columns, e.name, tariffs);
      const auto found = byId.find(e.id);
      values += found != byId.end() ? s.costFields(tariffs, found->second->costByTariff, false)
                                    : s.costFields(tariffs, {}, true);
    }
  };
  for (const Medium medium : {Medium::Electricity, Medium::Water, Medium::Gas}) {
    std::vector<std::string> columns;
    std::string values;
    if (medium == Medium::Electricity) {
      joinCosts(s.layout.loads, medium, loads, columns, values);
      if (!columns.empty()) s.append(s.stream("energy", "loads_cost", true, columns), t, dateTime, month, values);
      columns.clear();
      values.clear();
    }
    joinCosts(s.layout.groups, medium, groups, columns, values);
    if (!columns.empty()) {
      s.append(s.stream(folderOf(medium), "groups_cost", true, columns), t, dateTime, month, values);
    }
  }
  {  // overallTotal/cost (manual 8.4.3.5, "per cost (currency set)"): per billed energy
    std::vector<std::string> columns;
    std::string values;
    for (const Medium medium : {Medium::Electricity, Medium::Water, Medium::Gas}) {
      const std::vector<TariffEntry> tariffs = s.layout.tariffsOf(medium);
      if (tariffs.empty()) continue;
      const std::string energy(installation::mediumName(medium));
      const AggregateSample* total = totals[medium == Medium::Electricity ? 0 : medium == Medium::Water ? 1 : 2];
      if (!columns.empty()) values += s.sep();
      s.addCostColumns(columns, energy, tariffs);
      columns.push_back(fmt::format("{} total ({})", energy, s.layout.currency));
      columns.push_back(fmt::format("{} unpriced ({})", energy, unitOf(medium)));
      const bool known = total != nullptr && !total->costByTariff.empty();
      values += s.costFields(tariffs, known ? total->costByTariff : std::span<const double>{}, !known);
      values += s.sep();
      if (known) {
        values += s.cost(std::accumulate(total->costByTariff.begin(), total->costByTariff.end(), 0.0));
      }
      values += s.sep();
      if (known) values += s.number(total->unpricedDelta);
    }
    if (!columns.empty()) s.append(s.stream("overallTotal", "cost", true, columns), t, dateTime, month, values);
  }
  {  // overallTotal/values (manual 8.4.3.5, "per values")
    const std::string values =
        fmt::format("{1}{0}{2}{0}{3}{0}{4}", s.sep(), valueOf(totals[0]), valueOf(totals[1]), valueOf(totals[2]),
                    totals[2] != nullptr ? s.number(totals[2]->gasKWhEquivalent) : std::string{});
    s.append(s.stream("overallTotal", "values", false,
                      {"electricity (Wh)", "water (dm3)", "gas (dm3)", "gas (kWh equivalent)"}),
             t, dateTime, month, values);
  }
  if (s.flushAfterAggregates) {
    s.flushAll();
    s.flushAfterAggregates = false;
  }
}

void CsvTreeWriter::onThd(Time t, std::span<const recording::ThdSample> samples) {
  Impl& s = *impl_;
  const std::string dateTime = csv::localTimeWithOffset(*s.zone, t);
  const std::string month = csv::localMonth(*s.zone, t);
  for (const auto& sample : samples) {
    const std::string id = std::to_string(sample.deviceId);
    s.append(s.stream(fs::path("devices") / id, id + "_thd", false, {"quantity", "thd_percent"}), t, dateTime, month,
             fmt::format("{1}{0}{2}", s.sep(), ews::csv::field(sample.quantity, s.sep()), s.number(sample.thdPercent)));
  }
}

void CsvTreeWriter::onHarmonics(Time t, std::span<const recording::HarmonicsSample> samples) {
  Impl& s = *impl_;
  const std::string dateTime = csv::localTimeWithOffset(*s.zone, t);
  const std::string month = csv::localMonth(*s.zone, t);
  for (const auto& sample : samples) {
    const std::string id = std::to_string(sample.deviceId);
    MonthlyStream& target =
        s.stream(fs::path("devices") / id, id + "_harmonics", false, {"quantity", "rank", "percent_of_fundamental"});
    for (std::size_t k = 0; k < sample.percentOfFundamental.size(); ++k) {
      s.append(target, t, dateTime, month,
               fmt::format("{1}{0}{2}{0}{3}", s.sep(), ews::csv::field(sample.quantity, s.sep()),
                           sample.firstRank + static_cast<int>(k), s.number(sample.percentOfFundamental[k])));
    }
  }
}

void CsvTreeWriter::onStates(Time t, std::span<const recording::StateSample> samples) {
  Impl& s = *impl_;
  const std::string dateTime = csv::localTimeWithOffset(*s.zone, t);
  const std::string month = csv::localMonth(*s.zone, t);
  for (const auto& sample : samples) {
    const std::string id = std::to_string(sample.deviceId);
    s.append(s.stream(fs::path("devices") / id, id + "_state", false, {"channel", "state"}), t, dateTime, month,
             fmt::format("{1}{0}{2}", s.sep(), ews::csv::field(sample.channel, s.sep()), sample.state));
  }
}

void CsvTreeWriter::onQualityCheck(const recording::WeeklyQualityCheck& check) {
  Impl& s = *impl_;
  const char sep = s.sep();
  const fs::path dir = s.root / "eqcheck";
  const fs::path path = dir / fmt::format("{}_eqcheck_{}.csv", check.deviceId, check.week);
  std::error_code ec;
  if (fs::exists(path, ec)) return;  // stored by an earlier run: a week is checked once
  const auto percent = [&s](const std::optional<double>& value) {
    return value ? s.number(*value) : std::string{};
  };
  const std::vector<std::string> columns = {"week",
                                            "week_start",
                                            "week_end",
                                            "intervals",
                                            "voltage_intervals",
                                            "voltage_in_range_percent",
                                            "thd_intervals",
                                            "thd_within_limit_percent",
                                            "frequency_intervals",
                                            "frequency_in_range_percent",
                                            "result",
                                            "detail"};
  std::string text;
  for (const auto& column : columns) {
    if (!text.empty()) text += sep;
    text += column;
  }
  text += '\n';
  text += fmt::format("{1}{0}{2}{0}{3}{0}{4}{0}{5}{0}{6}{0}{7}{0}{8}{0}{9}{0}{10}{0}{11}{0}{12}\n", sep,
                      ews::csv::field(check.week, sep), csv::localTimeWithOffset(*s.zone, check.weekStart),
                      csv::localTimeWithOffset(*s.zone, check.weekEnd), check.intervals, check.voltageIntervals,
                      percent(check.voltageInRangePercent), check.thdIntervals, percent(check.thdWithinLimitPercent),
                      check.frequencyIntervals, percent(check.frequencyInRangePercent), check.ok ? "OK" : "KO",
                      ews::csv::field(check.summary, sep));
  try {
    fs::create_directories(dir);
    reports::AtomicFile file(path.string());
    file.stream() << text;
    file.commit();
  } catch (const std::exception& e) {
    throw StoreError(fmt::format("{}: {}", path.string(), e.what()));
  }
}

void CsvTreeWriter::updateLayout(const StoreLayout& layout) {
  impl_->flushAll();
  impl_->layout = layout;
  impl_->settleVersion();
}

int CsvTreeWriter::configurationVersion() const { return impl_->version; }
void CsvTreeWriter::flush() { impl_->flushAll(); }
const fs::path& CsvTreeWriter::root() const { return impl_->root; }
std::uint64_t CsvTreeWriter::rejectedRows() const { return impl_->rejected; }
const std::string& CsvTreeWriter::lastRejection() const { return impl_->lastRejection; }

}  // namespace ews::stores
