#include "ews/devices/supervision_io.hpp"

#include <charconv>
#include <cmath>

namespace ews::devices {

namespace {

// Codes: what x 256 + the 1-based input or output number.
enum What : std::uint32_t { kInput = 1, kAnalog, kState, kMode, kCommand, kOnTime };
constexpr std::uint32_t code(What what, int n) { return what << 8 | static_cast<std::uint32_t>(n); }
What whatOf(std::uint32_t code) { return static_cast<What>(code >> 8); }
std::size_t slotOf(std::uint32_t code) { return (code & 0xFFu) - 1; }

/// "<prefix><n>" or "<prefix><n>.<rest>" with 1 <= n <= max: n and the rest.
std::optional<std::pair<int, std::string_view>> numbered(std::string_view name, std::string_view prefix, int max) {
  if (!name.starts_with(prefix)) return std::nullopt;
  name.remove_prefix(prefix.size());
  int n = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), n);
  if (error != std::errc{} || n < 1 || n > max) return std::nullopt;
  std::string_view rest(end, static_cast<std::size_t>(name.data() + name.size() - end));
  if (!rest.empty()) {
    if (rest.front() != '.') return std::nullopt;
    rest.remove_prefix(1);
  }
  return std::pair{n, rest};
}

bool isBit(double value) { return value == 0.0 || value == 1.0; }

}  // namespace

std::optional<std::uint32_t> SupervisionIo::bind(std::string_view name) {
  if (const auto input = numbered(name, "input.", kMaxInputs); input && input->second.empty()) {
    return code(kInput, input->first);
  }
  if (const auto analog = numbered(name, "analogInput.", kMaxAnalogInputs); analog && analog->second.empty()) {
    return code(kAnalog, analog->first);
  }
  if (const auto output = numbered(name, "output.", kMaxOutputs)) {
    const auto& [n, what] = *output;
    if (what == "state") return code(kState, n);
    if (what == "mode") return code(kMode, n);
    if (what == "command") return code(kCommand, n);
    if (what == "onTimeS") return code(kOnTime, n);
  }
  return std::nullopt;
}

double SupervisionIo::value(std::uint32_t code) const {
  const std::size_t slot = slotOf(code);
  switch (whatOf(code)) {
    case kInput: return inputs_[slot].stateAt(now_) ? 1.0 : 0.0;
    case kAnalog: return analogMa_[slot];
    case kState: return outputs_[slot].energisedAt(now_) ? 1.0 : 0.0;
    case kMode: return static_cast<double>(outputs_[slot].settings().normalState);
    case kCommand: return static_cast<double>(outputs_[slot].settings().mode);
    case kOnTime: return toSeconds(outputs_[slot].settings().onTime);
  }
  return 0.0;
}

link::ExceptionCode SupervisionIo::write(std::uint32_t code, double value, Time t) {
  physics::SupervisionOutput& output = outputs_[slotOf(code)];
  physics::OutputSettings settings = output.settings();
  switch (whatOf(code)) {
    case kState:
      if (value != 0.0) {
        output.commandOn(t);
      } else {
        output.commandOff(t);
      }
      return link::ExceptionCode::None;
    case kMode:
      if (!isBit(value)) return link::ExceptionCode::IllegalDataValue;
      settings.normalState = static_cast<physics::NormalState>(static_cast<int>(value));
      break;
    case kCommand:
      if (!isBit(value)) return link::ExceptionCode::IllegalDataValue;
      settings.mode = static_cast<physics::CommandMode>(static_cast<int>(value));
      break;
    case kOnTime:
      if (!(value >= 0.0) || value != std::floor(value)) return link::ExceptionCode::IllegalDataValue;
      settings.onTime = seconds(static_cast<std::int64_t>(value));
      break;
    default: return link::ExceptionCode::IllegalDataAddress;
  }
  output.configure(t, settings);
  return link::ExceptionCode::None;
}

}  // namespace ews::devices
