#include "ews/run/site_host.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "ews/run/report_attachments.hpp"
#include "ews/stack/scenario_settings.hpp"
#include "ews/stores/store_error.hpp"

namespace ews::run {

namespace fs = std::filesystem;

namespace {
stores::StoreLayout layoutOf(const SiteConfig& config) {
  return stores::layoutOf(*config.installation, config.scenario->tariffs.plan, config.scenario->ews.currency);
}

stores::CsvTreeOptions csvOptionsOf(const scenario::Scenario& scenario) {
  stores::CsvTreeOptions options;
  options.format = {scenario.ews.csvDecimalSeparator, scenario.ews.csvFieldSeparator};
  return options;
}

/// The stack keeps the pages' history in the site database: its in-memory copy needs only
/// the current buckets (what the Master/Slave server and Python read back are not buckets).
history::Retention shortRetention() {
  history::Retention retention;
  retention.sampleHorizon = hours(1);
  retention.hourHorizon = days(1);
  retention.dayHorizon = days(2);
  retention.monthHorizon = days(62);
  return retention;
}
}  // namespace

SiteHost::SiteHost(Engine& engine, SiteData& data, const profiles::ProfileCatalogue& profiles, LineFactory lines,
                   const std::string& creator)
    : engine_(engine),
      data_(data),
      profiles_(profiles),
      lineFactory_(std::move(lines)),
      creator_(creator),
      zone_(data.config().scenario->ews.timezone) {
  const SiteConfig& config = data.config();
  history_ = std::make_unique<sitedb::HistoryWriter>(data.db(), zone_, sitedb::siteRetention());
  const stores::StoreLayout layout = layoutOf(config);
  csvFormat_ = csvOptionsOf(*config.scenario).format;
  csvTree_ = std::make_unique<stores::CsvTreeWriter>(data.folder() / SiteData::kCsvFolder, layout, zone_,
                                                     csvOptionsOf(*config.scenario));
  openTrace(layout, fs::exists(data.folder() / SiteData::kTraceFile));
  std::vector<acquisition::CounterState> counters;
  std::optional<history::RecorderState> recorder;
  if (auto resume = sitedb::loadResume(data.db())) {
    counters = std::move(resume->counters);
    recorder = std::move(resume->recorder);
  }
  build(config, std::move(counters), std::move(recorder));
}

SiteHost::~SiteHost() {
  if (snapshotTask_) engine_.cancelTask(*snapshotTask_);
  if (dailyBackupTask_) engine_.cancelTask(*dailyBackupTask_);
  if (dailyBackupWorker_.joinable()) dailyBackupWorker_.join();
  lines_.reset();  // threads first: no completion may reach a destroyed stack
  stack_.reset();
  delivery_.reset();  // its worker stops, logging what it could not send
}

void SiteHost::openTrace(const stores::StoreLayout& layout, bool resume) {
  const fs::path path = data_.folder() / SiteData::kTraceFile;
  stores::RunInfo info;
  info.scenarioName = data_.config().scenario->name;
  info.seed = data_.config().scenario->run.seed;
  info.twinVersion = EWS_VERSION;
  info.start = engine_.now();
  info.timeZone = zone_.name();
  info.sampleRate = data_.config().scenario->ews.sampleRate;
  info.creator = creator_;
  traceLayout_ = layout;
  if (resume) {
    try {
      trace_ = std::make_unique<stores::Hdf5TraceWriter>(path.string(), layout, info, stores::Hdf5TraceOptions{},
                                                         stores::Hdf5TraceWriter::Mode::Resume);
      return;
    } catch (const stores::StoreError&) {
      // Another installation's trace (devices, loads or tariffs changed while stopped): it is
      // kept under the instant it ended and a new trace starts.
    }
  }
  if (fs::exists(path)) {
    fs::rename(path, data_.folder() / fmt::format("trace-until-{}.h5", toMicros(engine_.now())));
  }
  trace_ = std::make_unique<stores::Hdf5TraceWriter>(path.string(), layout, info);
}

void SiteHost::build(const SiteConfig& config, std::vector<acquisition::CounterState> counters,
                     std::optional<history::RecorderState> recorder) {
  installation_ = config.installation;
  stack::StackSettings settings = stack::stackSettingsOf(*config.scenario, *installation_);
  settings.retention = shortRetention();
  settings.resumeCounters = std::move(counters);
  settings.recorder.resumeFrom = std::move(recorder);
  stack_ = std::make_unique<stack::EwsStack>(engine_, *installation_, profiles_, zone_, std::move(settings));
  for (recording::SampleSink* sink : std::initializer_list<recording::SampleSink*>{history_.get(), csvTree_.get(), trace_.get()}) {
    stack_->addSink(*sink);
  }
  history_->setResumeSource([stack = stack_.get()] {
    return sitedb::ResumeState{stack->counterStates(), stack->recorder().state()};
  });
  if (delivery_) {
    stack_->addSink(*delivery_);
    delivery_->setInstallation(installation_);
  }
  lines_ = lineFactory_(config, *stack_);
  ++builds_;
}

void SiteHost::start() {
  started_ = true;
  stack_->start();
}

void SiteHost::reconfigure(const SiteConfig& config) {
  std::vector<acquisition::CounterState> counters = stack_->counterStates();
  history::RecorderState recorder = stack_->recorder().state();
  // Kept past the stack: the new stack's registers go on from its values (a server may also
  // still be answering from them).
  const std::shared_ptr<stack::SlaveRegisters> slave = stack_->sharedSlaveRegisters();
  lines_.reset();
  stack_.reset();
  const stores::StoreLayout layout = layoutOf(config);
  const stores::CsvTreeOptions csvOptions = csvOptionsOf(*config.scenario);
  if (csvOptions.format.decimalSeparator != csvFormat_.decimalSeparator ||
      csvOptions.format.fieldSeparator != csvFormat_.fieldSeparator) {
    // New separators (manual 8.4.1): a new writer renders the settings files with them, so the
    // tree takes the next configuration version and the versioned files start anew
    // (docs/csv-tree.md); the rows already written keep their format.
    csvTree_->flush();
    csvTree_ = std::make_unique<stores::CsvTreeWriter>(data_.folder() / SiteData::kCsvFolder, layout, zone_, csvOptions);
    csvFormat_ = csvOptions.format;
  } else {
    csvTree_->updateLayout(layout);
  }
  if (!(layout == traceLayout_)) {
    trace_->close();
    trace_.reset();
    openTrace(layout, false);
  }
  build(config, std::move(counters), std::move(recorder));
  if (slave && stack_->sharedSlaveRegisters()) stack_->sharedSlaveRegisters()->continueFrom(*slave);
  for (const auto& hook : rebuiltHooks_) hook(*stack_);
  if (started_) stack_->start();
}

void SiteHost::publishSnapshots(stack::SnapshotBoard& board, Duration period) {
  if (snapshotTask_) engine_.cancelTask(*snapshotTask_);
  snapshotTask_ = engine_.every(period, engine_.now(), EventPhase::Publish, [this, &board](Time t) {
    board.publish(stack::takeSnapshot(*stack_, *installation_, t, data_.config().version, ++snapshots_));
  });
}

void SiteHost::keepDailyBackups() {
  dailyBackup_ = std::make_unique<sitedb::DailyBackup>(data_.folder(), sitedb::DailyBackup::Options{.zone = &zone_});
  dailyBackup_->resume(data_.db());
  dailyBackupTask_ = engine_.every(minutes(10), engine_.now(), EventPhase::Publish, [this](Time now) {
    if (dailyBackupRunning_ || !dailyBackup_->due(now)) return;
    dailyBackupRunning_ = true;
    if (dailyBackupWorker_.joinable()) dailyBackupWorker_.join();  // the previous copy, long done
    dailyBackupWorker_ = std::thread([this, now] {
      const sitedb::DailyBackup::Result result = dailyBackup_->copy(now);
      // The status goes to the database on the thread that owns the connection.
      engine_.post([this, result] {
        dailyBackup_->record(data_.db(), result);
        dailyBackupRunning_ = false;
      });
    });
  });
}

void SiteHost::deliverMessages(delivery::DeliveryOptions options) {
  if (options.database.empty()) options.database = data_.db().path();
  if (options.siteName.empty()) options.siteName = data_.config().scenario->name;
  if (!options.reportMaker) options.reportMaker = makeReportAttachment;
  delivery_ = std::make_unique<delivery::DeliveryService>(engine_, zone_, data_.db(), std::move(options));
  stack_->addSink(*delivery_);
  delivery_->setInstallation(installation_);
  delivery_->start();
}

void SiteHost::close() {
  history_->flush();
  csvTree_->flush();
  trace_->close();
}

}  // namespace ews::run
