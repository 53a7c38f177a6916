#include "link_texts.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "ews/kernel/time.hpp"
#include "snapshot_texts.hpp"

namespace ews::web::detail {

namespace {
using Device = stack::LiveSnapshot::Device;

constexpr int kEntries = 4;  // link.{1..4}: the entries of a module's table
enum Role { kNone = 0, kEvent = 1, kAction = 2 };

/// One entry of a module's link table as read.
struct Entry {
  int peer = 0;
  int role = kNone;
  int function = 0;
  int status = 0;
  bool stale = false;  // repeated from before the module's communication error
};

std::vector<Entry> entriesOf(const Device& device) {
  std::array<Entry, kEntries> table{};
  std::array<bool, kEntries> read{};
  for (const auto& value : device.values) {
    int number = 0;
    char field[16] = {};
    // "link.<n>.<field>"
    if (std::sscanf(value.quantity.c_str(), "link.%d.%15s", &number, field) != 2 || number < 1 || number > kEntries) continue;
    Entry& entry = table[static_cast<std::size_t>(number - 1)];
    const int code = static_cast<int>(value.value);
    const std::string_view name(field);
    if (name == "peer") entry.peer = code;
    else if (name == "role") entry.role = code;
    else if (name == "function") entry.function = code;
    else if (name == "status") entry.status = code;
    else continue;
    entry.stale = entry.stale || value.stale;
    read[static_cast<std::size_t>(number - 1)] = true;
  }
  std::vector<Entry> used;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (read[i] && table[i].role != kNone && table[i].peer != 0) used.push_back(table[i]);
  }
  return used;
}

/// The address label of the module at Modbus address `peer` beside `device` (the same
/// interface under EMS CX3 remote addressing: "3-1" beside "2-1").
std::string peerLabel(const Device& device, int peer) {
  const auto dash = device.addressLabel.find('-');
  return dash == std::string::npos ? std::to_string(peer) : fmt::format("{}{}", peer, device.addressLabel.substr(dash));
}

const Device* moduleAt(const stack::LiveSnapshot& snapshot, int gatewayId, const std::string& label) {
  for (const Device& device : snapshot.devices) {
    if (device.gatewayId == gatewayId && device.family == "ems-state-control" && device.addressLabel == label) {
      return &device;
    }
  }
  return nullptr;
}

/// One side of a link: the configured module, or only its address when the EWS does not know
/// the module at that address.
std::string moduleJson(const Device* module, const Device& beside, const std::string& label) {
  if (module == nullptr) {
    return fmt::format(R"({{"id":null,"name":null,"model":null,"gateway":{},"address":{},"status":null}})",
                       quoted(beside.gatewayName), quoted(label));
  }
  return fmt::format(R"({{"id":{},"name":{},"model":{},"gateway":{},"address":{},"status":"{}"}})", module->id,
                     quoted(module->name), quoted(module->model), quoted(module->gatewayName),
                     quoted(module->addressLabel), statusName(*module));
}

std::string_view functionName(int code) {
  if (code == 1) return "follow";
  if (code == 2) return "inverse";
  return "unknown";
}

std::string_view linkStatusName(int code) {
  if (code == 0) return "ok";
  if (code == 1) return "peer-missing";
  if (code == 2) return "peer-cannot-act";
  return "unknown";
}
}  // namespace

std::string linksJson(const stack::LiveSnapshot* snapshot) {
  if (snapshot == nullptr) return R"({"at":null,"sequence":0,"links":[]})";
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), R"({{"at":"{}","sequence":{},"links":[)", formatUtc(snapshot->at),
                 snapshot->sequence);
  // A link is in both modules' tables: listed once, from the event module's entry, or from
  // the action module's when the EWS does not read the event module (not configured, or no
  // table read yet).
  std::set<std::tuple<int, std::string, std::string>> listed;  // gateway, event label, action label
  bool first = true;
  const auto write = [&](const Device* event, const Device* action, const Device& reader, const std::string& eventLabel,
                         const std::string& actionLabel, const Entry& entry) {
    if (!listed.emplace(reader.gatewayId, eventLabel, actionLabel).second) return;
    const bool unread = reader.status != acquisition::DeviceStatus::On || entry.stale;
    fmt::format_to(std::back_inserter(out),
                   R"({}{{"event":{},"action":{},"function":"{}","status":"{}","readFrom":{},"current":{},"error":{}}})",
                   first ? "" : ",", moduleJson(event, reader, eventLabel), moduleJson(action, reader, actionLabel),
                   functionName(entry.function), linkStatusName(entry.status), reader.id, !unread,
                   entry.status != 0 || unread);
    first = false;
  };
  for (const int role : {kEvent, kAction}) {
    for (const Device& device : snapshot->devices) {
      if (device.family != "ems-state-control") continue;
      for (const Entry& entry : entriesOf(device)) {
        if (entry.role != role) continue;
        const std::string peer = peerLabel(device, entry.peer);
        const Device* other = moduleAt(*snapshot, device.gatewayId, peer);
        if (role == kEvent) {
          write(&device, other, device, device.addressLabel, peer, entry);
        } else {
          write(other, &device, device, peer, device.addressLabel, entry);
        }
      }
    }
  }
  fmt::format_to(std::back_inserter(out), "]}}");
  return fmt::to_string(out);
}

}  // namespace ews::web::detail
