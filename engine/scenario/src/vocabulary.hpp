#pragma once
// The words and units of the scenario format: the enum spellings and the unit suffixes each
// kind of quantity accepts. One table per notion, so the parsers, the error messages ("expected
// one of: ...") and docs/scenario-format.md all agree.
#include <array>

#include "ews/installation/spec.hpp"
#include "ews/scenario/scenario.hpp"
#include "value_parsers.hpp"
#include "yaml_reader.hpp"

namespace ews::scenario::detail {

namespace inst = ews::installation;

inline constexpr std::array<EnumName<inst::Variant>, 3> kVariants{{
    {"10", inst::Variant::Ews10}, {"32", inst::Variant::Ews32}, {"255", inst::Variant::Ews255}}};

inline constexpr std::array<EnumName<inst::GatewayKind>, 3> kGatewayKinds{{
    {"local", inst::GatewayKind::Local}, {"physical", inst::GatewayKind::Physical},
    {"virtual", inst::GatewayKind::Virtual}}};

inline constexpr std::array<EnumName<inst::DeviceFamily>, 10> kDeviceFamilies{{
    {"energy-counter", inst::DeviceFamily::EnergyCounter},
    {"multifunction-meter", inst::DeviceFamily::MultifunctionMeter},
    {"ems-measure", inst::DeviceFamily::EmsMeasure},
    {"ems-state-control", inst::DeviceFamily::EmsStateControl},
    {"pulse-counter", inst::DeviceFamily::PulseCounter},
    {"breaker", inst::DeviceFamily::Breaker},
    {"power-supervision", inst::DeviceFamily::PowerSupervision},
    {"charging-station", inst::DeviceFamily::ChargingStation},
    {"generic-modbus", inst::DeviceFamily::GenericModbus},
    {"wsmeasure", inst::DeviceFamily::WsMeasure}}};

inline constexpr std::array<EnumName<inst::Medium>, 3> kMedia{{
    {"electricity", inst::Medium::Electricity}, {"water", inst::Medium::Water}, {"gas", inst::Medium::Gas}}};

inline constexpr std::array<EnumName<inst::Supply>, 2> kSupplies{{
    {"upstream", inst::Supply::Upstream}, {"downstream", inst::Supply::Downstream}}};

inline constexpr std::array<EnumName<inst::LinePhase>, 3> kPhases{{
    {"L1", inst::LinePhase::L1}, {"L2", inst::LinePhase::L2}, {"L3", inst::LinePhase::L3}}};

inline constexpr std::array<EnumName<Parity>, 3> kParities{{
    {"none", Parity::None}, {"even", Parity::Even}, {"odd", Parity::Odd}}};

inline constexpr std::array<EnumName<ClockMode>, 2> kClockModes{{
    {"virtual", ClockMode::Virtual}, {"wall", ClockMode::Wall}}};

inline constexpr std::array<EnumName<char>, 2> kDecimalSeparators{{{"comma", ','}, {"point", '.'}}};
inline constexpr std::array<EnumName<char>, 2> kFieldSeparators{{{"semicolon", ';'}, {"comma", ','}}};

inline constexpr std::array<EnumName<LoadProfileSpec::Kind>, 5> kProfileKinds{{
    {"constant", LoadProfileSpec::Kind::Constant}, {"daily", LoadProfileSpec::Kind::Daily},
    {"trace", LoadProfileSpec::Kind::Trace}, {"office", LoadProfileSpec::Kind::Office},
    {"home", LoadProfileSpec::Kind::Home}}};

inline constexpr std::array<EnumName<LoadProfileSpec::Interpolation>, 2> kInterpolations{{
    {"step", LoadProfileSpec::Interpolation::Step}, {"linear", LoadProfileSpec::Interpolation::Linear}}};

inline constexpr std::array<EnumName<LoadProfileSpec::TraceEnd>, 2> kTraceEnds{{
    {"loop", LoadProfileSpec::TraceEnd::Loop}, {"hold", LoadProfileSpec::TraceEnd::Hold}}};

inline constexpr std::array<EnumName<FaultSpec::Kind>, 6> kFaultKinds{{
    {"timeout", FaultSpec::Kind::Timeout},
    {"crc", FaultSpec::Kind::CrcError},
    {"exception", FaultSpec::Kind::Exception},
    {"device-offline", FaultSpec::Kind::DeviceOffline},
    {"gateway-down", FaultSpec::Kind::GatewayDown},
    {"installation-error", FaultSpec::Kind::InstallationError}}};

inline constexpr std::array<EnumName<DlmSpec::MeterScope>, 2> kMeterScopes{{
    {"whole-site", DlmSpec::MeterScope::WholeSite}, {"charging-only", DlmSpec::MeterScope::ChargingOnly}}};

/// The two switches of the Green'Up management page (manual 8.3.2), as bools: Start / Wait and
/// Normal / Priority.
inline constexpr std::array<EnumName<bool>, 2> kStartWait{{{"start", true}, {"wait", false}}};
inline constexpr std::array<EnumName<bool>, 2> kSessionPriorities{{{"normal", false}, {"priority", true}}};

// Units: the first entry is the base unit the struct field holds.
inline constexpr std::array<UnitFactor, 3> kPowerUnits{{{"W", 1.0}, {"kW", 1e3}, {"MW", 1e6}}};
/// Powers held in kW (an EV's on-board charger).
inline constexpr std::array<UnitFactor, 3> kPowerKWUnits{{{"kW", 1.0}, {"W", 1e-3}, {"MW", 1e3}}};
inline constexpr std::array<UnitFactor, 3> kEnergyUnits{{{"kWh", 1.0}, {"Wh", 1e-3}, {"MWh", 1e3}}};
inline constexpr std::array<UnitFactor, 1> kCurrentUnits{{{"A", 1.0}}};
inline constexpr std::array<UnitFactor, 1> kChargeUnits{{{"Ah", 1.0}}};
inline constexpr std::array<UnitFactor, 1> kPercentUnits{{{"%", 1.0}}};
/// Fractions (noise) may be written 0.05 or 5%.
inline constexpr std::array<UnitFactor, 1> kFractionUnits{{{"%", 0.01}}};

/// Baud rates of the RS485 port (technical sheet PM1WS10/32, section 5).
inline constexpr std::array<int, 8> kBaudRates{1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200};
inline constexpr std::array<int, 2> kStopBits{1, 2};
/// Modbus exception codes a device may answer (Modbus application protocol 1.1b3, 7).
inline constexpr std::array<int, 9> kExceptionCodes{1, 2, 3, 4, 5, 6, 8, 10, 11};
/// Phases an EV's on-board charger draws from.
inline constexpr std::array<int, 2> kEvPhases{1, 3};

}  // namespace ews::scenario::detail
