#include "ews/devices/pulse_inputs.hpp"

#include <charconv>
#include <stdexcept>

#include "ews/physics/pulse_counter.hpp"

namespace ews::devices {

namespace {
constexpr double kWhPerElectricityPulse = 1.0;
constexpr double kDm3PerWaterPulse = 1.0;
constexpr double kDm3PerGasPulse = 10.0;
// Codes: position x 2, + 1 for the weight.
constexpr std::uint32_t kWeightBit = 1;
}  // namespace

double pulseWeightOf(installation::Medium medium) {
  switch (medium) {
    case installation::Medium::Electricity: return kWhPerElectricityPulse;
    case installation::Medium::Water: return kDm3PerWaterPulse;
    case installation::Medium::Gas: return kDm3PerGasPulse;
  }
  return kWhPerElectricityPulse;
}

void PulseInputs::wire(int position, const PowerSource& flow, double weightPerPulse) {
  if (position < 1) throw std::invalid_argument("PulseInputs: positions start at 1");
  if (!(weightPerPulse > 0.0)) throw std::invalid_argument("PulseInputs: the pulse weight must be > 0");
  positions_[position] = Position{&flow, weightPerPulse};
}

std::optional<std::uint32_t> PulseInputs::bind(std::string_view name) {
  constexpr std::string_view kPrefix = "position.";
  if (!name.starts_with(kPrefix)) return std::nullopt;
  name.remove_prefix(kPrefix.size());
  const std::size_t dot = name.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  unsigned position = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + dot, position);
  if (error != std::errc{} || end != name.data() + dot || position < 1) return std::nullopt;
  const std::string_view what = name.substr(dot + 1);
  if (what == "count") return position * 2;
  if (what == "weight") return position * 2 + kWeightBit;
  return std::nullopt;
}

std::uint64_t PulseInputs::pulsesAt(int position, Time t) const {
  const auto wired = positions_.find(position);
  if (wired == positions_.end()) return 0;
  // The counter's rule for whole pulses, applied to the exact quantity that flowed up to t:
  // no state to step, so the count cannot depend on how often it is read.
  const physics::PulseCounter counter(wired->second.weightPerPulse, t, wired->second.flow->energyAt(t));
  return counter.pulsesAt(t);
}

double PulseInputs::value(std::uint32_t code) const {
  const int position = static_cast<int>(code / 2);
  if ((code & kWeightBit) != 0) {
    const auto wired = positions_.find(position);
    return wired == positions_.end() ? 0.0 : wired->second.weightPerPulse;
  }
  return static_cast<double>(pulsesAt(position, now_));
}

}  // namespace ews::devices
