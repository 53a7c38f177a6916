// `sessions:` and `sessionsFile:` - electric vehicles arriving at charging stations, with their
// battery and on-board charger (the physics is ews::physics::ChargingStation), written in the
// scenario or replayed from a CSV file (one session per row).
#include <fmt/format.h>

#include <array>
#include <map>

#include "csv_text.hpp"
#include "file_text.hpp"
#include "sections.hpp"
#include "suggest.hpp"
#include "trace_csv.hpp"
#include "vocabulary.hpp"
#include "zoned_time.hpp"

namespace ews::scenario::detail {

namespace {

/// No road vehicle battery is anywhere near this; a typo of three zeros is.
constexpr double kMaxBatteryKWh = 1000.0;
/// AC on-board chargers go up to 43 kW (3 x 63 A); anything far above is a unit mistake.
constexpr double kMaxAcChargePowerKW = 100.0;
/// A car's default on-board charger: 7.4 kW single-phase (32 A), 22 kW three-phase (3 x 32 A).
constexpr double kDefaultSinglePhaseEvKW = 7.4;
constexpr double kDefaultThreePhaseEvKW = 22.0;

// The ranges of the session values, in the struct's units, whether written in YAML or CSV.
const RealRange kEnergyWantedRange = RealRange::above(0.0);
const RealRange kBatteryRange{0.0, kMaxBatteryKWh, true};
const RealRange kSocRange = RealRange::between(0.0, 100.0);
const RealRange kMaxPowerRange{0.0, kMaxAcChargePowerKW, true};

std::string departureNotAfterArrival(std::string_view arrival, std::string_view departure) {
  return fmt::format("must be after the arrival ({}), got {}", arrival, departure);
}

std::string targetBelowInitial(std::string_view initialName, double initialPct, double targetPct) {
  return fmt::format("must not be below {} ({:g} %), got {:g} %", initialName, initialPct, targetPct);
}

EvSessionSpec readSession(DiagnosticSink& sink, const Located& item, const date::time_zone* zone) {
  EvSessionSpec session;
  MapReader entry(sink, item, &session.fieldLocs);
  session.loc = entry.loc();
  if (entry.require("station")) entry.read("station", session.station);
  const bool arrival = entry.require("arrival") && entry.readDateTime("arrival", session.arrival, zone);
  const bool departure = entry.require("departure") && entry.readDateTime("departure", session.departure, zone);
  if (arrival && departure && session.departure <= session.arrival) {
    // Both parsed, so both are scalars: quote them as written, in local time.
    entry.error("departure", departureNotAfterArrival(entry.get("arrival")->node.Scalar(),
                                                      entry.get("departure")->node.Scalar()));
  }
  if (entry.require("energyWanted")) {
    entry.readQuantity("energyWanted", session.energyWantedKWh, kEnergyUnits, kEnergyWantedRange);
  }
  entry.readQuantity("battery", session.batteryKWh, kEnergyUnits, kBatteryRange);
  const bool initialRead = entry.readQuantity("initialSoc", session.initialSocPct, kPercentUnits, kSocRange);
  const bool targetRead = entry.readQuantity("targetSoc", session.targetSocPct, kPercentUnits, kSocRange);
  if (targetRead && (initialRead || !entry.has("initialSoc")) && session.targetSocPct < session.initialSocPct) {
    entry.error("targetSoc", targetBelowInitial("initialSoc", session.initialSocPct, session.targetSocPct));
  }
  entry.readQuantity("maxPower", session.maxPowerKW, kPowerKWUnits, kMaxPowerRange);
  entry.readOneOf("phases", session.phases, kEvPhases);
  entry.reportUnknownKeys();
  return session;
}

// ---- the sessions file ----

/// A column of the sessions file: its header name (unit in the name, so cells are plain
/// numbers) and the key of the inline session its positions are recorded under in fieldLocs.
struct SessionColumn {
  std::string_view name;
  std::string_view key;
  bool required;
};

enum ColumnIndex : std::size_t {
  kStation, kArrival, kDeparture, kEnergy, kBattery, kInitialSoc, kTargetSoc, kMaxPower, kPhases, kColumnCount
};

inline constexpr std::array<SessionColumn, kColumnCount> kSessionColumns{{
    {"station", "station", true},
    {"arrival", "arrival", true},
    {"departure", "departure", true},
    {"energy_kWh", "energyWanted", true},
    {"battery_kWh", "battery", false},
    {"initial_soc_pct", "initialSoc", false},
    {"target_soc_pct", "targetSoc", false},
    {"max_power_kW", "maxPower", false},
    {"phases", "phases", false},
}};

enum class Columns { Required, Optional, All };

/// The names of the required, the optional or all columns, comma-separated.
std::string columnNames(Columns which) {
  std::vector<std::string_view> names;
  for (const auto& column : kSessionColumns) {
    if (which == Columns::All || column.required == (which == Columns::Required)) names.push_back(column.name);
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

/// Reads the rows of a sessions file: a header naming the columns (any order), then one session
/// per row. Problems are reported at the file's own line:column under "<field>.<column>".
class SessionsCsv {
 public:
  SessionsCsv(const std::string& path, const std::string& field, const date::time_zone* zone, DiagnosticSink& sink)
      : zone_(zone), errors_(sink, path, field, "sessions file") {}

  std::vector<EvSessionSpec> parse(std::string_view text) {
    const std::vector<CsvRow> rows = csvRows(text, errors_);
    if (rows.empty()) {
      errors_.error(1, 1, fmt::format("expected a header line naming the columns ({})", columnNames(Columns::Required)));
      return {};
    }
    if (!readHeader(rows.front())) return {};
    std::vector<EvSessionSpec> sessions;
    for (std::size_t i = 1; i < rows.size() && !errors_.stopped(); ++i) {
      // A row with a problem is reported once, by itself: it takes no part in the checks
      // between sessions (station names, one vehicle at a time).
      const std::size_t errorsBefore = errors_.count();
      auto session = readRow(rows[i]);
      if (session && errors_.count() == errorsBefore) sessions.push_back(std::move(*session));
    }
    return sessions;
  }

 private:
  bool readHeader(const CsvRow& header) {
    headerLine_ = header.line;
    headerWidth_ = header.fields.size();
    const auto columnNamed = [](const std::string& name) -> std::size_t {
      for (std::size_t c = 0; c < kColumnCount; ++c) {
        if (kSessionColumns[c].name == name) return c;
      }
      return kColumnCount;
    };
    bool anyKnown = false;
    for (const auto& field : header.fields) anyKnown = anyKnown || columnNamed(field.text) != kColumnCount;
    if (!anyKnown) {
      errors_.error(header.line, 1,
                    fmt::format("expected a header line naming the columns ({}; optional: {}), got '{}'",
                                columnNames(Columns::Required), columnNames(Columns::Optional), header.fields.front().text));
      return false;
    }
    bool ok = true;
    std::vector<std::string> known;
    for (const auto& column : kSessionColumns) known.emplace_back(column.name);
    for (std::size_t k = 0; k < header.fields.size(); ++k) {
      const CsvField& field = header.fields[k];
      const std::size_t c = columnNamed(field.text);
      if (c == kColumnCount) {
        const auto suggestion = closestMatch(field.text, known);
        errors_.error(header.line, field.column,
                      suggestion ? fmt::format("unknown column '{}' (did you mean '{}'?)", field.text, *suggestion)
                                 : fmt::format("unknown column '{}' (expected one of: {})", field.text,
                                               columnNames(Columns::All)));
        ok = false;
      } else if (fieldOf_[c]) {
        errors_.error(header.line, field.column,
                      fmt::format("duplicate column '{}' (first at column {})", field.text,
                                  header.fields[*fieldOf_[c]].column));
        ok = false;
      } else {
        fieldOf_[c] = k;
      }
    }
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (kSessionColumns[c].required && !fieldOf_[c]) {
        errors_.error(header.line, 1,
                      fmt::format("missing column '{}' (the header must name {})", kSessionColumns[c].name,
                                  columnNames(Columns::Required)));
        ok = false;
      }
    }
    return ok;
  }

  /// The session of one row; nothing when the row does not have the header's columns.
  std::optional<EvSessionSpec> readRow(const CsvRow& row) {
    if (row.fields.size() != headerWidth_) {
      errors_.error(row.line, 1,
                    fmt::format("expected {} fields like the header (line {}), got {}", headerWidth_, headerLine_,
                                row.fields.size()));
      return std::nullopt;
    }
    row_ = &row;
    EvSessionSpec session;
    session.loc = SourceLoc{errors_.path(), row.line, row.fields.front().column};
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (fieldOf_[c]) {
        session.fieldLocs[std::string(kSessionColumns[c].key)] =
            SourceLoc{errors_.path(), row.line, row.fields[*fieldOf_[c]].column};
      }
    }
    if (const CsvField* station = cell(kStation)) session.station = station->text;
    const bool arrival = readDateTime(kArrival, session.arrival);
    const bool departure = readDateTime(kDeparture, session.departure);
    if (arrival && departure && session.departure <= session.arrival) {
      error(kDeparture, departureNotAfterArrival(cell(kArrival)->text, cell(kDeparture)->text));
    }
    readNumber(kEnergy, session.energyWantedKWh, kEnergyWantedRange, "kWh");
    readNumber(kBattery, session.batteryKWh, kBatteryRange, "kWh");
    const bool initialRead = readNumber(kInitialSoc, session.initialSocPct, kSocRange, "%");
    const bool targetRead = readNumber(kTargetSoc, session.targetSocPct, kSocRange, "%");
    if (targetRead && (initialRead || !given(kInitialSoc)) && session.targetSocPct < session.initialSocPct) {
      error(kTargetSoc,
            targetBelowInitial(kSessionColumns[kInitialSoc].name, session.initialSocPct, session.targetSocPct));
    }
    readNumber(kMaxPower, session.maxPowerKW, kMaxPowerRange, "kW");
    readPhases(session.phases);
    return session;
  }

  /// The cell of column `c` in the current row when the column exists and the cell is not
  /// empty; an empty cell of a required column is reported.
  const CsvField* cell(std::size_t c) {
    if (!fieldOf_[c]) return nullptr;
    const CsvField& field = row_->fields[*fieldOf_[c]];
    if (!field.text.empty()) return &field;
    if (kSessionColumns[c].required) error(c, "missing value");
    return nullptr;
  }
  bool given(std::size_t c) const { return fieldOf_[c] && !row_->fields[*fieldOf_[c]].text.empty(); }

  void error(std::size_t c, std::string reason) {
    const int column = fieldOf_[c] ? row_->fields[*fieldOf_[c]].column : 1;
    errors_.errorAt(row_->line, column, fmt::format("{}.{}", errors_.field(), kSessionColumns[c].name),
                    std::move(reason));
  }

  bool readDateTime(std::size_t c, Time& out) {
    const CsvField* field = cell(c);
    if (field == nullptr) return false;
    const auto local = parseLocalDateTime(field->text);
    if (!local) {
      error(c, local.error);
      return false;
    }
    if (zone_ == nullptr) return false;  // the zone is wrong and reported already
    const auto utc = localToUtc(*zone_, *local.value);
    if (!utc) {
      error(c, utc.error);
      return false;
    }
    out = *utc.value;
    return true;
  }

  bool readNumber(std::size_t c, double& out, RealRange range, std::string_view unit) {
    const CsvField* field = cell(c);
    if (field == nullptr) return false;
    const auto value = parseCsvNumber(field->text, row_->decimalComma);
    if (!value) {
      error(c, value.error);
      return false;
    }
    if (auto violation = rangeViolation(*value.value, range, unit)) {
      error(c, std::move(*violation));
      return false;
    }
    out = *value.value;
    return true;
  }

  void readPhases(int& out) {
    const CsvField* field = cell(kPhases);
    if (field == nullptr) return;
    const auto value = parseInteger(field->text);
    if (!value) {
      error(kPhases, value.error);
    } else if (auto violation = oneOfViolation(*value.value, kEvPhases)) {
      error(kPhases, std::move(*violation));
    } else {
      out = static_cast<int>(*value.value);
    }
  }

  const date::time_zone* zone_;
  CsvErrors errors_;
  std::array<std::optional<std::size_t>, kColumnCount> fieldOf_{};  ///< column -> its field index
  std::size_t headerWidth_ = 0;
  int headerLine_ = 0;
  const CsvRow* row_ = nullptr;  ///< the row being read
};

/// `sessionsFile`: the sessions of a CSV file, after the inline ones.
void readSessionsFile(MapReader& top, Scenario& scenario, const date::time_zone* zone) {
  std::string written;
  if (!top.read("sessionsFile", written)) return;
  if (written.empty()) {
    top.error("sessionsFile", "expected the path of a CSV file of sessions (relative to the scenario file)");
    return;
  }
  DiagnosticSink& sink = top.sink();
  const std::string path = resolveBesideScenario(sink.file(), written);
  const auto text = readFileText(path, fmt::format("sessions file '{}'", path), kMaxDataFileBytes);
  if (!text) {
    top.error("sessionsFile", text.error);
    return;
  }
  for (auto& session : SessionsCsv(path, top.pathOf("sessionsFile"), zone, sink).parse(*text.value)) {
    scenario.sessions.push_back(std::move(session));
  }
}

/// Single-phase stations are the ones given a `phase` (manual 7.16.1.3: required only for them).
int stationPhases(const installation::DeviceSpec& station) { return station.phase ? 1 : 3; }

}  // namespace

void readSessions(MapReader& top, Scenario& scenario, const date::time_zone* zone) {
  for (const auto& item : top.list("sessions")) scenario.sessions.push_back(readSession(top.sink(), item, zone));
  readSessionsFile(top, scenario, zone);
}

void resolveSessionDefaults(Scenario& scenario) {
  std::map<std::string, const installation::DeviceSpec*> stations;
  for (const auto& gateway : scenario.installation.gateways) {
    for (const auto& device : gateway.devices) {
      if (device.family == installation::DeviceFamily::ChargingStation) stations.emplace(device.name, &device);
    }
  }
  for (auto& session : scenario.sessions) {
    const auto station = stations.find(session.station);
    if (station == stations.end()) continue;
    if (session.phases == 0) session.phases = stationPhases(*station->second);
    if (session.maxPowerKW == 0.0) {
      session.maxPowerKW = session.phases == 1 ? kDefaultSinglePhaseEvKW : kDefaultThreePhaseEvKW;
    }
  }
}

}  // namespace ews::scenario::detail
