#include "ews/devices/measurement.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace ews::devices {

namespace {

// A bound quantity: its kind in the low byte, then a phase (or tracker) index, then a
// harmonic order (or statistic aggregate).
enum class Q : std::uint8_t {
  EnergyActiveImport = 1,
  EnergyActiveExport,
  EnergyReactiveImport,
  EnergyReactiveExport,
  VoltageLn,
  VoltageLl,
  Current,  // index 3: neutral
  ActivePower,  // index 3: total
  ReactivePower,
  ApparentPower,
  PowerFactor,
  Frequency,
  ThdVoltage,
  ThdCurrent,  // index 3: neutral
  HarmonicVoltage,
  HarmonicCurrent,
  Statistic,  // index: tracker, order: aggregate
  StatisticsReset,
};

enum Aggregate : unsigned { kMin = 0, kMax = 1, kAvg = 2 };
constexpr unsigned kNeutralOrTotal = 3;

/// What a value needs computed at the instant prepared (Measurement::prepared).
enum Part : unsigned { kInstantaneous = 1, kEnergy = 2, kWindows = 4 };

constexpr bool isEnergy(Q q) { return q >= Q::EnergyActiveImport && q <= Q::EnergyReactiveExport; }

constexpr unsigned partsOf(Q q) {
  if (q == Q::Statistic) return kWindows;
  if (q == Q::StatisticsReset) return 0;
  if (isEnergy(q)) return kEnergy;
  // The supply's voltage distortion does not depend on what the device draws.
  if (q == Q::ThdVoltage || q == Q::HarmonicVoltage) return 0;
  return kInstantaneous;
}

/// The parts a value needs ride in the top byte, resolved when the field is bound.
constexpr std::uint32_t pack(Q q, unsigned index = 0, unsigned order = 0) {
  return static_cast<std::uint32_t>(q) | (index << 8) | (order << 16) | (partsOf(q) << 24);
}
Q quantityOf(std::uint32_t code) { return static_cast<Q>(code & 0xFFu); }
unsigned indexOf(std::uint32_t code) { return (code >> 8) & 0xFFu; }
unsigned orderOf(std::uint32_t code) { return (code >> 16) & 0xFFu; }
unsigned partsIn(std::uint32_t code) { return code >> 24; }
physics::Phase phaseOf(unsigned index) { return static_cast<physics::Phase>(index); }

std::vector<std::string_view> split(std::string_view name) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (std::size_t dot = name.find('.'); dot != std::string_view::npos; dot = name.find('.', begin)) {
    parts.push_back(name.substr(begin, dot - begin));
    begin = dot + 1;
  }
  parts.push_back(name.substr(begin));
  return parts;
}

/// L1, L2, L3 -> 0..2; N (when allowed) and total (when allowed) -> 3.
std::optional<unsigned> phaseIndex(std::string_view text, bool neutral, bool total) {
  if (text == "L1") return 0u;
  if (text == "L2") return 1u;
  if (text == "L3") return 2u;
  if ((neutral && text == "N") || (total && text == "total")) return kNeutralOrTotal;
  return std::nullopt;
}

std::optional<unsigned> harmonicOrder(std::string_view text) {
  if (text.size() < 2 || text.size() > 3 || text[0] != 'h') return std::nullopt;
  unsigned order = 0;
  for (const char c : text.substr(1)) {
    if (c < '0' || c > '9') return std::nullopt;
    order = order * 10 + static_cast<unsigned>(c - '0');
  }
  if (order < static_cast<unsigned>(physics::kLowestHarmonic) || order > static_cast<unsigned>(physics::kHighestHarmonic)) {
    return std::nullopt;
  }
  return order;
}


}  // namespace

Measurement::Measurement(const installation::Device* device, const PowerSource& source, SupplyPoint point,
                         physics::HarmonicsProfile harmonics, CommandScheduler scheduler)
    : Behaviour(device),
      source_(&source),
      point_(point),
      lastReading_(computed(point, lastLines_)),
      harmonics_(harmonics),
      scheduler_(std::move(scheduler)) {}

std::optional<std::uint32_t> Measurement::bind(std::string_view name) {
  if (name == "stat.reset") return pack(Q::StatisticsReset);
  if (name.starts_with("stat.")) return bindStatistic(name);
  return bindMeasurand(name);
}

std::optional<std::uint32_t> Measurement::bindMeasurand(std::string_view name) const {
  const auto parts = split(name);
  const auto& head = parts[0];
  if (head == "frequency" && parts.size() == 1) return pack(Q::Frequency);
  if (head == "energy" && parts.size() == 3) {
    const bool active = parts[1] == "active";
    if (!active && parts[1] != "reactive") return std::nullopt;
    if (parts[2] == "import") return pack(active ? Q::EnergyActiveImport : Q::EnergyReactiveImport);
    if (parts[2] == "export") return pack(active ? Q::EnergyActiveExport : Q::EnergyReactiveExport);
    return std::nullopt;
  }
  if (head == "voltage" && parts.size() == 2) {
    static constexpr std::array<std::string_view, 3> kLn{"L1N", "L2N", "L3N"};
    static constexpr std::array<std::string_view, 3> kLl{"L12", "L23", "L31"};
    for (unsigned i = 0; i < 3; ++i) {
      if (parts[1] == kLn[i]) return pack(Q::VoltageLn, i);
      if (parts[1] == kLl[i]) return pack(Q::VoltageLl, i);
    }
    return std::nullopt;
  }
  if (head == "current" && parts.size() == 2) {
    if (const auto i = phaseIndex(parts[1], true, false)) return pack(Q::Current, *i);
    return std::nullopt;
  }
  if (head == "power" && parts.size() == 3) {
    const auto i = phaseIndex(parts[2], false, true);
    if (!i) return std::nullopt;
    if (parts[1] == "active") return pack(Q::ActivePower, *i);
    if (parts[1] == "reactive") return pack(Q::ReactivePower, *i);
    if (parts[1] == "apparent") return pack(Q::ApparentPower, *i);
    return std::nullopt;
  }
  if (head == "powerFactor" && parts.size() == 2) {
    if (const auto i = phaseIndex(parts[1], false, true)) return pack(Q::PowerFactor, *i);
    return std::nullopt;
  }
  if (head == "thd" && parts.size() == 3) {
    const bool voltage = parts[1] == "voltage";
    if (!voltage && parts[1] != "current") return std::nullopt;
    if (const auto i = phaseIndex(parts[2], !voltage, false)) return pack(voltage ? Q::ThdVoltage : Q::ThdCurrent, *i);
    return std::nullopt;
  }
  if (head == "harmonic" && parts.size() == 4) {
    const bool voltage = parts[1] == "voltage";
    if (!voltage && parts[1] != "current") return std::nullopt;
    const auto i = phaseIndex(parts[2], false, false);
    const auto order = harmonicOrder(parts[3]);
    if (!i || !order) return std::nullopt;
    return pack(voltage ? Q::HarmonicVoltage : Q::HarmonicCurrent, *i, *order);
  }
  return std::nullopt;
}

std::optional<std::uint32_t> Measurement::bindStatistic(std::string_view name) {
  const std::size_t lastDot = name.rfind('.');
  if (lastDot == std::string_view::npos || lastDot <= 5) return std::nullopt;
  const std::string_view aggregateName = name.substr(lastDot + 1);
  unsigned aggregate = kMin;
  if (aggregateName == "max") {
    aggregate = kMax;
  } else if (aggregateName == "avg") {
    aggregate = kAvg;
  } else if (aggregateName != "min") {
    return std::nullopt;
  }
  const auto measurand = bindMeasurand(name.substr(5, lastDot - 5));
  if (!measurand || isEnergy(quantityOf(*measurand))) return std::nullopt;
  std::size_t tracker = 0;
  while (tracker < trackers_.size() && trackers_[tracker].measurand != *measurand) ++tracker;
  if (tracker == trackers_.size()) {
    if (trackers_.size() > 0xFF) throw std::length_error("Measurement: too many statistics");
    trackers_.push_back(Tracker{*measurand, std::nullopt});
    windows_.emplace_back();
  }
  return pack(Q::Statistic, static_cast<unsigned>(tracker), aggregate);
}

Measurement::Reading Measurement::computed(const SupplyPoint& point, const models::LinePowers& lines) {
  Reading reading;
  reading.state = point.stateFor(lines);
  reading.power = physics::powerOf(reading.state);
  reading.lineToLineV = physics::lineToLineVoltagesV(reading.state);
  reading.neutralA = physics::neutralCurrentA(reading.state);
  return reading;
}

Measurement::Reading Measurement::instantaneousFor(const models::LinePowers& lines) const {
  if (!(lines == lastLines_)) {
    lastReading_ = computed(point_, lines);
    lastLines_ = lines;
  }
  return lastReading_;
}

Measurement::Reading Measurement::instantaneousAt(Time t) const { return instantaneousFor(source_->linePowersAt(t)); }

std::array<double, 4> Measurement::energiesAt(Time t) const {
  const double energyWh = source_->energyAt(t);
  const double reactiveVarh = source_->reactiveEnergyAt(t);
  // The load draws; a sensor mounted against the flow counts it in the export registers.
  if (point_.supply == physics::SupplyDirection::Downstream) return {0.0, energyWh, 0.0, reactiveVarh};
  return {energyWh, 0.0, reactiveVarh, 0.0};
}

Measurement::Reading Measurement::readingAt(Time t) const {
  Reading reading = instantaneousAt(t);
  reading.energy = energiesAt(t);
  return reading;
}

void Measurement::prepare(Time t) {
  preparedAt_ = t;
  ready_ = 0;
}

const Measurement::Reading& Measurement::prepared(unsigned parts) const {
  if ((parts & kInstantaneous) != 0 && (ready_ & kInstantaneous) == 0) {
    const std::array<double, 4> energy = reading_.energy;  // the energies may be ready already
    reading_ = instantaneousAt(preparedAt_);
    reading_.energy = energy;
    ready_ |= kInstantaneous;
  }
  if ((parts & kEnergy) != 0 && (ready_ & kEnergy) == 0) {
    reading_.energy = energiesAt(preparedAt_);
    ready_ |= kEnergy;
  }
  return reading_;
}

double Measurement::value(std::uint32_t code) const {
  if (quantityOf(code) == Q::StatisticsReset) return 0.0;  // write-only: reads as 0
  if (quantityOf(code) != Q::Statistic) {
    // Ready after the first field of a request: checked here, computed out of line.
    const unsigned parts = partsIn(code);
    return measurandValue(code, (parts & ~ready_) == 0 ? reading_ : prepared(parts));
  }
  if ((ready_ & kWindows) == 0) {
    const Reading& reading = prepared(kInstantaneous);
    for (std::size_t i = 0; i < trackers_.size(); ++i) {
      const Tracker& tracker = trackers_[i];
      const double now = measurandValue(tracker.measurand, reading);
      windows_[i] = tracker.stats ? tracker.stats->windowAt(preparedAt_)
                                  : physics::WindowStatistics{preparedAt_, preparedAt_, now, now, now};
    }
    ready_ |= kWindows;
  }
  const physics::WindowStatistics& window = windows_[indexOf(code)];
  switch (orderOf(code)) {
    case kMin: return window.minimum;
    case kMax: return window.maximum;
    default: return window.average;
  }
}

double Measurement::measurandValue(std::uint32_t code, const Reading& reading) const {
  const unsigned i = indexOf(code);
  const auto row = static_cast<Eigen::Index>(i);
  const auto& power = reading.power;
  switch (quantityOf(code)) {
    case Q::EnergyActiveImport: return reading.energy[0];
    case Q::EnergyActiveExport: return reading.energy[1];
    case Q::EnergyReactiveImport: return reading.energy[2];
    case Q::EnergyReactiveExport: return reading.energy[3];
    case Q::VoltageLn: return reading.state.voltageV(row);
    case Q::VoltageLl: return reading.lineToLineV(row);
    case Q::Current: return i == kNeutralOrTotal ? reading.neutralA : reading.state.currentA(row);
    case Q::ActivePower: return i == kNeutralOrTotal ? power.total.activeW : power.phase[i].activeW;
    case Q::ReactivePower: return i == kNeutralOrTotal ? power.total.reactiveVar : power.phase[i].reactiveVar;
    case Q::ApparentPower: return i == kNeutralOrTotal ? power.total.apparentVA : power.phase[i].apparentVA;
    case Q::PowerFactor: return i == kNeutralOrTotal ? power.total.powerFactor : power.phase[i].powerFactor;
    case Q::Frequency: return reading.state.frequencyHz;
    case Q::ThdVoltage: return harmonics_.phase(phaseOf(i)).voltageThdPct;
    case Q::ThdCurrent:
    case Q::HarmonicVoltage:
    case Q::HarmonicCurrent: return harmonicValue(code, reading);
    case Q::Statistic:
    case Q::StatisticsReset: break;
  }
  throw std::logic_error("Measurement: not a measurand code");
}

double Measurement::harmonicValue(std::uint32_t code, const Reading& reading) const {
  const unsigned i = indexOf(code);
  switch (quantityOf(code)) {
    case Q::HarmonicVoltage: {
      // The supply's distortion has the shape of the currents that cause it, scaled to the
      // phase's voltage THD; it is there whether this device draws or not.
      const physics::PhaseHarmonics& phase = harmonics_.phase(phaseOf(i));
      const double scale = phase.currentThdPct > 0.0 ? phase.voltageThdPct / phase.currentThdPct : 0.0;
      return phase.current.at(static_cast<int>(orderOf(code))) * scale;
    }
    case Q::HarmonicCurrent:
      return harmonics_.currentHarmonicPct(phaseOf(i), reading.state.currentA(static_cast<Eigen::Index>(i)),
                                           static_cast<int>(orderOf(code)));
    case Q::ThdCurrent: {
      if (i != kNeutralOrTotal) {
        return harmonics_.currentThdPct(phaseOf(i), reading.state.currentA(static_cast<Eigen::Index>(i)));
      }
      // The neutral carries the triplen harmonics of the phases in phase with each other
      // (the others cancel for a balanced load); shown as a % of the mean phase current,
      // since the neutral's own fundamental is near zero for a balanced load.
      const double meanA = reading.state.currentA.mean();
      if (meanA <= 0.0) return 0.0;
      double sumOfSquares = 0.0;
      for (int order = 3; order <= physics::kHighestHarmonic; order += 6) {
        double neutralA = 0.0;
        for (unsigned p = 0; p < 3; ++p) {
          const double phaseA = reading.state.currentA(static_cast<Eigen::Index>(p));
          neutralA += phaseA * harmonics_.currentHarmonicPct(phaseOf(p), phaseA, order) / 100.0;
        }
        sumOfSquares += neutralA * neutralA;
      }
      return std::sqrt(sumOfSquares) / meanA * 100.0;
    }
    default: break;
  }
  throw std::logic_error("Measurement: not a harmonic code");
}

link::ExceptionCode Measurement::write(std::uint32_t code, double value, Time t) {
  if (quantityOf(code) != Q::StatisticsReset) return Behaviour::write(code, value, t);
  if (value != 1.0) return link::ExceptionCode::IllegalDataValue;
  // Like a station's command: the statistics only move forward with the engine's steps.
  if (scheduler_) {
    scheduler_(t, [this, t] { resetStatistics(t); });
  } else {
    resetStatistics(t);
  }
  return link::ExceptionCode::None;
}

void Measurement::resetStatistics(Time t) {
  for (Tracker& tracker : trackers_) {
    if (tracker.stats) tracker.stats->closeWindow(t);
  }
}

void Measurement::settle(Time t) {
  const Reading reading = instantaneousAt(t);
  for (Tracker& tracker : trackers_) {
    const double v = measurandValue(tracker.measurand, reading);
    if (tracker.stats) {
      tracker.stats->set(t, v);
    } else {
      tracker.stats.emplace(t, v);  // the meter counts from the run's start
    }
  }
}

}  // namespace ews::devices
