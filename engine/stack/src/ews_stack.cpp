#include "ews/stack/ews_stack.hpp"

#include <functional>
#include <stdexcept>

namespace ews::stack {

namespace {
/// The recorder needs the site's zone for the local calendar weeks of the EN 50160 check.
history::RecorderSettings withZone(history::RecorderSettings settings, const TimeZone& zone) {
  settings.zone = &zone;
  return settings;
}

std::unique_ptr<SlaveRegisters> slaveRegistersFor(const installation::Installation& installation,
                                                  const profiles::ProfileCatalogue& profiles) {
  // The served values are laid out as the masters' WSMEASURE devices decode them.
  const profiles::RegisterMap* layout = profiles.find(installation::DeviceFamily::WsMeasure, "WSMEASURE");
  if (layout == nullptr) throw std::invalid_argument("no WSMEASURE profile: the slave's values have no register layout");
  return std::make_unique<SlaveRegisters>(installation, *layout);
}

/// Measurements continuing the given counters: restored before the recorder, which takes each
/// device's baseline from them, exists.
acquisition::Measurements measurementsFrom(const std::vector<acquisition::CounterState>& counters) {
  acquisition::Measurements measurements;
  measurements.restoreCounters(counters);
  return measurements;
}
}  // namespace

EwsStack::EwsStack(Engine& engine, const installation::Installation& installation,
                   const profiles::ProfileCatalogue& profiles, const TimeZone& zone, StackSettings settings)
    : measurements_(measurementsFrom(settings.resumeCounters)),
      poller_(engine, installation, profiles, measurements_, settings.poller),
      recorder_(engine, installation, measurements_, withZone(settings.recorder, zone)),
      history_(zone, settings.retention) {
  poller_.setEventSink(&recorder_.eventInput());
  recorder_.addSink(history_);
  // Meters that keep their own statistics have them reset after each sample, through their
  // line like any command (docs/history.md).
  recorder_.setStatisticsReset([this](int deviceId, std::function<void(bool)> done) {
    const acquisition::DevicePlan* plan = poller_.planOf(deviceId);
    if (plan == nullptr || !plan->map->find(plan->prefix + "stat.reset")) return false;
    poller_.write(deviceId, "stat.reset", 1.0,
                  [done = std::move(done)](const acquisition::WriteOutcome& outcome) { done(outcome.ok()); });
    return true;
  });
  // The stations are read every cycle even without the DLM: their state is what the Green'Up
  // pages show live.
  const std::string meter = settings.dlm ? installation.device(settings.dlm->totalMeterId).name : std::string{};
  poller_.setFastDevices(acquisition::dlmCriticalDevices(installation, meter));
  if (settings.dlm) {
    dlm_ = std::make_unique<DlmRunner>(engine, installation, poller_, measurements_, std::move(*settings.dlm),
                                       &recorder_.eventInput());
  }
  if (settings.slaveServer) {
    slave_ = slaveRegistersFor(installation, profiles);
    recorder_.addSink(*slave_);
  }
}

void EwsStack::start() {
  poller_.start();
  if (dlm_) dlm_->start();
}

}  // namespace ews::stack
