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
  poller_.setEventSink(&recorder_.eventInput());
  recorder_.addSink(history_);
  // The stations are read every cycle even without the DLM: their state is what the Green'Up
  // pages show live.
  const std::string meter = settings.dlm ? installation.device(settings.dlm->totalMeterId).name : std::string{};
  poller_.setFastDevices(acquisition::dlmCriticalDevices(installation, meter));
  if (settings.dlm) {
    dlm_ = std::make_unique<DlmRunner>(engine, installation, poller_, measurements_, std::move(*settings.dlm),
                                       &recorder_.eventInput());
  }
}

void EwsStack::start() {
  poller_.start();
  if (dlm_) dlm_->start();
}

}  // namespace ews::stack
