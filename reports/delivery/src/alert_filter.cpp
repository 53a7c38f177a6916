#include "ews/delivery/alert_filter.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ews::delivery {

namespace {
std::string_view kindTitle(sitedb::AlertKind kind) {
  switch (kind) {
    case sitedb::AlertKind::StateChange: return "State change";
    case sitedb::AlertKind::MeasureThreshold: return "Measure threshold";
    case sitedb::AlertKind::ConfigurationError: return "Configuration or installation error";
    case sitedb::AlertKind::CommunicationError: return "Communication error";
    case sitedb::AlertKind::ChartThreshold: return "Chart threshold";
  }
  return "?";
}
}  // namespace

std::optional<sitedb::AlertKind> alertKindOf(const recording::Event& event) {
  if (event.deviceId == 0) return std::nullopt;
  if (event.kind == "status" && event.detail.find("-> Communication error") != std::string::npos) {
    return sitedb::AlertKind::CommunicationError;
  }
  if (event.kind == "configuration-error") return sitedb::AlertKind::ConfigurationError;
  if (event.kind == "threshold") return sitedb::AlertKind::MeasureThreshold;
  return std::nullopt;
}

std::string alertText(const Alert& alert, const std::string& siteName, const TimeZone& zone) {
  std::string text = fmt::format("{}: {} on '{}' (device {}) at {}: {}", siteName, kindTitle(alert.kind), alert.deviceName,
                                 alert.deviceId, zone.format(alert.at, "%F %T %Z"), alert.detail);
  if (alert.alsoSince > 0) {
    text += fmt::format("\n({} more of this kind on this device were held back since the last alert)", alert.alsoSince);
  }
  return text;
}

bool AlertThrottle::withinBudget(Time now) {
  std::erase_if(sentInHour_, [&](Time t) { return t <= now - hours(1); });
  if (static_cast<int>(sentInHour_.size()) >= rule_.hourlyBudget) return false;
  sentInHour_.push_back(now);
  return true;
}

bool AlertThrottle::admit(Alert& alert) {
  Track& track = tracks_[{alert.deviceId, alert.kind}];
  const bool first = track.lastSent == Time{} && track.held == 0;
  if ((first || alert.at >= track.lastSent + rule_.hold) && withinBudget(alert.at)) {
    alert.alsoSince = track.held;
    track.lastSent = alert.at;
    track.held = 0;
    return true;
  }
  ++track.held;
  track.latest = alert;
  return false;
}

std::vector<Alert> AlertThrottle::flush(Time now) {
  std::vector<Alert> due;
  for (auto& [key, track] : tracks_) {
    if (track.held == 0 || now < track.lastSent + rule_.hold || !withinBudget(now)) continue;
    Alert summary = track.latest;
    summary.alsoSince = track.held - 1;  // the latest one is the alert itself
    track.lastSent = now;
    track.held = 0;
    due.push_back(std::move(summary));
  }
  return due;
}

bool mayAlert(const installation::Installation& installation, int deviceId) {
  for (const auto* device : installation.devices()) {
    if (device->id == deviceId) return device->catalogue && device->catalogue->raisesAlerts && !device->excludeAlerts;
  }
  return false;
}

}  // namespace ews::delivery
