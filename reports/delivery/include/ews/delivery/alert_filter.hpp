#pragma once
// Which installation events are alerts (manual 8.6.4, docs/delivery.md) and how often they
// may be sent: EMS CX3, DPX3 and DMX3 devices (the catalogue's raisesAlerts) not marked
// "Exclude alerts", one message per device and kind at once, then at most one per hold window
// counting what came meanwhile, and at most a budget of messages per hour in all.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "ews/installation/installation.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/kernel/time.hpp"
#include "ews/recording/sample.hpp"
#include "ews/sitedb/settings.hpp"

namespace ews::delivery {

/// One alert about to be sent.
struct Alert {
  Time at{};
  int deviceId = 0;
  std::string deviceName;
  sitedb::AlertKind kind = sitedb::AlertKind::StateChange;
  std::string detail;
  int alsoSince = 0;  ///< events of the same device and kind held back since the last alert
};

/// The alert kind of an event of the stack, if it is one: a device's status going to
/// "Communication error" (communication error), "configuration-error" events (configuration or
/// installation error), "threshold" events (measure threshold).
std::optional<sitedb::AlertKind> alertKindOf(const recording::Event& event);

/// The alert's text (e-mail body and Telegram message).
std::string alertText(const Alert& alert, const std::string& siteName, const TimeZone& zone);

/// The flood rule: at most one message per (device, kind) per `hold`, the next one saying how
/// many were held back; at most `hourlyBudget` messages per rolling hour in all, the excess
/// counted and reported with the next message that goes.
class AlertThrottle {
 public:
  struct Rule {
    Duration hold = minutes(15);
    int hourlyBudget = 20;
  };
  explicit AlertThrottle(Rule rule) : rule_(rule) {}
  AlertThrottle() : AlertThrottle(Rule{}) {}

  /// Whether `alert` goes now; when it does, `alert.alsoSince` is set to what was held back.
  bool admit(Alert& alert);
  /// Alerts held back whose window has ended: each (device, kind) with held events gives one
  /// summary alert at `now`.
  std::vector<Alert> flush(Time now);
  const Rule& rule() const { return rule_; }

 private:
  struct Track {
    Time lastSent{};
    int held = 0;
    Alert latest;  ///< the last held one, sent as the summary
  };
  bool withinBudget(Time now);

  Rule rule_;
  std::map<std::pair<int, sitedb::AlertKind>, Track> tracks_;
  std::vector<Time> sentInHour_;
};

/// Whether the installation lets `deviceId` alert: a model that raises alerts, not excluded.
bool mayAlert(const installation::Installation& installation, int deviceId);

}  // namespace ews::delivery
