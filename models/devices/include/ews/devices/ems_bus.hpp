#pragma once
// The EMS CX3 modules of one gateway and the links between them (manual 8.2.3): what the EMS
// CX3 configuration software programs, so that an event module's change drives its action
// modules without the EWS ("can run independently without a connection to a manager").
//
// An event module is a control module (its event: a change of its output order) or a state
// module (a change of its position contact CA); an action module is a control module, whose
// output order the link sets. Modules are found by their Modbus address on the gateway and
// behind the same interface. Each link writes an entry into both modules' link tables; a
// link to an address where no module answers, or to a state module (it has no output), is
// kept in the event module's table with that error status, as the configuration software
// would leave it after the action module was removed or replaced.
#include <optional>
#include <span>
#include <vector>

#include "ews/devices/breaker_status.hpp"
#include "ews/devices/ems_control.hpp"
#include "ews/devices/ems_link_table.hpp"
#include "ews/installation/elements.hpp"
#include "ews/scenario/scenario.hpp"

namespace ews::devices {

class EmsBus {
 public:
  struct Module {
    const installation::Device* device = nullptr;
    EmsLinkTable* table = nullptr;
    EmsControl* control = nullptr;  ///< its output order; nullptr: a state module
    BreakerStatus* state = nullptr;  ///< the breaker a state module watches
  };

  void add(const Module& module) { modules_.push_back(module); }

  /// Programs `links` of the event module `event` (added before). Throws
  /// std::invalid_argument naming the module when a link table has no entry left.
  void program(const installation::Device& event, std::span<const scenario::EmsLinkSpec> links);

 private:
  Module* find(int address, std::optional<int> interfaceAddress);

  std::vector<Module> modules_;
};

}  // namespace ews::devices
