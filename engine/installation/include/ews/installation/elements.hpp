#pragma once
// The elements of a built Installation: what the spec said, with defaults applied, ids
// assigned and references resolved. Relations (which gateway, load, groups, panel board)
// are not stored here: they are edges of the Installation graph, asked through its queries.
#include <optional>
#include <string>

#include "ews/installation/catalogue.hpp"
#include "ews/installation/loads.hpp"
#include "ews/installation/spec.hpp"

namespace ews::installation {

struct Site {
  std::string name;
  Variant variant = Variant::Ews255;
};

struct Gateway {
  int id = 0;  ///< 1-based, in the order of the gateway list
  std::string name;
  GatewayKind kind = GatewayKind::Physical;
  std::string ip;  ///< 127.0.0.1 for the Local gateway
  int port = 502;
  std::string description;
  bool on = true;
};

struct Device {
  int id = 0;  ///< 1-based over the whole site, in order of appearance: Remote ID 1XXXX
  std::string name;
  DeviceFamily family = DeviceFamily::EnergyCounter;
  std::string model;                       ///< canonical catalogue spelling; empty: "Configuration"
  const CatalogueModel* catalogue = nullptr;  ///< never null: unconfiguredModel() when model is empty
  std::string description;

  int address = 0;  ///< 247 for virtual devices
  std::optional<int> interfaceAddress;
  std::optional<int> position;
  std::optional<int> side;
  std::optional<LinePhase> phase;
  Medium medium = Medium::Electricity;  ///< water/gas only for such pulse counters
  std::string concentrator;              ///< pulse counters: canonical number, may be empty
  std::optional<int> remoteId;
  std::optional<GenericRegisterSpec> generic;

  Supply supply = Supply::Upstream;  ///< Upstream wherever the model has no such setting
  bool on = true;
  bool excludeFromTotals = false;
  bool excludeAlerts = false;
  bool writeModelledMap = false;  ///< live writes allowed through a modelled map (DeviceSpec)

  /// The unit id answering on the RS485 line: the EMS interface's address under EMS CX3
  /// remote addressing, else the device's own.
  int lineAddress() const { return interfaceAddress.value_or(address); }
};

struct PanelBoard {
  int id = 0;  ///< 1-based, in order of appearance
  std::string name;
  std::string description;
  bool enabled = true;
};

struct Load {
  int id = 0;  ///< see loads.hpp: predefined 1-6, user 7-14, Others 15, Water 16, Gas 17
  std::string name;
  LoadKind kind = LoadKind::Predefined;
  bool enabled = true;
};

struct Group {
  int id = 0;  ///< 1-based, in order of appearance: Remote ID 3ZZZZ
  std::string name;
  std::string description;
  bool enabled = true;
};

}  // namespace ews::installation
