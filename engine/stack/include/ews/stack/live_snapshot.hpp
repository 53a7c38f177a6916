#pragma once
// What the stack shows other threads (docs/design.md decision 13): an immutable snapshot of the latest
// values, statuses, what the panel board shows of each device and the DLM's state, taken on the engine's thread and published on a board that
// web threads read without ever touching engine state.
#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ews/acquisition/measurements.hpp"
#include "ews/installation/installation.hpp"
#include "ews/kernel/time.hpp"

namespace ews::stack {

class EwsStack;

struct LiveSnapshot {
  struct Value {
    std::string quantity;  ///< "power.active.total", "energy.active.import", ...
    double value = 0.0;
    Time at{};
    bool stale = false;  ///< an old value repeated (the device went to communication error)
  };
  struct Device {
    int id = 0;
    std::string name;
    acquisition::DeviceStatus status = acquisition::DeviceStatus::Off;
    std::vector<Value> values;  ///< by quantity name
    // What the selection button shows (manual 8.2.1), from the configuration in force.
    std::string addressLabel;  ///< "3", "5-2" (position), "1-2" (side), "247-10004" (virtual)
    std::string family;        ///< as the scenario format spells it: "breaker", "charging-station", ...
    std::string model;         ///< catalogue number; empty: not configured
    int gatewayId = 0;
    std::string gatewayName;
    std::string panelBoard;    ///< the gateway's panel board; empty: none
    std::vector<std::string> groups;
    std::string medium;        ///< "electricity", "water", "gas"
    /// The quantities the panel board may write (stack/panel_commands), without the prefix.
    std::vector<std::string> commands;
    /// The button's function symbols from what the device's map provides, whatever it has
    /// answered yet: "measure", "state", "command"; "link" from the values read: an EMS CX3
    /// module whose link table has an entry.
    std::vector<std::string> functions;
  };
  /// The DLM's view of one station's current session (8.3.2), from the controller.
  struct Station {
    int deviceId = 0;
    bool connected = false;
    bool waiting = false;     ///< a request the DLM has not authorised (or has stopped)
    bool authorised = false;
    std::string level;        ///< "full", "first_step", "second_step" (dlm::levelName)
    bool priority = false;    ///< in force for this session (default or override)
    bool defaultPriority = false;  ///< the station's setting (7.16.5.2)
    std::string startWait;    ///< the page's override: "none", "start", "wait"
    double chargeAh = 0.0;
    double ratedCurrentA = 0.0;
    int phases = 1;
  };
  struct Dlm {
    std::string zone;  ///< "green", "yellow", "red" or "fail-safe"
    double maxCurrentA = 0.0;
    double maxChargingCurrentA = 0.0;
    double hysteresisPct = 0.0;
    int totalMeterId = 0;
    bool meterValid = false;  ///< the last decision trusted the total meter
    std::array<double, 3> meterCurrentsA{};
    std::vector<Station> stations;  ///< in the controller's order
  };
  Time at{};
  int configVersion = 0;
  std::uint64_t sequence = 0;  ///< +1 per snapshot: a reader sees whether anything new came
  std::vector<Device> devices;  ///< by device id
  std::optional<Dlm> dlm;  ///< nullopt: the DLM is OFF
};

/// Takes the snapshot of `ews` at `now` (the engine's thread only).
LiveSnapshot takeSnapshot(const EwsStack& ews, const installation::Installation& installation, Time now,
                          int configVersion, std::uint64_t sequence);

/// Where the engine publishes and other threads read the latest snapshot.
class SnapshotBoard {
 public:
  void publish(LiveSnapshot snapshot) {
    auto shared = std::make_shared<const LiveSnapshot>(std::move(snapshot));
    const std::lock_guard lock(mutex_);
    latest_ = std::move(shared);
  }
  /// nullptr before the first snapshot.
  std::shared_ptr<const LiveSnapshot> latest() const {
    const std::lock_guard lock(mutex_);
    return latest_;
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const LiveSnapshot> latest_;
};

}  // namespace ews::stack
