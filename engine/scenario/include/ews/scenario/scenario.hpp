#pragma once
// A scenario: one human-written YAML file describing a whole run (docs/scenario-format.md).
// These structs are what the loader produces; everything downstream (CLI, simulated site,
// Python) consumes them. Every entry carries the SourceLoc of its YAML node.
#include <array>
#include <cstdint>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

#include "ews/installation/spec.hpp"
#include "ews/kernel/diagnostic.hpp"
#include "ews/kernel/time.hpp"
#include "ews/tariff/plan.hpp"

namespace ews::scenario {

enum class Parity { None, Even, Odd };
enum class ClockMode { Virtual, Wall };

/// RS485 line settings of manual 7.8 (defaults from the manual and the technical sheet).
struct ModbusSettings {
  int baud = 19200;
  Parity parity = Parity::Even;
  int stopBits = 1;
  Duration timeout = milliseconds(300);
  bool tcpServer = false;  ///< Modbus TCP server for Master/Slave (manual 7.16.6.1)
  int tcpServerPort = 502;
  /// Live: commands may be written through `modelled` register maps to every device of the site
  /// (docs/live.md, "Writing to real devices"); per device: the device's writeModelledMap.
  bool writeModelledMaps = false;
};

/// The web pages' languages (manual section 4), by id: one message catalogue each.
inline constexpr std::array<std::string_view, 13> kLanguages{"de", "en", "es", "fr", "fr-BE", "el", "it",
                                                              "hu", "nl-BE", "nl", "pl", "pt", "ru"};

/// The EWS box itself: variant, clock zone, sample rate, CSV options.
struct EwsSettings {
  std::string timezone = "Europe/Paris";  ///< IANA zone of the site
  Duration sampleRate = minutes(10);      ///< manual 7.16.4
  ModbusSettings modbus;
  std::string currency = "EUR";           ///< ISO 4217
  /// Gas volume to "Wh equivalent" of the consumption pages (manual 8.2.2), kWh per m3.
  /// Default 11.2: a typical gross calorific value of natural gas (H gas) as suppliers bill it.
  double gasKWhPerM3 = 11.2;
  char csvDecimalSeparator = ',';         ///< manual 8.4.1: point or comma (default comma)
  char csvFieldSeparator = ';';           ///< manual 8.4.1: comma or semicolon (default semicolon)
  /// Default language of the web pages (manual 7.11.1), one of kLanguages; each browser may
  /// display another (7.11.2).
  std::string language = "en";
  SourceLoc loc;
};

struct RunSettings {
  Time start{};                 ///< UTC instant of the local start date-time in `timezone`
  std::string startLocal;       ///< as written, e.g. "2026-01-05T00:00:00"
  std::string timezone;         ///< IANA zone the start is written in (defaults to ews.timezone)
  Duration duration = days(1);
  std::uint64_t seed = 1;
  ClockMode clock = ClockMode::Virtual;
  double speed = 1.0;               ///< wall clock only: simulated seconds per wall second
  Duration controlPeriod = seconds(1);  ///< period of the two-phase model steps
  SourceLoc loc;
};

/// A load profile: the power a simulated device draws over time.
struct LoadProfileSpec {
  /// constant, daily (breakpoints), trace (a recorded CSV series), office and home (seeded
  /// stochastic days, drawn per device).
  enum class Kind { Constant, Daily, Trace, Office, Home };
  /// Trace: between two samples the power holds (Step) or moves linearly (Linear).
  enum class Interpolation { Step, Linear };
  /// Trace: after its last sample the trace starts over (Loop) or keeps the last value (Hold).
  enum class TraceEnd { Loop, Hold };

  std::string name;
  Kind kind = Kind::Constant;
  double powerW = 0.0;  ///< Constant: the power
  /// Daily: (time of day, power) breakpoints, linearly interpolated and wrapping at midnight,
  /// evaluated in the site's local time.
  std::vector<std::pair<Duration, double>> dailyPointsW;
  double weekendFactor = 1.0;   ///< Daily: multiplies the power on Saturdays and Sundays
  double noiseFraction = 0.0;   ///< relative standard deviation of per-step noise (seeded)

  // ---- Trace (docs/scenario-format.md, "Trace files") ----
  std::string traceFile;  ///< as written in the scenario (relative to the scenario file)
  std::string tracePath;  ///< the path that was read
  /// The instant of offset 0: the run start for offset-seconds files, the first row's instant
  /// for date-time files.
  Time traceOrigin{};
  /// (offset from traceOrigin, power W), offsets strictly increasing, the first at or after 0.
  std::vector<std::pair<Duration, double>> tracePointsW;
  Interpolation interpolation = Interpolation::Step;
  TraceEnd traceEnd = TraceEnd::Loop;
  /// Loop: the trace repeats with this period, counted from its first point. The loader sets
  /// it (default: first to last point plus the last interval); 0 with Hold.
  Duration tracePeriod{0};

  // ---- Office, Home ----
  double peakPowerW = 0.0;  ///< the most the building draws (its subscribed power, roughly)
  double basePowerW = 0.0;  ///< standby: what it draws when nobody is there

  SourceLoc loc;
  installation::FieldLocs fieldLocs;
};

/// One link an EMS CX3 module generates events for (manual 8.2.3), as the EMS CX3
/// configuration software programs it into the module: the action module at `actionAddress`
/// (a Modbus address on the same gateway, the modules' EMS bus) switches its output when this
/// module's input changes. docs/scenario-format.md, "Links".
struct EmsLinkSpec {
  enum class Function : std::uint8_t { Follow = 1, Inverse = 2 };
  int actionAddress = 0;
  Function function = Function::Follow;
  SourceLoc loc;
  installation::FieldLocs fieldLocs;
};

/// Binds a device of the installation to a simulation model.
struct DeviceSimSpec {
  std::string device;   ///< device name (after name defaulting)
  std::string profile;  ///< load profile name; empty for devices that are not loads
  double scale = 1.0;   ///< multiplies the profile's power
  double powerFactor = 0.95;  ///< of the load the device measures, (0, 1], inductive
  /// Where its own load draws (`lines`): each line's share, L1..L3, adding up to 1 (`L2` is
  /// {0, 1, 0}, `three-phase` a third each). Not written: a three-phase meter's load is
  /// balanced, a single-phase meter's on L1 (docs/scenario-format.md).
  std::optional<std::array<double, 3>> lineShares;
  /// Devices whose power this meter also measures (its sub-meters, charging stations): a main
  /// or DLM total meter reads its own profile plus what these draw at each instant.
  std::vector<std::string> downstream;
  /// EMS CX3 state and control modules: the links this module generates events for.
  std::vector<EmsLinkSpec> links;
  /// The model the simulated device names in its identification registers when it is not its
  /// configured one (a twin of a wrongly configured site); empty: the configured model.
  std::string identifiesAs;
  /// The firmware version it reports (major.minor); nullopt: the twin's default.
  std::optional<double> firmware;
  /// `alarmCurrent`: the measure-threshold limit of an alert-raising device with measurement
  /// (manual 8.6.4): its alarm bit is up while a phase current is above it. Empty: no limit.
  std::optional<double> alarmCurrentA;
  SourceLoc loc;
  installation::FieldLocs fieldLocs;
};

/// An EV arriving at a charging station (models come with the device and DLM issues).
struct EvSessionSpec {
  std::string station;   ///< charging station device name
  Time arrival{};
  Time departure{};
  double energyWantedKWh = 0.0;
  double batteryKWh = 50.0;
  double initialSocPct = 20.0;
  double targetSocPct = 100.0;  ///< the vehicle stops asking at this SOC
  /// The on-board charger's maximum (kW). 0 = not given: the loader sets the default for
  /// `phases` (7.4 kW single-phase, 22 kW three-phase) once the station is known.
  double maxPowerKW = 0.0;
  /// Phases the on-board charger draws from, 1 or 3. 0 = not given: the loader sets the
  /// station's (1 for a station with a `phase`, else 3).
  int phases = 0;
  SourceLoc loc;
  installation::FieldLocs fieldLocs;
};

/// A communication fault to inject over a time window.
struct FaultSpec {
  /// InstallationError is not a communication fault: the target device reports a configuration
  /// or installation error ("duplicated function", manual 8.7) in its alarm bits over the window.
  enum class Kind { Timeout, CrcError, Exception, DeviceOffline, GatewayDown, InstallationError };
  Kind kind = Kind::Timeout;
  std::string target;      ///< device name, or gateway name for GatewayDown
  Time from{};
  Time to{};
  double probability = 1.0;  ///< per transaction, for Timeout / CrcError / Exception
  int exceptionCode = 4;     ///< Modbus exception code for Exception
  SourceLoc loc;
  installation::FieldLocs fieldLocs;
};

/// A command of the Green'Up management page (manual 8.3.2) given at `at` for the charging
/// process in progress at `station`: Start / Wait, Normal / Priority, or both. It affects that
/// process only, never the station's default priority (dlm.priorityStations).
struct DlmOverrideSpec {
  Time at{};
  std::string station;           ///< charging station device name
  std::optional<bool> start;     ///< true: Start, false: Wait; empty: left as it is
  std::optional<bool> priority;  ///< true: Priority, false: Normal; empty: left as it is
  SourceLoc loc;
  installation::FieldLocs fieldLocs;
};

/// Green'Up dynamic load management settings (manual 7.16.5.1 - 7.16.5.2, the release notes'
/// "DLM improvement" parameters, and the management page's commands of 8.3.2).
struct DlmSpec {
  enum class MeterScope { WholeSite, ChargingOnly };  ///< manual images 1 and 2
  bool on = false;
  std::string totalMeter;
  MeterScope scope = MeterScope::WholeSite;
  double maxCurrentA = 0.0;          ///< yellow/red threshold
  double maxChargingCurrentA = 0.0;  ///< green/yellow threshold
  double hysteresisPct = 0.0;        ///< % of maxCurrentA
  double firstStepPct = 75.0;        ///< % of each station's rated current
  double secondStepPct = 50.0;
  double minChargeAh = 32.0;
  std::vector<std::string> priorityStations;
  /// OFF: the checks against maxCurrentA and maxChargingCurrentA are off ("infinite current").
  bool loadControl = true;
  /// OFF: the EWS grants and denies nothing and reduces nothing (commissioning).
  bool controlLogic = true;
  Duration holdTime = seconds(60);     ///< a waiting station is authorised no earlier than this
  Duration waitingTime = seconds(90);  ///< authorised without drawing longer than this: skipped
  Duration skipTime = seconds(300);    ///< how long a skipped station is ignored
  /// How long a command's effect is taken on trust before the measurements must show it.
  Duration settleTime = seconds(5);
  std::vector<DlmOverrideSpec> overrides;  ///< in file order
  SourceLoc loc;
  installation::FieldLocs fieldLocs;
};

/// Bill of consumptions (manual 7.16.3, the `tariffs:` section): per energy, its tariffs and
/// its cost rules in evaluation order, in the tariff library's model (docs/tariffs.md). The
/// loader has checked it (tariff::problemsOf); the currency is EwsSettings::currency.
struct TariffsSpec {
  tariff::TariffPlan plan;
  SourceLoc loc;
};

/// A slave Energy Web Server this one reads as a Master (manual 7.16.6), described by its own
/// scenario file (the `slaves:` section, docs/master-slave.md): the virtual gateway `gateway`
/// of this installation stands for it. scenario/instances.hpp loads the hierarchy.
struct SlaveSpec {
  std::string file;     ///< as written: relative to this scenario file's directory
  std::string gateway;  ///< a virtual gateway of this installation
  SourceLoc loc;
  installation::FieldLocs fieldLocs;
};

struct Scenario {
  std::string file;  ///< path it was loaded from ("<string>" when parsed from text)
  std::string name;
  std::string description;
  EwsSettings ews;
  RunSettings run;
  installation::InstallationSpec installation;
  std::vector<LoadProfileSpec> loadProfiles;
  std::vector<DeviceSimSpec> deviceSims;
  std::vector<EvSessionSpec> sessions;
  std::vector<FaultSpec> faults;
  DlmSpec dlm;
  TariffsSpec tariffs;
  std::vector<SlaveSpec> slaves;  ///< in file order
};

}  // namespace ews::scenario
