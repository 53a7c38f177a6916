#include "ews/acquisition/measurements.hpp"

#include <fmt/format.h>

namespace ews::acquisition {

namespace {
const std::map<std::string, Reading, std::less<>> kNoReadings;
}  // namespace

DeviceStatus Measurements::status(int deviceId) const {
  const auto it = devices_.find(deviceId);
  return it == devices_.end() ? DeviceStatus::Off : it->second.status;
}

std::optional<Reading> Measurements::latest(int deviceId, std::string_view quantity) const {
  const auto it = devices_.find(deviceId);
  if (it == devices_.end()) return std::nullopt;
  const auto reading = it->second.readings.find(quantity);
  if (reading == it->second.readings.end()) return std::nullopt;
  return reading->second;
}

std::optional<Consumption> Measurements::consumption(int deviceId) const {
  const auto it = devices_.find(deviceId);
  if (it == devices_.end() || !it->second.counter) return std::nullopt;
  return it->second.counter->consumption;
}

const std::map<std::string, Reading, std::less<>>& Measurements::readings(int deviceId) const {
  const auto it = devices_.find(deviceId);
  return it == devices_.end() ? kNoReadings : it->second.readings;
}

void Measurements::setStatus(int deviceId, DeviceStatus status) { devices_[deviceId].status = status; }

void Measurements::store(int deviceId, std::string_view quantity, double value, Time at) {
  record(deviceId, quantity, value, at);
}

Reading& Measurements::record(int deviceId, std::string_view quantity, double value, Time at) {
  auto& readings = devices_[deviceId].readings;
  auto it = readings.find(quantity);
  if (it == readings.end()) it = readings.emplace(std::string(quantity), Reading{}).first;
  it->second = Reading{value, at, Quality::Good};
  return it->second;
}

void Measurements::markStale(int deviceId, std::string_view quantity) {
  const auto it = devices_.find(deviceId);
  if (it == devices_.end()) return;
  const auto reading = it->second.readings.find(quantity);
  if (reading != it->second.readings.end()) reading->second.quality = Quality::Stale;
}

void Measurements::markAllStale(int deviceId) {
  const auto it = devices_.find(deviceId);
  if (it == devices_.end()) return;
  for (auto& entry : it->second.readings) entry.second.quality = Quality::Stale;
}

std::vector<int> Measurements::deviceIds() const {
  std::vector<int> ids;
  ids.reserve(devices_.size());
  for (const auto& entry : devices_) ids.push_back(entry.first);
  return ids;
}

std::optional<recording::Event> Measurements::feedCounter(int deviceId, double rawCounter, double wrapAt, Time at) {
  auto& track = devices_[deviceId].counter;
  if (!track) track.emplace();
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

void Measurements::replaceMeter(int deviceId, Time at) {
  auto& track = devices_[deviceId].counter;
  if (!track) track.emplace();
  // Only a meter already read has a segment to close; an unread one just gets its baseline.
  if (track->lastRaw) track->newSegment = true;
  track->replacedAt = at;
}

}  // namespace ews::acquisition
