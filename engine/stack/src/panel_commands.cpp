#include "ews/stack/panel_commands.hpp"

#include <fmt/format.h>

#include <cmath>
#include <regex>

namespace ews::stack {

namespace {
// Names as in docs/register-maps.md. The binary ones take 0/1; onTimeS takes whole seconds.
const std::regex& binaryCommand() {
  static const std::regex pattern(
      R"(command\.output\.\d+|output\.\d+\.(state|mode|command)|station\.(evPlugEnabled|domesticPlugEnabled))");
  return pattern;
}
const std::regex& onTime() {
  static const std::regex pattern(R"(output\.\d+\.onTimeS)");
  return pattern;
}

const profiles::Field* writableField(const acquisition::DevicePlan& plan, std::string_view quantity) {
  const auto index = plan.map->find(plan.prefix + std::string(quantity));
  if (!index) return nullptr;
  const profiles::Field& field = plan.map->fields()[*index];
  return field.writable() ? &field : nullptr;
}

/// The largest raw value of an unsigned register type (the ON time registers are unsigned).
double maxRaw(profiles::Type type) {
  switch (type) {
    case profiles::Type::Bit: return 1;
    case profiles::Type::U16: return 65535;
    case profiles::Type::S16: return 32767;
    case profiles::Type::U32: return 4294967295.0;
    case profiles::Type::S32: return 2147483647.0;
    case profiles::Type::U48:
    case profiles::Type::U64:
    case profiles::Type::Float32: break;
  }
  return 9007199254740992.0;  // 2^53: exact in a double
}
}  // namespace

bool isPanelCommand(const acquisition::DevicePlan& plan, std::string_view quantity) {
  const std::string name(quantity);
  if (!std::regex_match(name, binaryCommand()) && !std::regex_match(name, onTime())) return false;
  return writableField(plan, quantity) != nullptr;
}

std::vector<std::string> panelCommandsOf(const acquisition::DevicePlan& plan) {
  std::vector<std::string> names;
  for (const profiles::Field& field : plan.map->fields()) {
    if (!field.writable() || !field.name.starts_with(plan.prefix)) continue;
    std::string quantity = field.name.substr(plan.prefix.size());
    if (isPanelCommand(plan, quantity)) names.push_back(std::move(quantity));
  }
  return names;
}

std::string panelValueError(const acquisition::DevicePlan& plan, std::string_view quantity, double value) {
  const profiles::Field* field = writableField(plan, quantity);
  if (field == nullptr || !isPanelCommand(plan, quantity)) {
    return fmt::format("'{}' is not a command of this device", quantity);
  }
  if (!std::isfinite(value)) return "the value must be a number";
  if (std::regex_match(std::string(quantity), binaryCommand())) {
    return value == 0.0 || value == 1.0 ? std::string() : fmt::format("{} takes 0 or 1, not {}", quantity, value);
  }
  const double limit = maxRaw(field->type) * field->scale;
  if (value < 0.0 || value > limit || value != std::floor(value)) {
    return fmt::format("{} takes whole seconds from 0 to {}, not {}", quantity, limit, value);
  }
  return {};
}

}  // namespace ews::stack
