#pragma once
// Commands from other threads (the web pages) to the running stack (docs/design.md decisions 2, 5, 13):
// each is posted to the engine's input queue, runs on the engine's thread against the stack in
// force at that moment (a configuration change may have rebuilt it), and answers through a
// callback on that thread. Register writes go through the poller like the DLM's; the Green'Up
// management page's Start/Wait and Normal/Priority go to the DLM controller.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ews/kernel/engine.hpp"

namespace ews::stack {

class EwsStack;

/// How a command ended. `field` names the member of the request that was wrong (Refused).
struct CommandOutcome {
  enum class Kind { Applied, Refused, NotFound, DeviceError };
  Kind kind = Kind::Applied;
  std::string field;
  std::string message;
};

/// One register write of the panel board: a quantity of the device (docs/register-maps.md,
/// without the device's prefix) and its value in the quantity's unit.
struct FieldWrite {
  std::string quantity;
  double value = 0.0;
};

class StackCommands {
 public:
  using Done = std::function<void(const CommandOutcome&)>;
  /// `current` gives the stack in force (nullptr: none yet); asked on the engine's thread only.
  /// `engine` must outlive the object.
  StackCommands(Engine& engine, std::function<EwsStack*()> current);

  /// Thread-safe. Checks every write (the device is polled, each quantity is a panel command of
  /// it, each value fits: stack/panel_commands) before sending any, then writes them in order
  /// through the poller. Applied when every write was acknowledged; DeviceError with the first
  /// failure otherwise.
  void writeFields(int deviceId, std::vector<FieldWrite> writes, Done done);

  /// Thread-safe. Start (true) / Wait (false) and Priority (true) / Normal (false) for the charge
  /// in progress at station `deviceId` (manual 8.3.2): Refused when no vehicle is connected or
  /// the DLM is off. Applied means the controller took it; its next decision acts on it.
  void sessionCommand(int deviceId, std::optional<bool> start, std::optional<bool> priority, Done done);

 private:
  Engine& engine_;
  std::function<EwsStack*()> current_;
};

}  // namespace ews::stack
