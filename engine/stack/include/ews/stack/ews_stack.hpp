#pragma once
// The EWS application stack that runs the same on a laptop and on site (docs/design.md, data flow):
// the poller reads every gateway's line through an AsyncLink and decodes into measurements,
// the recorder turns them into samples and aggregates at the sample rate, the history keeps
// the consumption buckets. Over SimLinks (VirtualTimeLink) it is the twin; over libmodbus
// links it is the live EWS. Nothing here knows which.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ews/acquisition/measurements.hpp"
#include "ews/acquisition/poller.hpp"
#include "ews/history/history.hpp"
#include "ews/history/recorder.hpp"
#include "ews/installation/installation.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/link/async_link.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/stack/dlm_runner.hpp"
#include "ews/stack/slave_registers.hpp"

namespace ews::stack {

struct StackSettings {
  acquisition::PollerSettings poller;
  history::RecorderSettings recorder;
  history::Retention retention;
  /// Green'Up DLM (manual 7.16.5): its total meter and the stations are polled every cycle and
  /// the controller decides every control period. nullopt: DLM OFF.
  std::optional<DlmRunnerSettings> dlm;
  /// The Modbus TCP server for Master/Slave is ON (manual 7.16.6.1, ews.modbus.tcpServer): the
  /// stack keeps the values its masters read (slaveRegisters()). Serving them is the caller's
  /// (live/'s server on the wall clock, an in-process link in virtual time).
  bool slaveServer = false;
  /// Continue a predecessor's counting (a stack rebuilt after a configuration change, or a
  /// restart from the site database): its counters and the recorder's baselines, so nothing
  /// is lost or counted twice across the change.
  std::vector<acquisition::CounterState> resumeCounters;
};

class EwsStack {
 public:
  /// All references must outlive the stack.
  EwsStack(Engine& engine, const installation::Installation& installation,
           const profiles::ProfileCatalogue& profiles, const TimeZone& zone, StackSettings settings);

  /// One line per gateway (a virtual gateway's is the connection to its slave), before start().
  void attachLine(const installation::Gateway& gateway, link::AsyncLink& line) { poller_.attachLine(gateway, line); }
  /// Subscribes a consumer of samples, aggregates and events (trace writers, CSV tree, ...).
  void addSink(recording::SampleSink& sink) { recorder_.addSink(sink); }
  /// Starts polling (and the DLM) now; the first sample follows at the next multiple of the
  /// sample rate.
  void start();

  const acquisition::Measurements& measurements() const { return measurements_; }
  /// What a successor stack resumes from (StackSettings::resumeCounters, RecorderSettings::resumeFrom).
  std::vector<acquisition::CounterState> counterStates() const { return measurements_.counterStates(); }
  acquisition::Poller& poller() { return poller_; }
  const acquisition::Poller& poller() const { return poller_; }
  history::Recorder& recorder() { return recorder_; }
  const history::History& history() const { return history_; }
  /// What this EWS serves its masters; nullptr when its Modbus TCP server is OFF.
  const SlaveRegisters* slaveRegisters() const { return slave_.get(); }
  /// The same, shared: a slave server keeps the registers it serves alive while the stack is
  /// rebuilt by a configuration change (docs/master-slave.md).
  std::shared_ptr<SlaveRegisters> sharedSlaveRegisters() { return slave_; }
  /// The DLM runner, nullptr when the DLM is OFF.
  DlmRunner* dlm() { return dlm_.get(); }
  const DlmRunner* dlm() const { return dlm_.get(); }

 private:
  acquisition::Measurements measurements_;
  acquisition::Poller poller_;
  history::Recorder recorder_;
  history::History history_;
  std::unique_ptr<DlmRunner> dlm_;
  std::shared_ptr<SlaveRegisters> slave_;
};

}  // namespace ews::stack
