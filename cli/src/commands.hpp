#pragma once
// The `ews` subcommands. Each returns an exit code (exit_codes.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ews/kernel/time.hpp"
#include "web_option.hpp"

namespace ews::cli {

struct ValidateOptions {
  std::string scenarioPath;
};
int runValidate(const ValidateOptions& options);

struct CompareOptions {
  std::string runA;  ///< an output folder, a data folder or a trace.h5
  std::string runB;
  std::optional<double> tolerance;  ///< --tolerance: exit 4 above it (or on instants/columns in one run only)
};
int runCompare(const CompareOptions& options);

struct RunOptions {
  std::string scenarioPath;  ///< with --data: seeds an empty database; may be empty
  /// --data DIR: run from this data folder's configuration, continuing its history (the
  /// simulated time resumes at the last stored sample).
  std::string dataDir;
  std::string outDir;  ///< empty: out/<scenario name>
  std::optional<std::uint64_t> seed;
  std::optional<std::string> duration;  ///< e.g. "2d", overrides run.duration
  std::optional<std::string> clock;     ///< "virtual" | "wall"
  std::optional<double> speed;
  bool quiet = false;
};
int runRun(const RunOptions& options);

struct TwinOptions {
  std::string scenarioPath;
  std::string listen = "127.0.0.1:0";  ///< host:port of the first gateway; port 0: free ports
  std::optional<std::uint64_t> seed;
  std::optional<std::string> duration;
  std::optional<double> speed;
  /// --slave-listen HOST:PORT of the Master/Slave server (ews.modbus.tcpServer ON); empty:
  /// 127.0.0.1:<ews.modbus.tcpServerPort>
  std::string slaveListen;
  /// --data DIR: the twin is also its own EWS on this data folder (the scenario seeds it), with
  /// the pages on web.listen (--web-listen) when given.
  std::string dataDir;
  WebOptions web;
};
int runTwin(const TwinOptions& options);

struct LiveOptions {
  /// The site config: a scenario file (installation, ews settings). With --data: seeds an
  /// empty site database; may be empty when the database holds a configuration.
  std::string scenarioPath;
  /// --data DIR: run from (and keep history in) this data folder (docs/site-database.md).
  std::string dataDir;
  /// The pages (with --data): --web-listen HOST:PORT and the other web options.
  WebOptions web;
  std::string outDir;        ///< empty: out/<scenario name>
  std::string serialDevice;  ///< --serial: the Local gateway's RS485 port; empty: none
  std::vector<std::string> gateways;    ///< --gateway NAME=HOST:PORT overrides
  std::optional<std::string> duration;  ///< empty: until SIGINT / SIGTERM
  double speed = 1.0;  ///< tests and demos against a twin at the same speed; 1 on site
  bool quiet = false;
  /// --slave-listen HOST:PORT of the Master/Slave server (ews.modbus.tcpServer ON); empty:
  /// 0.0.0.0:<ews.modbus.tcpServerPort>, where the masters on the LAN reach it
  std::string slaveListen;
  /// --profiles DIR: the site's own register maps, each replacing the shipped map of the same
  /// file name (docs/register-maps.md, "Site-local maps"); empty: the shipped maps only.
  std::string siteProfiles;
  /// --ftp-listen HOST:PORT (with --data): the read-only FTP access to the CSV tree
  /// (docs/connector.md); empty: none
  std::string ftpListen;
};
int runLive(const LiveOptions& options);
/// `ews live --data DIR` (live_data_command.cpp); `span` is the checked --duration.
int runLiveOnData(const LiveOptions& options, Duration span);

/// `ews scan` (scan_command.cpp): the devices answering on one line, by their identification.
struct ScanOptions {
  std::string gateway;       ///< --gateway HOST:PORT (Modbus TCP, a gateway or a twin)
  std::string serialDevice;  ///< --serial PATH (RTU)
  int baud = 19200;          ///< the EWS's RS485 defaults (8E1, 300 ms)
  std::string parity = "E";
  int stopBits = 1;
  int timeoutMs = 300;
  int retries = 1;
  std::string range = "1-247";
  std::string yamlPath;      ///< --yaml FILE: the units found as a scenario
  std::string gatewayName = "Scanned gateway";
  std::string siteProfiles;  ///< --profiles DIR, as `ews live`
};
int runScan(const ScanOptions& options);

/// Without --duration a live run lasts "forever": ten years keeps the wall clock's deadline
/// arithmetic far from overflow while no site runs that long without a restart.
inline constexpr Duration kUntilStopped = days(3650);

struct ServeOptions {
  std::string scenarioPath;  ///< seeds an empty data folder; may be empty for a seeded one
  std::string dataDir;       ///< empty: out/serve
  std::optional<double> speed;  ///< overrides run.speed
  std::optional<std::string> duration;  ///< empty: until stopped
  WebOptions web;
  std::string ftpListen;  ///< --ftp-listen HOST:PORT: the read-only FTP access; empty: none
};
/// `ews serve`: a simulated site in accelerated wall-clock time with the pages on it.
int runServe(const ServeOptions& options);

struct ConfigExportOptions {
  std::string dataDir;
};
/// `ews config export --data DIR`: the configuration in force as scenario YAML on stdout.
int runConfigExport(const ConfigExportOptions& options);

struct HistoryOptions {
  std::string dataDir;
  std::string series = "total";  ///< total | water | gas | device:ID | load:ID | group:ID
  std::string period;            ///< YYYY-MM-DD (hours), YYYY-MM (days), YYYY (months)
  bool costs = false;            ///< also the cost per tariff
};
/// `ews history --data DIR`: the bars of a consumption page, from the site database.
int runHistory(const HistoryOptions& options);

struct BackupOptions {
  std::string dataDir;
  std::string outPath;  ///< empty: <data>/database.zip
};
/// `ews backup --data DIR` (backup_command.cpp, docs/backup.md).
int runBackup(const BackupOptions& options);

struct NotifyOptions {
  std::string action;   ///< settings, test-mail, test-telegram, poll-telegram
  std::string dataDir;
  std::string section;  ///< settings: email, telegram, reports, alerts
  std::string json;     ///< settings: the fields to change (the API's JSON form); empty: show
  std::string caFile;   ///< extra trusted certificates (PEM) for the servers' TLS
};
/// `ews notify ACTION --data DIR` (notify_command.cpp, docs/delivery.md).
int runNotify(const NotifyOptions& options);

struct RestoreOptions {
  std::string dataDir;
  std::string archivePath;
  bool checkOnly = false;  ///< --check: verify the archive, change nothing
};
/// `ews restore --data DIR FILE` (backup_command.cpp, docs/backup.md).
int runRestore(const RestoreOptions& options);

struct InfoOptions {
  std::string dataDir;
  bool optimize = false;  ///< --optimize first (manual 8.8 "Optimize")
  bool json = false;
};
/// `ews info --data DIR` (info_command.cpp, docs/backup.md): system information (manual 8.8).
int runInfo(const InfoOptions& options);

/// `ews connector ACTION --data DIR` (connector_command.cpp, docs/connector.md).
struct ConnectorOptions {
  std::string action;  ///< send, config, show, forget-host-key
  std::string dataDir;
  std::string json;    ///< config: the settings fields to change, as the API's JSON
  int timeoutSeconds = 20;
};
int runConnector(const ConnectorOptions& options);

/// `ews ftp --data DIR --listen HOST:PORT` (ftp_command.cpp): read-only FTP on the CSV tree.
struct FtpOptions {
  std::string dataDir;
  std::string listen = "0.0.0.0:21";
  std::string certFile;  ///< with keyFile: the certificate of AUTH TLS; empty: the pages' one
  std::string keyFile;
};
int runFtp(const FtpOptions& options);

struct MultiOptions {
  std::string scenarioPath;  ///< the top master's scenario; its `slaves:` name the others
  std::string outDir;        ///< empty: out/<top scenario name>
  std::optional<std::uint64_t> seed;
  std::optional<std::string> duration;
  bool quiet = false;
};
int runMulti(const MultiOptions& options);

struct SweepOptions {
  std::string scenarioPath;
  std::vector<std::string> sets;      ///< --set KEY=V1,V2,... in the order given (the grid's order)
  std::optional<unsigned> jobs;       ///< empty: std::thread::hardware_concurrency()
  std::string outPath;                ///< empty: out/<scenario name>/sweep.csv
  std::optional<std::uint64_t> seed;    ///< overrides run.seed in every combination
  std::optional<std::string> duration;  ///< overrides run.duration in every combination, e.g. "2d"
  std::string engine = "modbus";        ///< modbus | direct | coalesced (kpi_run.hpp, KpiRunMode)
  bool quiet = false;
};
int runSweep(const SweepOptions& options);

/// `ews report download` and `ews report pdf` (docs/reports.md): reportdata.zip and the PDF
/// reports of a data folder, as the Reports & data download pages make them.
struct ReportDownloadOptions {
  std::string dataDir;
  std::string list = "devices";  ///< devices | groups | loads
  std::vector<int> ids;          ///< empty: all of the list
  std::string from;              ///< first local day YYYY-MM-DD
  std::string to;                ///< last local day, included
  std::string step = "15min";    ///< 15min | 1h | 1d
  bool costs = false;
  bool stations = false;         ///< "all" devices include the charging stations
  std::string outPath = "reportdata.zip";
};
int runReportDownload(const ReportDownloadOptions& options);

struct ReportPdfOptions {
  std::string dataDir;
  std::string type = "summary";  ///< summary | detailed
  std::string period;            ///< YYYY-MM (monthly) or YYYY (yearly)
  std::string filter = "all";    ///< detailed: all | group:ID | load:ID
  std::vector<int> devices;      ///< detailed: empty = every device of the filter
  bool stations = false;
  std::string language;          ///< empty: the EWS's language
  std::string outPath;           ///< empty: the report's own file name in the current folder
};
int runReportPdf(const ReportPdfOptions& options);

}  // namespace ews::cli
