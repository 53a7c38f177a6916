#include "ews/profiles/quantities.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "brace_expansion.hpp"

namespace ews::profiles {

namespace {

using K = QuantityKind;

// The vocabulary. Units are those of the decoded value (raw x scale). Phase labels: L1N..L3N
// phase-to-neutral, L12/L23/L31 phase-to-phase, N the neutral, total the three-phase sum.
constexpr std::array kPatterns = {
    QuantityPattern{"energy.active.{import,export}", "Wh", K::Counter,
                    "active energy drawn from (import) or fed to (export) the supply"},
    QuantityPattern{"energy.reactive.{import,export}", "varh", K::Counter, "reactive energy, import or export"},
    QuantityPattern{"voltage.{L1N,L2N,L3N}", "V", K::Measurand, "phase-to-neutral voltage (RMS)"},
    QuantityPattern{"voltage.{L12,L23,L31}", "V", K::Measurand, "phase-to-phase voltage (RMS)"},
    QuantityPattern{"current.{L1,L2,L3,N}", "A", K::Measurand, "phase or neutral current (RMS)"},
    QuantityPattern{"power.active.{L1,L2,L3,total}", "W", K::Measurand, "active power, positive when importing"},
    QuantityPattern{"power.reactive.{L1,L2,L3,total}", "var", K::Measurand, "reactive power, positive inductive"},
    QuantityPattern{"power.apparent.{L1,L2,L3,total}", "VA", K::Measurand, "apparent power"},
    QuantityPattern{"powerFactor.{L1,L2,L3,total}", "", K::Measurand, "power factor, -1..1"},
    QuantityPattern{"frequency", "Hz", K::Measurand, "supply frequency"},
    QuantityPattern{"thd.voltage.{L1,L2,L3}", "%", K::Measurand, "total harmonic distortion of a phase voltage"},
    QuantityPattern{"thd.current.{L1,L2,L3,N}", "%", K::Measurand, "total harmonic distortion of a current"},
    QuantityPattern{"harmonic.voltage.{L1,L2,L3}.h{2..25}", "%", K::Measurand,
                    "voltage harmonic of rank 2..25, % of the fundamental"},
    QuantityPattern{"harmonic.current.{L1,L2,L3}.h{2..25}", "%", K::Measurand,
                    "current harmonic of rank 2..25, % of the fundamental"},
    QuantityPattern{"analogInput.{1..8}", "mA", K::Measurand, "analogue input (4-20 mA loop)"},
    QuantityPattern{"position.{1..64}.count", "pulse", K::Counter, "pulses counted on a pulse input"},
    QuantityPattern{"position.{1..64}.weight", "unit/pulse", K::Setting,
                    "what one pulse is worth, in the medium's unit: Wh (electricity) or L (water, gas)"},
    QuantityPattern{"breaker.state", "", K::State, "0 open, 1 closed, 2 tripped"},
    QuantityPattern{"breaker.tripCause", "", K::State,
                    "0 none, 1 overcurrent, 2 short circuit, 3 earth leakage, 4 command, 5 test"},
    QuantityPattern{"supply.direction", "", K::Setting, "0 upstream (supply from the top), 1 downstream"},
    QuantityPattern{"alarm.flags", "", K::State, "bit field of the active alerts (0: none)"},
    QuantityPattern{"alarm.limit.current", "A", K::Setting, "measure threshold: a phase current above it raises an alert"},
    QuantityPattern{"state.input.{1..16}", "", K::State, "EMS CX3 state input: 0 open, 1 closed"},
    QuantityPattern{"state.output.{1..16}", "", K::State,
                    "EMS CX3 controlled device feedback: 0 off/open, 1 on/closed"},
    QuantityPattern{"command.output.{1..16}", "", K::Command, "EMS CX3 control output order: 0 off/open, 1 on/close"},
    QuantityPattern{"link.{1..4}.peer", "", K::State,
                    "EMS CX3 link table entry: the other module's Modbus address (0: entry unused)"},
    QuantityPattern{"link.{1..4}.role", "", K::State,
                    "EMS CX3 link: this module's role, 0 none, 1 event (generates it), 2 action (acts on it)"},
    QuantityPattern{"link.{1..4}.function", "", K::State,
                    "EMS CX3 link function: 1 follow (the output copies the event), 2 inverse"},
    QuantityPattern{"link.{1..4}.status", "", K::State,
                    "EMS CX3 link status: 0 working, 1 no module answers at the peer address, 2 the peer cannot act"},
    QuantityPattern{"input.{1..32}", "", K::State, "power supervision digital input: 0 off, 1 on"},
    QuantityPattern{"output.{1..32}.state", "", K::Command, "power supervision output: 0 rest, 1 activated"},
    QuantityPattern{"output.{1..32}.mode", "", K::Setting, "output normal state: 0 NO (normally open), 1 NC"},
    QuantityPattern{"output.{1..32}.command", "", K::Setting, "output command mode: 0 impulsive, 1 blinking"},
    QuantityPattern{"output.{1..32}.onTimeS", "s", K::Setting, "output ON time; 0: maintained command"},
    QuantityPattern{"station.state", "", K::State, "0 available, 1 charging, 2 waiting, 3 error, 4 charge complete"},
    QuantityPattern{"station.error", "", K::State,
                    "active station error: 0 none, 1 supply voltage, 2 over-temperature, 3 residual current, "
                    "4 contactor, 5 meter, 6 socket locking, 7 internal"},
    QuantityPattern{"station.chargeError", "", K::State,
                    "active charge error: 0 none, 1 pilot, 2 ventilation required, 3 diode missing, "
                    "4 EV overcurrent, 5 cable, 6 plug not locked, 7 earth fault"},
    QuantityPattern{"station.command.startWait", "", K::Command, "current charging process: 0 wait, 1 start"},
    QuantityPattern{"station.setpointA", "A", K::Setting, "charging current limit per phase set by the EWS"},
    QuantityPattern{"station.evPlugEnabled", "", K::Setting, "EV plug (mode 3): 0 disabled, 1 enabled"},
    QuantityPattern{"station.domesticPlugEnabled", "", K::Setting, "domestic plug (mode 2): 0 disabled, 1 enabled"},
    QuantityPattern{"station.ratedCurrentA", "A", K::State, "rated current per phase"},
    QuantityPattern{"station.phase", "", K::State, "supply the station is built for: 1 single-phase, 3 three-phase"},
    QuantityPattern{"station.energy.active.import", "Wh", K::Counter, "energy of the current charging session"},
    QuantityPattern{"stat.reset", "", K::Command, "1 restarts every stat.* statistic of the device"},
    QuantityPattern{"ident.model", "", K::Identification,
                    "model code: a catalogue number's digits (412053), a named model 1000000 + its catalogue position"},
    QuantityPattern{"ident.firmware", "", K::Identification, "firmware version, major.minor"},
};

constexpr std::array<std::string_view, 3> kStatistics = {"min", "max", "avg"};
constexpr std::string_view kStatPrefix = "stat.";
constexpr std::string_view kSidePrefix = "side.";

using Entry = std::pair<std::string, QuantityInfo>;

/// Every name of the pattern table, sorted for binary search.
const std::vector<Entry>& expandedVocabulary() {
  static const std::vector<Entry> entries = [] {
    std::vector<Entry> built;
    for (const auto& pattern : kPatterns) {
      for (auto& name : detail::expandBraces(pattern.pattern).names) {
        built.emplace_back(std::move(name), QuantityInfo{pattern.unit, pattern.kind});
      }
    }
    std::sort(built.begin(), built.end(), [](const Entry& a, const Entry& b) { return a.first < b.first; });
    return built;
  }();
  return entries;
}

std::optional<QuantityInfo> findInTable(std::string_view name) {
  const auto& entries = expandedVocabulary();
  const auto it = std::lower_bound(entries.begin(), entries.end(), name,
                                   [](const Entry& entry, std::string_view key) { return entry.first < key; });
  if (it == entries.end() || it->first != name) return std::nullopt;
  return it->second;
}

/// "stat.<measurand>.<statistic>" -> the measurand; empty when `name` is not so shaped.
std::string_view statisticSubject(std::string_view name) {
  if (!name.starts_with(kStatPrefix)) return {};
  const auto lastDot = name.rfind('.');
  if (lastDot <= kStatPrefix.size()) return {};
  const std::string_view statistic = name.substr(lastDot + 1);
  if (std::find(kStatistics.begin(), kStatistics.end(), statistic) == kStatistics.end()) return {};
  return name.substr(kStatPrefix.size(), lastDot - kStatPrefix.size());
}

/// "side.N.<rest>" with N 1 or 2 -> rest; empty otherwise.
std::string_view sideSubject(std::string_view name) {
  if (!name.starts_with(kSidePrefix)) return {};
  const std::string_view rest = name.substr(kSidePrefix.size());
  if (rest.size() < 3 || (rest[0] != '1' && rest[0] != '2') || rest[1] != '.') return {};
  return rest.substr(2);
}

std::string_view firstSegment(std::string_view name) { return name.substr(0, name.find('.')); }

std::string hintFor(std::string_view name) {
  const std::string_view segment = firstSegment(name);
  std::vector<std::string_view> related;
  std::vector<std::string_view> segments;
  for (const auto& pattern : kPatterns) {
    const std::string_view patternSegment = firstSegment(pattern.pattern);
    if (patternSegment == segment) related.push_back(pattern.pattern);
    if (std::find(segments.begin(), segments.end(), patternSegment) == segments.end()) {
      segments.push_back(patternSegment);
    }
  }
  if (!related.empty()) return fmt::format("{} quantities: {}", segment, fmt::join(related, ", "));
  return fmt::format("names start with one of: {}, stat, side", fmt::join(segments, ", "));
}

}  // namespace

std::span<const QuantityPattern> quantityPatterns() { return kPatterns; }

std::optional<QuantityInfo> findQuantity(std::string_view name) {
  if (const std::string_view side = sideSubject(name); !side.empty()) {
    // A side holds a whole station: any quantity but another side.
    return side.starts_with(kSidePrefix) ? std::nullopt : findQuantity(side);
  }
  if (const std::string_view subject = statisticSubject(name); !subject.empty()) {
    const auto measured = findInTable(subject);
    if (measured && measured->kind == QuantityKind::Measurand) return measured;
    return std::nullopt;
  }
  return findInTable(name);
}

namespace {

/// What a user probably meant, for the parenthesis of unknownQuantityReason().
std::string explain(std::string_view name) {
  if (name.starts_with(kSidePrefix)) {
    const std::string_view side = sideSubject(name);
    if (side.empty()) return "sides are named side.1.<quantity> or side.2.<quantity>";
    if (side.starts_with(kSidePrefix)) return "a side has no sides";
    return explain(side);
  }
  if (name.starts_with(kStatPrefix)) {
    const std::string_view subject = statisticSubject(name);
    if (subject.empty()) return "statistics are named stat.<measurand>.{min,max,avg}";
    if (const auto measured = findInTable(subject)) {
      return fmt::format("'{}' is a {}, statistics exist only for measurands", subject,
                         quantityKindName(measured->kind));
    }
    return hintFor(subject);
  }
  return hintFor(name);
}

}  // namespace

std::string unknownQuantityReason(std::string_view name) {
  return fmt::format("unknown quantity '{}' ({})", name, explain(name));
}

std::string_view quantityKindName(QuantityKind kind) {
  switch (kind) {
    case K::Counter:
      return "counter";
    case K::Measurand:
      return "measurand";
    case K::State:
      return "state";
    case K::Setting:
      return "setting";
    case K::Command:
      return "command";
    case K::Identification:
      return "identification";
  }
  return "?";
}

}  // namespace ews::profiles
