#include "ews/devices/ems_control.hpp"

namespace ews::devices {

namespace {
enum Code : std::uint32_t { kOrder = 1, kFeedback };
}

std::optional<std::uint32_t> EmsControl::bind(std::string_view name) {
  if (name == "command.output.1") return kOrder;
  if (name == "state.output.1") return kFeedback;
  return std::nullopt;
}

double EmsControl::value(std::uint32_t) const {
  // The feedback contact follows the order without a visible delay.
  return order_.stateAt(now_) ? 1.0 : 0.0;
}

link::ExceptionCode EmsControl::write(std::uint32_t code, double value, Time t) {
  if (code != kOrder) return link::ExceptionCode::IllegalDataAddress;
  const bool on = value != 0.0;
  order_.set(t, on);
  for (const Follower& follower : followers_) follower.action->driveFromLink(t, on != follower.inverse);
  return link::ExceptionCode::None;
}

}  // namespace ews::devices
