#include "ews/installation/catalogue.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>

namespace ews::installation {

namespace {

using Family = DeviceFamily;

// Ratings the manual itself uses for Green'Up stations (7.16.5.1: "single-phase station
// (rated current 16 A)", "three-phase station (rated current 32 A)").
constexpr double kSinglePhaseStationA = 16.0;
constexpr double kThreePhaseStationA = 32.0;

// Pulse inputs per host. Manual 5 names the hosts but not their input counts: these are
// read from the products' data sheets where found, else assumed (docs/installation.md).
constexpr int kEmdx3ConcentratorInputs = 12;
constexpr int kEmsConcentratorInputs = 8;
constexpr int kCounterPulseInputs = 2;

constexpr std::array kConcentrators = {
    PulseConcentrator{"4 149 26", "EMS CX3 pulse concentrator module", kEmsConcentratorInputs},
    PulseConcentrator{"4 120 65", "EMDX3 pulse concentrator", kEmdx3ConcentratorInputs},
    PulseConcentrator{"0 046 87", "EMDX pulse concentrator", kEmdx3ConcentratorInputs},
};

// Adds one entry per catalogue number, each a copy of `traits` with its family, number
// and description: the manual lists models in such groups of shared capabilities.
class TableBuilder {
 public:
  TableBuilder& add(Family family, std::initializer_list<std::string_view> numbers,
                    std::string_view description, CatalogueModel traits = {}) {
    for (const auto number : numbers) {
      CatalogueModel model = traits;
      model.family = family;
      model.number = number;
      model.description = description;
      models_.push_back(model);
    }
    return *this;
  }
  std::vector<CatalogueModel> take() { return std::move(models_); }

 private:
  std::vector<CatalogueModel> models_;
};

CatalogueModel station(bool singlePhase, bool sidesShareAddress = false) {
  CatalogueModel traits;
  traits.singlePhase = singlePhase;
  traits.sidesShareAddress = sidesShareAddress;
  traits.ratedCurrentA = singlePhase ? kSinglePhaseStationA : kThreePhaseStationA;
  return traits;
}

CatalogueModel withThd() {
  CatalogueModel traits;
  traits.hasThd = true;
  return traits;
}

CatalogueModel withPulseInputs() {
  CatalogueModel traits;
  traits.pulseInputCount = kCounterPulseInputs;
  return traits;
}

CatalogueModel pulseMeter(std::optional<Medium> medium) {
  CatalogueModel traits;
  traits.pulseMedium = medium;
  return traits;
}

CatalogueModel ems(bool measuresEnergy, bool hasThd, bool needsSupply) {
  CatalogueModel traits;
  traits.measuresEnergy = measuresEnergy;
  traits.hasThd = hasThd;
  traits.needsSupply = needsSupply;
  traits.raisesAlerts = true;
  return traits;
}

CatalogueModel breaker(bool measuresEnergy, bool raisesAlerts) {
  CatalogueModel traits;
  traits.measuresEnergy = measuresEnergy;
  traits.needsSupply = true;
  traits.raisesAlerts = raisesAlerts;
  return traits;
}

CatalogueModel noMeasure() {
  CatalogueModel traits;
  traits.measuresEnergy = false;
  return traits;
}

std::vector<CatalogueModel> buildCatalogue() {
  // THD flags: Access and Premium EMDX3 meters and the three-phase EMS CX3 measuring
  // modules; the manual only says "devices with THD or THD + Harmonics functions".
  constexpr bool kMeasures = true;
  constexpr bool kThd = true;
  constexpr bool kSupply = true;
  constexpr bool kAlerts = true;
  constexpr bool kSinglePhase = true;
  constexpr bool kSharedAddress = true;
  TableBuilder table;
  table
      .add(Family::MultifunctionMeter, {"0 046 76", "4 120 51", "4 120 48", "4 120 45"},
           "EMDX3 multifunction measuring device, modular")
      .add(Family::MultifunctionMeter, {"0 146 68", "4 120 52", "4 120 49", "4 120 47"},
           "EMDX3 multifunction measuring device, Access", withThd())
      .add(Family::MultifunctionMeter, {"0 146 69", "4 120 53"},
           "EMDX3 multifunction measuring device, Premium (THD + harmonics)", withThd())
      .add(Family::EnergyCounter, {"0 046 77", "4 120 68", "0 046 79", "4 120 83"},
           "EMDX3 energy counter RS485, single-phase direct connection")
      .add(Family::EnergyCounter, {"4 120 81"},
           "EMDX3 energy counter RS485 with pulse inputs, single-phase direct connection",
           withPulseInputs())
      .add(Family::EnergyCounter, {"0 046 80", "0 046 83", "4 120 74", "4 120 75", "4 120 93"},
           "EMDX3 energy counter RS485, three-phase direct connection")
      .add(Family::EnergyCounter, {"4 120 91"},
           "EMDX3 energy counter RS485 with pulse inputs, three-phase direct connection",
           withPulseInputs())
      .add(Family::EnergyCounter, {"0 046 84", "0 046 86", "4 120 43"},
           "EMDX3 energy counter RS485, three-phase connection with CT")
      .add(Family::EnergyCounter, {"4 120 41"},
           "EMDX3 energy counter RS485 with pulse inputs, three-phase connection with CT",
           withPulseInputs())
      .add(Family::PulseCounter,
           {"0 046 70", "0 046 72", "0 046 81", "0 046 78", "4 120 69", "4 120 80", "4 120 82"},
           "EMDX3 energy counter with pulse output, single-phase direct connection",
           pulseMeter(Medium::Electricity))
      .add(Family::PulseCounter, {"0 046 73", "0 046 82", "4 120 90", "4 120 92"},
           "EMDX3 energy counter with pulse output, three-phase direct connection",
           pulseMeter(Medium::Electricity))
      .add(Family::PulseCounter, {"0 046 74", "0 046 85", "4 120 40", "4 120 42"},
           "EMDX3 energy counter with pulse output, three-phase connection with CT",
           pulseMeter(Medium::Electricity))
      .add(Family::PulseCounter, {"Electricity counter"}, "any electricity meter with pulse output",
           pulseMeter(Medium::Electricity))
      .add(Family::PulseCounter, {"Water counter"}, "any water meter with pulse output",
           pulseMeter(Medium::Water))
      .add(Family::PulseCounter, {"Gas counter"}, "any gas meter with pulse output",
           pulseMeter(Medium::Gas))
      .add(Family::EmsMeasure, {"4 149 18"},
           "EMS CX3 measuring module, single-phase, closed Rogowski coil",
           ems(kMeasures, !kThd, !kSupply))
      .add(Family::EmsMeasure, {"4 149 19"},
           "EMS CX3 measuring module, single-phase, closed Rogowski coils",
           ems(kMeasures, !kThd, kSupply))
      .add(Family::EmsMeasure, {"4 149 20"},
           "EMS CX3 measuring module, three-phase, closed Rogowski coils", ems(kMeasures, kThd, kSupply))
      .add(Family::EmsMeasure, {"4 149 21"},
           "EMS CX3 measuring module, three-phase, closed Rogowski coils", ems(kMeasures, kThd, !kSupply))
      .add(Family::EmsMeasure, {"4 149 23"},
           "EMS CX3 measuring module, single- or three-phase, with CT", ems(kMeasures, kThd, kSupply))
      .add(Family::EmsMeasure, {"4 149 22", "4 149 24", "4 149 25", "4 149 27"},
           "EMS CX3 measuring module, three-phase, open flexible Rogowski coils",
           ems(kMeasures, kThd, !kSupply))
      .add(Family::EmsStateControl, {"4 149 29"}, "EMS CX3 signalling auxiliary contact (CA + SD)",
           ems(!kMeasures, !kThd, !kSupply))
      .add(Family::EmsStateControl, {"4 149 30"}, "EMS CX3 universal state module",
           ems(!kMeasures, !kThd, !kSupply))
      .add(Family::EmsStateControl, {"4 149 31"},
           "EMS CX3 state and control module for latching relays and contactors",
           ems(!kMeasures, !kThd, !kSupply))
      .add(Family::EmsStateControl, {"4 149 32"}, "EMS CX3 universal control module",
           ems(!kMeasures, !kThd, !kSupply))
      .add(Family::Breaker, {"4 106 57", "4 106 58"},
           "DX3 RCD add-on module with integrated counting (via 4 210 75)", breaker(kMeasures, !kAlerts))
      .add(Family::Breaker, {"4 106 59"},
           "DX3 RCD add-on module with integrated measuring (via 4 210 75)", breaker(kMeasures, !kAlerts))
      .add(Family::Breaker,
           {"DPX3 250 electronic with measurement", "DPX3 630 electronic with measurement",
            "DPX3 1600 electronic with measurement"},
           "DPX3 circuit breaker with integrated measurement unit (via 4 210 75)",
           breaker(kMeasures, kAlerts))
      .add(Family::Breaker, {"0 288 03", "0 288 04"},
           "DMX3 with protection unit, touchscreen (via 0 288 05)", breaker(kMeasures, kAlerts))
      .add(Family::Breaker,
           {"DPX3 250 electronic", "DPX3 250 electronic with RCD", "DPX3 250 thermal-magnetic with RCD",
            "DPX3 630 electronic", "DPX3 1600 electronic"},
           "DPX3 circuit breaker without measurement (via 4 210 75)", breaker(!kMeasures, kAlerts))
      .add(Family::Breaker, {"0 288 00", "0 288 01", "0 288 02"},
           "DMX3 with protection unit, LCD screen, without measurement (via 0 288 05)",
           breaker(!kMeasures, kAlerts))
      .add(Family::PowerSupervision, {"0 261 36"}, "RS485 signalling and control interface", noMeasure())
      .add(Family::PowerSupervision, {"0 288 12"}, "RS485 programmable output module", noMeasure())
      .add(Family::ChargingStation, {"0 590 00", "0 590 01", "0 590 05", "0 590 06", "0 580 00", "0 580 01"},
           "Green'Up Premium station, single-phase, mode 3", station(kSinglePhase))
      .add(Family::ChargingStation,
           {"0 590 03", "0 590 04", "0 590 08", "0 590 09", "0 590 10", "0 590 12", "0 590 30",
            "0 590 35", "0 590 41", "0 590 43", "0 590 70", "0 590 71", "0 580 03", "0 580 04",
            "0 580 10", "0 580 11", "0 580 12", "0 580 13", "0 580 30", "0 580 35", "0 580 41",
            "0 580 42", "0 580 43", "0 580 44"},
           "Green'Up Premium station, single-phase, modes 2 and 3", station(kSinglePhase))
      .add(Family::ChargingStation, {"0 590 11", "0 590 13", "0 590 42", "0 590 44"},
           "Green'Up Premium two-sided station, single-phase, modes 2 and 3 (one address per side)",
           station(kSinglePhase))
      .add(Family::ChargingStation, {"0 590 02", "0 590 07", "0 580 02"},
           "Green'Up Premium station, three-phase, mode 3", station(!kSinglePhase))
      .add(Family::ChargingStation, {"0 590 14", "0 590 48", "0 580 14", "0 580 15", "0 580 48", "0 580 49"},
           "Green'Up Premium station, three-phase, modes 2 and 3", station(!kSinglePhase))
      .add(Family::ChargingStation, {"0 590 15", "0 590 49"},
           "Green'Up Premium two-sided station, three-phase, modes 2 and 3 (one address per side)",
           station(!kSinglePhase))
      .add(Family::ChargingStation,
           {"0 590 31", "0 590 33", "0 590 37", "0 590 76", "0 590 91", "0 590 93", "0 590 61", "0 590 63"},
           "Green'Up station (old range), one side, single-phase", station(kSinglePhase))
      .add(Family::ChargingStation,
           {"0 590 32", "0 590 34", "0 590 38", "0 590 77", "0 590 78", "0 590 40", "0 590 57", "0 590 58"},
           "Green'Up station (old range), two sides, single-phase", station(kSinglePhase, kSharedAddress))
      .add(Family::ChargingStation, {"0 590 45", "0 590 94", "0 590 95", "0 590 46", "0 590 64", "0 590 65"},
           "Green'Up station (old range), one side, three-phase", station(!kSinglePhase))
      .add(Family::ChargingStation, {"0 590 96", "0 590 97", "0 590 47", "0 590 66", "0 590 67"},
           "Green'Up station (old range), two sides, three-phase", station(!kSinglePhase, kSharedAddress))
      .add(Family::GenericModbus, {"Generic Modbus meter"},
           "other manufacturer's meter with Modbus RS485 output, positive active energy only")
      .add(Family::WsMeasure, {"WSMEASURE"}, "virtual device reading a slave Energy Web Server");
  return table.take();
}

// The capabilities assumed when the model is not set: the family's usual case, erring on
// the side of allowing a setting (supply, alerts) over refusing it.
CatalogueModel buildUnconfigured(Family family) {
  switch (family) {
    case Family::EmsMeasure: return ems(true, false, true);
    case Family::EmsStateControl: return ems(false, false, false);
    case Family::Breaker: return breaker(false, true);
    case Family::PowerSupervision: return noMeasure();
    default: break;
  }
  return {};
}

// In enumerator order: unconfiguredModel() indexes it by the enumerator's value.
constexpr std::array kFamilies = {
    Family::EnergyCounter, Family::MultifunctionMeter, Family::EmsMeasure, Family::EmsStateControl,
    Family::PulseCounter,  Family::Breaker,            Family::PowerSupervision,
    Family::ChargingStation, Family::GenericModbus,    Family::WsMeasure,
};

// Model names compare without spaces and letter case: "412053" and "wsmeasure" are found.
bool sameModel(std::string_view listed, std::string_view written) {
  auto nextChar = [](std::string_view text, std::size_t& at) -> int {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    return at < text.size() ? std::tolower(static_cast<unsigned char>(text[at++])) : -1;
  };
  std::size_t listedAt = 0;
  std::size_t writtenAt = 0;
  for (;;) {
    const int a = nextChar(listed, listedAt);
    const int b = nextChar(written, writtenAt);
    if (a != b) return false;
    if (a < 0) return true;
  }
}

}  // namespace

std::span<const CatalogueModel> catalogue() {
  static const std::vector<CatalogueModel> models = buildCatalogue();
  return models;
}

std::span<const PulseConcentrator> pulseConcentrators() { return kConcentrators; }

std::vector<const CatalogueModel*> modelsOf(DeviceFamily family) {
  std::vector<const CatalogueModel*> models;
  for (const auto& model : catalogue()) {
    if (model.family == family) models.push_back(&model);
  }
  return models;
}

const CatalogueModel* findModel(DeviceFamily family, std::string_view model) {
  const auto all = catalogue();
  const auto found = std::find_if(all.begin(), all.end(), [&](const CatalogueModel& entry) {
    return entry.family == family && sameModel(entry.number, model);
  });
  return found == all.end() ? nullptr : &*found;
}

const CatalogueModel& unconfiguredModel(DeviceFamily family) {
  static const auto entries = [] {
    std::array<CatalogueModel, kFamilies.size()> built{};
    for (std::size_t index = 0; index < kFamilies.size(); ++index) {
      built[index] = buildUnconfigured(kFamilies[index]);
      built[index].family = kFamilies[index];
    }
    return built;
  }();
  static_assert(kFamilies.back() == Family::WsMeasure, "kFamilies must list every family in order");
  return entries[static_cast<std::size_t>(family)];
}

const CatalogueModel* resolveModel(DeviceFamily family, std::string_view model) {
  if (model.empty()) return &unconfiguredModel(family);
  return findModel(family, model);
}

std::optional<PulseConcentrator> findPulseHost(std::string_view number) {
  for (const auto& concentrator : kConcentrators) {
    if (sameModel(concentrator.number, number)) return concentrator;
  }
  const CatalogueModel* counter = findModel(Family::EnergyCounter, number);
  if (counter == nullptr || counter->pulseInputCount == 0) return std::nullopt;
  return PulseConcentrator{counter->number, counter->description, counter->pulseInputCount};
}

std::string_view mediumName(Medium medium) {
  switch (medium) {
    case Medium::Electricity: return "electricity";
    case Medium::Water: return "water";
    case Medium::Gas: return "gas";
  }
  return "";
}

std::string_view familyName(DeviceFamily family) {
  switch (family) {
    case Family::EnergyCounter: return "energy-counter";
    case Family::MultifunctionMeter: return "multifunction-meter";
    case Family::EmsMeasure: return "ems-measure";
    case Family::EmsStateControl: return "ems-state-control";
    case Family::PulseCounter: return "pulse-counter";
    case Family::Breaker: return "breaker";
    case Family::PowerSupervision: return "power-supervision";
    case Family::ChargingStation: return "charging-station";
    case Family::GenericModbus: return "generic-modbus";
    case Family::WsMeasure: return "wsmeasure";
  }
  return "";
}

}  // namespace ews::installation
