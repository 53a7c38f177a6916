#include "ews/devices/ems_bus.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace ews::devices {

namespace {
void addEntry(EmsLinkTable& table, const installation::Device& owner, const EmsLinkTable::Entry& entry) {
  if (!table.add(entry)) {
    throw std::invalid_argument(fmt::format("EMS CX3 module '{}' (address {}) takes part in more than {} links",
                                            owner.name, owner.address, EmsLinkTable::kEntries));
  }
}
}  // namespace

EmsBus::Module* EmsBus::find(int address, std::optional<int> interfaceAddress) {
  for (Module& module : modules_) {
    if (module.device->address == address && module.device->interfaceAddress == interfaceAddress) return &module;
  }
  return nullptr;
}

void EmsBus::program(const installation::Device& event, std::span<const scenario::EmsLinkSpec> links) {
  Module* source = find(event.address, event.interfaceAddress);
  if (source == nullptr) throw std::invalid_argument(fmt::format("'{}' is not an EMS CX3 module", event.name));
  for (const scenario::EmsLinkSpec& link : links) {
    const int function = static_cast<int>(link.function);
    const bool inverse = link.function == scenario::EmsLinkSpec::Function::Inverse;
    EmsLinkTable::Entry entry{link.actionAddress, EmsLinkTable::Role::Event, function, EmsLinkTable::Status::Ok};
    Module* action = find(link.actionAddress, event.interfaceAddress);
    // A module switched OFF in the EWS still answers on its bus: links do not depend on the EWS.
    if (action == nullptr) {
      entry.status = EmsLinkTable::Status::PeerMissing;
    } else if (action->control == nullptr) {
      entry.status = EmsLinkTable::Status::PeerCannotAct;
    }
    addEntry(*source->table, event, entry);
    if (entry.status != EmsLinkTable::Status::Ok) continue;
    addEntry(*action->table, *action->device,
             EmsLinkTable::Entry{event.address, EmsLinkTable::Role::Action, function, EmsLinkTable::Status::Ok});
    EmsControl* target = action->control;
    if (source->control != nullptr) {
      source->control->addFollower(*target, inverse);
    } else {
      source->state->onPositionChange([target, inverse](Time t, bool closed) { target->driveFromLink(t, closed != inverse); });
    }
  }
}

}  // namespace ews::devices
