#include "ews/acquisition/measurements.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ews::acquisition {

const Reading* Measurements::DeviceState::find(std::string_view quantity) const {
  const auto it = slotOf.find(quantity);
  return it == slotOf.end() ? nullptr : &values[it->second];
}

DeviceStatus Measurements::status(int deviceId) const {
  const auto it = devices_.find(deviceId);
  return it == devices_.end() ? DeviceStatus::Off : it->second.status;
}

std::optional<Reading> Measurements::latest(int deviceId, std::string_view quantity) const {
  const Reading* found = reading(deviceId, quantity);
  if (found == nullptr) return std::nullopt;
  return *found;
}

const Reading* Measurements::reading(int deviceId, std::string_view quantity) const {
  const auto it = devices_.find(deviceId);
  return it == devices_.end() ? nullptr : it->second.find(quantity);
}

std::optional<Consumption> Measurements::consumption(int deviceId) const {
  const auto it = devices_.find(deviceId);
  if (it == devices_.end() || !it->second.counter) return std::nullopt;
  return it->second.counter->consumption;
}

std::map<std::string, Reading, std::less<>> Measurements::readings(int deviceId) const {
  std::map<std::string, Reading, std::less<>> readings;
  const auto it = devices_.find(deviceId);
  if (it == devices_.end()) return readings;
  const DeviceState& state = it->second;
  for (std::size_t slot = 0; slot < state.names.size(); ++slot) readings.emplace(state.names[slot], state.values[slot]);
  return readings;
}

void Measurements::setStatus(int deviceId, DeviceStatus status) { devices_[deviceId].status = status; }

void Measurements::store(int deviceId, std::string_view quantity, double value, Time at) {
  record(deviceId, quantity, value, at);
}

Reading& Measurements::record(int deviceId, std::string_view quantity, double value, Time at) {
  DeviceState& state = devices_[deviceId];
  auto it = state.slotOf.find(quantity);
  if (it == state.slotOf.end()) {
    it = state.slotOf.emplace(std::string(quantity), state.values.size()).first;
    state.names.emplace_back(quantity);
    state.values.emplace_back();
  }
  Reading& reading = state.values[it->second];
  reading = Reading{value, at, Quality::Good};
  return reading;
}

void Measurements::markStale(int deviceId, std::string_view quantity) {
  const auto it = devices_.find(deviceId);
  if (it == devices_.end()) return;
  const auto slot = it->second.slotOf.find(quantity);
  if (slot != it->second.slotOf.end()) it->second.values[slot->second].quality = Quality::Stale;
}

void Measurements::markAllStale(int deviceId) {
  const auto it = devices_.find(deviceId);
  if (it == devices_.end()) return;
  for (Reading& reading : it->second.values) reading.quality = Quality::Stale;
}

std::vector<int> Measurements::deviceIds() const {
  std::vector<int> ids;
  ids.reserve(devices_.size());
  for (const auto& entry : devices_) ids.push_back(entry.first);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::optional<recording::Event> Measurements::feedCounter(int deviceId, double rawCounter, double wrapAt, Time at) {
  auto& track = devices_[deviceId].counter;
  if (!track) track = CounterTrack{};
  Consumption& consumption = track->consumption;
  consumption.at = at;
  std::optional<recording::Event> event;
  if (!track->lastRaw) {
    // First reading ever: the baseline. Nothing is known about the energy before it.
  } else if (track->newSegment) {
    // A replaced meter starts wherever the new one stands; the old one's last reading was
    // already counted, so nothing is lost and nothing is invented.
    event = recording::Event{at, deviceId, "meter-replaced",
                             fmt::format("meter replaced at {}: new meter starts at {}, total kept at {}",
                                         formatUtc(track->replacedAt), rawCounter, consumption.total)};
  } else if (rawCounter >= *track->lastRaw) {
    consumption.total += rawCounter - *track->lastRaw;
  } else if (wrapAt > 0.0 && *track->lastRaw - rawCounter > wrapAt / 2.0) {
    consumption.total += wrapAt - *track->lastRaw + rawCounter;
    event = recording::Event{at, deviceId, "counter-wrap",
                             fmt::format("counter wrapped at {} from {} to {}", wrapAt, *track->lastRaw, rawCounter)};
  } else {
    // A counter set back to zero (or a meter swapped without telling): what it shows now is
    // what flowed since, so add it. Never a negative consumption.
    consumption.total += rawCounter;
    event = recording::Event{at, deviceId, "counter-reset",
                             fmt::format("counter went back from {} to {}", *track->lastRaw, rawCounter)};
  }
  if (event) ++consumption.corrections;
  track->newSegment = false;
  track->lastRaw = rawCounter;
  return event;
}

std::vector<CounterState> Measurements::counterStates() const {
  std::vector<CounterState> states;
  for (const auto& [id, device] : devices_) {
    if (device.counter) states.push_back({id, device.counter->lastRaw, device.counter->consumption});
  }
  std::sort(states.begin(), states.end(), [](const CounterState& a, const CounterState& b) { return a.deviceId < b.deviceId; });
  return states;
}

void Measurements::restoreCounters(std::span<const CounterState> states) {
  for (const CounterState& state : states) {
    auto& track = devices_[state.deviceId].counter;
    track = CounterTrack{};
    track->lastRaw = state.lastRaw;
    track->consumption = state.consumption;
  }
}

void Measurements::replaceMeter(int deviceId, Time at) {
  auto& track = devices_[deviceId].counter;
  if (!track) track = CounterTrack{};
  // Only a meter already read has a segment to close; an unread one just gets its baseline.
  if (track->lastRaw) track->newSegment = true;
  track->replacedAt = at;
}

}  // namespace ews::acquisition
