// Display names of the controller's enums, for traces, pages and Python.
#include "ews/dlm/controller.hpp"

namespace ews::dlm {

std::string_view zoneName(Zone zone) {
  switch (zone) {
    case Zone::Green: return "green";
    case Zone::Yellow: return "yellow";
    case Zone::Red: return "red";
  }
  return "?";
}

std::string_view levelName(Level level) {
  switch (level) {
    case Level::Full: return "full";
    case Level::FirstStep: return "first_step";
    case Level::SecondStep: return "second_step";
  }
  return "?";
}

std::string_view eventKindName(DlmEvent::Kind kind) {
  using Kind = DlmEvent::Kind;
  switch (kind) {
    case Kind::Zone: return "zone";
    case Kind::Connected: return "connected";
    case Kind::Disconnected: return "disconnected";
    case Kind::Authorised: return "authorised";
    case Kind::Reduced: return "reduced";
    case Kind::Raised: return "raised";
    case Kind::Stopped: return "stopped";
    case Kind::Skipped: return "skipped";
    case Kind::FailSafe: return "fail_safe";
    case Kind::ChargingBegan: return "charging_began";
  }
  return "?";
}

}  // namespace ews::dlm
