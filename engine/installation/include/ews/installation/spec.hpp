#pragma once
// What a user writes to describe an installation (manual 7.16.1 - 7.16.2): plain structs,
// filled by the scenario loader (or by code, or later by the configuration pages), checked
// by validate() (validation.hpp) and turned into the queryable Installation graph.
//
// Every element carries the SourceLoc of its entry and, per field, the SourceLoc of that
// field's value (fieldLocs), so a rule violation can point at the exact line and column.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ews/kernel/diagnostic.hpp"

namespace ews::installation {

/// Catalogue variants: Mini EWS 10 (4 149 47), Mini EWS 32 (4 149 48), EWS 255 (4 149 49).
enum class Variant { Ews10, Ews32, Ews255 };

enum class GatewayKind {
  Local,     ///< the Mini's own RS485/IP converter, 127.0.0.1, 10/32 variants only; never deleted
  Physical,  ///< a Modbus RS485/IP gateway, by IP address
  Virtual,   ///< a slave Energy Web Server (Master/Slave, manual 7.16.6.2)
};

enum class DeviceFamily {
  EnergyCounter,       ///< EMDX3 energy counters with RS485 output
  MultifunctionMeter,  ///< EMDX3 multifunction measuring devices
  EmsMeasure,          ///< EMS CX3 measuring modules
  EmsStateControl,     ///< EMS CX3 state / control modules
  PulseCounter,        ///< pulse-output meter (electricity, water, gas) on a concentrator input
  Breaker,             ///< DPX3 / DMX3 circuit breakers, DX3 RCD add-on modules
  PowerSupervision,    ///< RS485 power supervision I/O: 0 261 36, 0 288 12
  ChargingStation,     ///< Green'Up EV charging stations
  GenericModbus,       ///< "Other devices" / "Generic Modbus meter" (four user fields)
  WsMeasure,           ///< virtual device reading a slave web server (address fixed at 247)
};

enum class Medium { Electricity, Water, Gas };
enum class Supply { Upstream, Downstream };  ///< current / supply direction (breakers, EMS CX3)
enum class LinePhase { L1, L2, L3 };         ///< phase of a single-phase charging station

/// Where a user-written field's value is, keyed by field name ("address", "name", ...).
using FieldLocs = std::map<std::string, SourceLoc>;

/// The "Generic Modbus meter" of manual 7.16.1.3: positive active energy only.
struct GenericRegisterSpec {
  int functionCode = 3;     ///< 3 (holding) or 4 (input)
  int registerAddress = 0;  ///< written in hexadecimal by the user
  int words = 2;            ///< 1 to 4 words
  double multiplier = 1.0;  ///< raw value x multiplier = Wh
};

struct DeviceSpec {
  std::string name;  ///< empty: defaulted as the manual says (address, address-position, address-side)
  DeviceFamily family = DeviceFamily::EnergyCounter;
  std::string model;  ///< catalogue number ("4 120 53") or profile id; empty shows "Configuration"
  std::string description;

  int address = 0;                      ///< Modbus address 1..247 on the gateway's bus (247 for WSMEASURE)
  std::optional<int> interfaceAddress;  ///< EMS CX3 remote addressing "device-interface", e.g. 2-1
  std::optional<int> position;          ///< pulse counters: concentrator input
  std::optional<int> side;              ///< old-range two-sided stations: 1 or 2
  std::optional<LinePhase> phase;       ///< single-phase charging stations
  std::optional<Medium> medium;         ///< pulse counters: what the pulses count
  /// Pulse counters: catalogue number of the concentrator (4 149 26, 4 120 65, 0 046 87) or of
  /// the energy counter with pulse inputs (4 120 81/91/41) the meter is wired to (manual
  /// 7.16.1.3 step 5, "Choose the Concentrator from the list"); it sets how many positions
  /// exist. Empty: not stated, 8 positions assumed unless a host counter shares the address.
  std::string concentrator;
  std::optional<int> remoteId;          ///< WSMEASURE: 1XXXX device, 2YYYY load, 3ZZZZ group, 29999 all
  std::optional<GenericRegisterSpec> generic;

  Supply supply = Supply::Upstream;
  std::string load;                 ///< empty: "Others" (water/gas counters: Water/Gas automatically)
  std::vector<std::string> groups;  ///< measure groups, at most 5
  bool on = true;
  bool excludeFromTotals = false;
  bool excludeAlerts = false;
  /// Live: commands may be written to this device through a `modelled` register map (its map is
  /// not the vendor's: docs/live.md, "Writing to real devices").
  bool writeModelledMap = false;

  SourceLoc loc;  ///< the entry itself
  FieldLocs fieldLocs;
};

struct GatewaySpec {
  std::string name;  ///< empty: defaulted to the IP address
  GatewayKind kind = GatewayKind::Physical;
  std::string ip;    ///< required for physical and virtual; 127.0.0.1 for Local
  int port = 502;    ///< Modbus TCP port of the gateway / slave server
  std::string description;
  std::string panelBoard;  ///< at most one panel board per gateway; empty: none
  std::string eqDevice;    ///< name of the gateway's EQ device (EN 50160 check); empty: none
  bool on = true;
  std::vector<DeviceSpec> devices;

  SourceLoc loc;
  FieldLocs fieldLocs;
};

struct PanelBoardSpec {
  std::string name;
  std::string description;
  bool enabled = true;
  SourceLoc loc;
  FieldLocs fieldLocs;
};

/// A load entry either creates a user load or, when it names a predefined load, sets its
/// enabled state (predefined loads always exist and can only be disabled).
struct LoadSpec {
  std::string name;
  bool enabled = true;
  SourceLoc loc;
  FieldLocs fieldLocs;
};

struct GroupSpec {
  std::string name;
  std::string description;
  bool enabled = true;
  SourceLoc loc;
  FieldLocs fieldLocs;
};

struct InstallationSpec {
  Variant variant = Variant::Ews255;
  std::string siteName;
  std::vector<GatewaySpec> gateways;
  std::vector<PanelBoardSpec> panelBoards;
  std::vector<LoadSpec> loads;
  std::vector<GroupSpec> groups;
  SourceLoc loc;
  FieldLocs fieldLocs;
};

}  // namespace ews::installation
