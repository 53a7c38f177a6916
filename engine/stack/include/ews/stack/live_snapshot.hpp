#pragma once
// What the stack shows other threads (DESIGN decision 13): an immutable snapshot of the latest
// values, statuses and the DLM zone, taken on the engine's thread and published on a board that
// web threads read without ever touching engine state.
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
  };
  Time at{};
  int configVersion = 0;
  std::uint64_t sequence = 0;  ///< +1 per snapshot: a reader sees whether anything new came
  std::vector<Device> devices;  ///< by device id
  /// "green", "yellow", "red" or "fail-safe"; empty without the DLM.
  std::string dlmZone;
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
