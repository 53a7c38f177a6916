#pragma once
// The EWS of a data folder (docs/site-database.md): the stack built from the configuration in
// force, its lines, and the stores of the folder - the site database's history and events, the
// CSV tree, the HDF5 trace - resumed where the last run stopped. A configuration change rebuilds
// the stack in process on the engine's thread, handing the counters and the recorder's
// baselines from the old stack to the new one, so no consumption is lost or counted twice.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

#include "ews/delivery/delivery_service.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/run/connector_task.hpp"
#include "ews/run/site_data.hpp"
#include "ews/sitedb/daily_backup.hpp"
#include "ews/sitedb/history_writer.hpp"
#include "ews/stack/ews_stack.hpp"
#include "ews/stack/live_snapshot.hpp"
#include "ews/stack/stack_commands.hpp"
#include "ews/stores/csv_tree_writer.hpp"
#include "ews/stores/hdf5_trace_writer.hpp"

namespace ews::run {

/// What owns a stack's lines; destroyed (its threads stopped) before the stack is.
class AttachedLines {
 public:
  virtual ~AttachedLines() = default;
};

/// Creates and attaches the lines of `config`'s gateways to `ews` (TcpLink/RtuLink threads on
/// site, VirtualTimeLinks over a simulated site in tests and twins).
using LineFactory = std::function<std::unique_ptr<AttachedLines>(const SiteConfig& config, stack::EwsStack& ews)>;

class SiteHost {
 public:
  /// `engine`, `data` and `profiles` must outlive the host. Opens the stores of the data folder
  /// (resuming the CSV tree and the HDF5 trace) and builds the stack from data.config(),
  /// resuming the counters stored in the site database. `creator` names the command in the
  /// HDF5 metadata.
  SiteHost(Engine& engine, SiteData& data, const profiles::ProfileCatalogue& profiles, LineFactory lines,
           const std::string& creator);
  ~SiteHost();
  SiteHost(const SiteHost&) = delete;
  SiteHost& operator=(const SiteHost&) = delete;

  /// Starts polling (and the DLM).
  void start();
  /// Rebuilds the stack for `config` (the engine's thread only: post it through the input
  /// queue from other threads). The site's time zone is kept until a restart.
  void reconfigure(const SiteConfig& config);
  /// Calls `hook` with the new stack after each rebuild by reconfigure() (on the engine's
  /// thread, before the new stack starts): e.g. the Master/Slave server follows it.
  void onRebuilt(std::function<void(stack::EwsStack&)> hook) { rebuiltHooks_.push_back(std::move(hook)); }
  /// Commits the last instant, flushes and closes the stores.
  void close();
  /// Publishes a snapshot of the stack on `board` every `period` of engine time from now, in
  /// the Publish phase (after the polls of the instant), across configuration changes.
  /// `board` must outlive the host.
  void publishSnapshots(stack::SnapshotBoard& board, Duration period);
  /// Keeps the box's own daily copy of the database (docs/backup.md; sites on the wall clock:
  /// live, serve): due() is asked every 10 minutes of engine time, the copy is made on a worker
  /// thread so polling goes on, and its status is recorded on the engine's thread.
  void keepDailyBackups();
  /// Sends the site's automatic reports, alerts and Telegram subscriptions (docs/delivery.md):
  /// the settings of the data folder's database, the reports made by reports/export unless
  /// `options.reportMaker` is set, the time of the engine (virtual or wall). `database` and
  /// `siteName` are filled in when empty.
  void deliverMessages(delivery::DeliveryOptions options);
  delivery::DeliveryService* delivery() { return delivery_.get(); }
  /// Runs the Connector's scheduler on this site (docs/connector.md): transfers on a worker
  /// thread when `onWorkerThread` (wall-clock sites), on the engine's thread in virtual time.
  void keepConnector(bool onWorkerThread);
  /// The page's "Send now" by `author` (thread-safe: posted to the engine's thread). False when
  /// keepConnector() was not called.
  bool sendConnectorNow(const std::string& author);

  stack::EwsStack& ews() { return *stack_; }
  /// The engine the host runs on (the configuration pages post their saves to it).
  Engine& engine() { return engine_; }
  /// The pages' commands to the stack in force (thread-safe: they go through the input queue).
  stack::StackCommands& commands() { return commands_; }
  const TimeZone& zone() const { return zone_; }
  const sitedb::HistoryWriter& history() const { return *history_; }
  /// The CSV tree's configuration version (manual 8.4.3).
  int csvVersion() const { return csvTree_->configurationVersion(); }
  /// Stacks built so far: 1 + the configuration changes applied.
  int builds() const { return builds_; }

 private:
  void build(const SiteConfig& config, std::vector<acquisition::CounterState> counters,
             std::optional<history::RecorderState> recorder);
  void openTrace(const stores::StoreLayout& layout, bool resume);

  Engine& engine_;
  SiteData& data_;
  const profiles::ProfileCatalogue& profiles_;
  LineFactory lineFactory_;
  std::string creator_;
  TimeZone zone_;
  std::shared_ptr<const installation::Installation> installation_;  ///< the stack's
  std::unique_ptr<sitedb::HistoryWriter> history_;
  std::unique_ptr<stores::CsvTreeWriter> csvTree_;
  reports::CsvFormat csvFormat_;  ///< csvTree_'s separators: a change makes a new writer
  std::unique_ptr<stores::Hdf5TraceWriter> trace_;
  stores::StoreLayout traceLayout_;
  std::unique_ptr<stack::EwsStack> stack_;
  std::unique_ptr<AttachedLines> lines_;
  bool started_ = false;
  int builds_ = 0;
  std::optional<TaskId> snapshotTask_;
  std::uint64_t snapshots_ = 0;
  std::unique_ptr<sitedb::DailyBackup> dailyBackup_;
  std::optional<TaskId> dailyBackupTask_;
  std::thread dailyBackupWorker_;
  std::atomic<bool> dailyBackupRunning_{false};
  std::unique_ptr<ConnectorTask> connector_;
  std::atomic<bool> connectorKept_{false};
  stack::StackCommands commands_{engine_, [this] { return stack_.get(); }};
  std::unique_ptr<delivery::DeliveryService> delivery_;
  std::vector<std::function<void(stack::EwsStack&)>> rebuiltHooks_;
};

}  // namespace ews::run
