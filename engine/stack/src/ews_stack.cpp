#include "ews/stack/ews_stack.hpp"

namespace ews::stack {

namespace {
/// The recorder needs the site's zone for the local calendar weeks of the EN 50160 check.
history::RecorderSettings withZone(history::RecorderSettings settings, const TimeZone& zone) {
  settings.zone = &zone;
  return settings;
}
}  // namespace

EwsStack::EwsStack(Engine& engine, const installation::Installation& installation,
                   const profiles::ProfileCatalogue& profiles, const TimeZone& zone, StackSettings settings)
    : poller_(engine, installation, profiles, measurements_, settings.poller),
      recorder_(engine, installation, measurements_, withZone(settings.recorder, zone)),
      history_(zone, settings.retention) {
  const auto fast = acquisition::dlmCriticalDevices(installation, settings.dlmTotalMeter);
  poller_.setFastDevices(fast);
  poller_.setEventSink(&recorder_.eventInput());
  recorder_.addSink(history_);
}

}  // namespace ews::stack
