#pragma once
// What the stores need to know about the installation, copied once so a writer never holds
// pointers into a live Installation (the configuration pages may delete elements while a
// trace is open). The HDF5 trace fixes its device table from it at creation; the CSV tree
// renders its "settings" snapshot from it and versions its files by it. The tariffs' names
// and the currency name the cost columns.
#include <string>
#include <vector>

#include "ews/installation/spec.hpp"
#include "ews/tariff/plan.hpp"

namespace ews::installation {
class Installation;
}

namespace ews::stores {

struct DeviceEntry {
  int id = 0;  ///< the installation's device id: the <ID> of devices/<ID>/
  std::string name;
  installation::Medium medium = installation::Medium::Electricity;
  int loadId = 0;
  std::vector<int> groupIds;  ///< at most 5 (manual 7.16.1.3)
  std::string gatewayName;
  std::string gatewayIp;
  int gatewayPort = 502;
  int modbusAddress = 0;
  std::string family;  ///< as the scenario format spells it
  std::string model;
  bool on = true;
  bool excludeFromTotals = false;
  friend bool operator==(const DeviceEntry&, const DeviceEntry&) = default;
};

struct LoadEntry {
  int id = 0;
  std::string name;
  /// Water and Gas pseudo-loads count dm3; every other load Wh.
  installation::Medium medium = installation::Medium::Electricity;
  bool enabled = true;
  friend bool operator==(const LoadEntry&, const LoadEntry&) = default;
};

struct GroupEntry {
  int id = 0;
  std::string name;
  /// The medium of its member devices (the EWS files groups under energy/, water/ or gas/);
  /// electricity for a group without members.
  installation::Medium medium = installation::Medium::Electricity;
  bool enabled = true;
  friend bool operator==(const GroupEntry&, const GroupEntry&) = default;
};

/// A tariff (manual 7.16.3) as the cost columns name it; its position among its energy's
/// tariffs is the index of the rows' costByTariff.
struct TariffEntry {
  installation::Medium medium = installation::Medium::Electricity;
  std::string name;
  std::string colour;
  friend bool operator==(const TariffEntry&, const TariffEntry&) = default;
};

struct StoreLayout {
  std::vector<DeviceEntry> devices;  ///< in id order
  std::vector<LoadEntry> loads;      ///< in id order
  std::vector<GroupEntry> groups;    ///< in id order
  std::string currency = "EUR";      ///< ISO 4217, the unit of every cost
  std::vector<TariffEntry> tariffs;  ///< electricity's, then water's, then gas's, each in list order

  /// The tariffs of one energy, in position order.
  std::vector<TariffEntry> tariffsOf(installation::Medium medium) const;
  friend bool operator==(const StoreLayout&, const StoreLayout&) = default;
};

/// The layout of a built installation (all devices, ON or OFF: an OFF device keeps its
/// column) and of the bill of consumptions it is priced with.
StoreLayout layoutOf(const installation::Installation& installation, const tariff::TariffPlan& tariffs = {},
                     std::string currency = "EUR");

}  // namespace ews::stores
