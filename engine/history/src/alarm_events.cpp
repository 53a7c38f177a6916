#include "alarm_events.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string_view>

namespace ews::history::detail {

namespace {
constexpr unsigned kThresholdBit = 1u << 0;
constexpr unsigned kInstallationErrorBit = 1u << 1;
constexpr std::array<std::string_view, 3> kPhaseCurrents = {"current.L1", "current.L2", "current.L3"};

std::optional<double> good(const acquisition::Measurements& measurements, int id, std::string_view quantity) {
  const auto reading = measurements.latest(id, quantity);
  if (reading && reading->quality == acquisition::Quality::Good) return reading->value;
  return std::nullopt;
}

/// "current.L2 72.4 A, limit 63 A": the highest phase current read and the device's limit.
std::string thresholdDetail(const acquisition::Measurements& measurements, int id) {
  std::string_view highest;
  double highestA = 0.0;
  for (const std::string_view quantity : kPhaseCurrents) {
    const auto value = good(measurements, id, quantity);
    if (value && (highest.empty() || *value > highestA)) {
      highest = quantity;
      highestA = *value;
    }
  }
  const auto limitA = good(measurements, id, "alarm.limit.current");
  const std::string limit = limitA ? fmt::format("limit {:g} A", *limitA) : std::string("limit not read");
  if (highest.empty()) return fmt::format("phase current (not read), {}", limit);
  return fmt::format("{} {:.2f} A, {}", highest, highestA, limit);
}
}  // namespace

std::vector<recording::Event> AlarmEvents::check(Time t, const installation::Installation& installation,
                                                 const acquisition::Measurements& measurements) {
  std::vector<recording::Event> events;
  for (const installation::Device* device : installation.devices()) {
    const int id = device->id;
    const auto flags = good(measurements, id, "alarm.flags");
    if (!flags) continue;  // not an alarm device, or not read (a stale value says nothing new)
    const auto bits = static_cast<unsigned>(*flags);
    const auto [it, first] = lastFlags_.try_emplace(id, 0u);
    const unsigned before = it->second;
    it->second = bits;
    const unsigned raised = bits & ~before;
    const unsigned cleared = first ? 0u : before & ~bits;
    if ((raised & kThresholdBit) != 0) {
      events.push_back({t, id, "threshold", "current above the measure threshold: " + thresholdDetail(measurements, id)});
    }
    if ((cleared & kThresholdBit) != 0) {
      events.push_back({t, id, "threshold-cleared", "current back under the measure threshold: " + thresholdDetail(measurements, id)});
    }
    if ((raised & kInstallationErrorBit) != 0) {
      events.push_back({t, id, "configuration-error", "Duplicated function: the device reports a configuration or installation error"});
    }
    if ((cleared & kInstallationErrorBit) != 0) {
      events.push_back({t, id, "configuration-error-cleared", "the device's configuration or installation error is cleared"});
    }
  }
  return events;
}

}  // namespace ews::history::detail
