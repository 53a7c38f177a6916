// ews: the command line of ews-twin. Subcommands: validate, run, twin, live, sweep, multi (docs/cli.md).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"

int main(int argc, char** argv) {
  using namespace ews::cli;
  CLI::App app{"ews-twin: digital twin of the Energy Web Server 10/32/255"};
  app.set_version_flag("--version", EWS_VERSION);
  app.require_subcommand(1);

  ValidateOptions validate;
  auto* validateCommand = app.add_subcommand("validate", "Check a scenario file and its installation; print every error");
  validateCommand->add_option("scenario", validate.scenarioPath, "Scenario file (YAML)")->required();

  RunOptions run;
  auto* runCommand = app.add_subcommand("run", "Run a scenario (virtual time by default) and write its outputs under --out");
  runCommand->add_option("scenario", run.scenarioPath, "Scenario file (YAML); with --data: seeds an empty site database");
  runCommand->add_option("--data", run.dataDir,
                         "Data folder: run from its site database and add to its history, resuming at its last sample");
  runCommand->add_option("--out,-o", run.outDir, "Output directory (default: out/<scenario name>)");
  runCommand->add_option("--seed", run.seed, "Random seed (overrides run.seed)");
  runCommand->add_option("--duration", run.duration, "Simulated span, e.g. 6h, 2d (overrides run.duration)");
  runCommand->add_option("--clock", run.clock, "virtual (default) or wall")->check(CLI::IsMember({"virtual", "wall"}));
  runCommand->add_option("--speed", run.speed, "Wall clock only: simulated seconds per wall second")
      ->check(CLI::PositiveNumber);
  runCommand->add_flag("--quiet,-q", run.quiet, "No progress bar and no summary on stdout");

  TwinOptions twin;
  auto* twinCommand = app.add_subcommand(
      "twin", "Run a scenario in wall-clock time and serve every simulated gateway over Modbus TCP");
  twinCommand->add_option("scenario", twin.scenarioPath, "Scenario file (YAML); with --data: seeds an empty data folder");
  twinCommand->add_option("--listen", twin.listen,
                          "HOST:PORT of the first gateway; the next gateways take the next ports (port 0: free ports)");
  twinCommand->add_option("--seed", twin.seed, "Random seed (overrides run.seed)");
  twinCommand->add_option("--duration", twin.duration, "Simulated span (overrides run.duration)");
  twinCommand->add_option("--speed", twin.speed, "Simulated seconds per wall second (overrides run.speed)")
      ->check(CLI::PositiveNumber);
  twinCommand->add_option("--slave-listen", twin.slaveListen,
                          "HOST:PORT of the Master/Slave server when ews.modbus.tcpServer is ON (default "
                          "127.0.0.1:<tcpServerPort>; port 0: a free port)");

  LiveOptions live;
  auto* liveCommand = app.add_subcommand(
      "live", "Run the EWS stack in wall-clock time against the site's real gateways and write its outputs under --out");
  liveCommand->add_option("site", live.scenarioPath,
                          "Site config: a scenario file (its installation and ews settings); with --data: seeds an "
                          "empty site database");
  liveCommand->add_option("--data", live.dataDir,
                          "Data folder: site database, CSV tree and trace; a restart resumes from it (docs/site-database.md)");
  liveCommand->add_option("--out,-o", live.outDir, "Output directory (default: out/<scenario name>)");
  liveCommand->add_option("--serial", live.serialDevice, "Serial device of the Local gateway's RS485 line, e.g. /dev/ttyUSB0");
  liveCommand->add_option("--gateway", live.gateways, "NAME=HOST:PORT: poll gateway NAME at this Modbus TCP endpoint (repeatable)");
  liveCommand->add_option("--duration", live.duration, "Stop after this span, e.g. 10min, 1d (default: until Ctrl-C)");
  liveCommand->add_option("--speed", live.speed, "Test/demo only: pace the wall clock at this factor, like the twin it polls")
      ->check(CLI::PositiveNumber);
  liveCommand->add_flag("--quiet,-q", live.quiet, "Only errors on the console");
  liveCommand->add_option("--profiles", live.siteProfiles,
                          "Folder of the site's own register maps (*.yaml), each replacing the shipped map of the same "
                          "name (docs/register-maps.md)")
      ->check(CLI::ExistingDirectory);
  liveCommand->add_option("--slave-listen", live.slaveListen,
                          "HOST:PORT of the Master/Slave server when ews.modbus.tcpServer is ON (default "
                          "0.0.0.0:<tcpServerPort>; port 0: a free port)");

  // The web options of `ews serve` and `ews live` (docs/cli.md).
  const auto addWebOptions = [](CLI::App* command, WebOptions& web) {
    command->add_flag("--plain-http", web.plainHttp,
                      "Serve the pages over plain HTTP (only on a loopback address: tests, a local demo)");
    command->add_option("--redirect-port", web.redirectPort, "A plain HTTP port redirecting to the HTTPS pages (80 on site)")
        ->check(CLI::Range(0, 65535));
    command->add_option("--cert", web.certFile, "The HTTPS certificate (PEM); default: one generated into the data folder");
    command->add_option("--key", web.keyFile, "The certificate's private key (PEM)");
    command->add_option("--web-root", web.webRoot, "The built pages (default: those built with this ews, else installed)");
  };

  ServeOptions serve;
  serve.web.listen = "127.0.0.1:8443";
  auto* serveCommand = app.add_subcommand(
      "serve", "Run a simulated site in accelerated wall-clock time and serve the box's web pages on it");
  serveCommand->add_option("scenario", serve.scenarioPath, "Scenario file (YAML): seeds the data folder");
  serveCommand->add_option("--data", serve.dataDir, "Data folder (default out/serve); a second start continues it");
  serveCommand->add_option("--speed", serve.speed, "Simulated seconds per wall second (overrides run.speed)")
      ->check(CLI::PositiveNumber);
  serveCommand->add_option("--duration", serve.duration, "Stop after this simulated span (default: until Ctrl-C)");
  serveCommand->add_option("--listen", serve.web.listen, "HOST:PORT of the pages (default 127.0.0.1:8443; port 0: a free port)");
  addWebOptions(serveCommand, serve.web);
  liveCommand->add_option("--web-listen", live.web.listen, "With --data: serve the pages on HOST:PORT (443 on site)");
  addWebOptions(liveCommand, live.web);
  twinCommand->add_option("--data", twin.dataDir,
                          "Data folder: the twin is also its own EWS there (history, pages); a second start continues it");
  twinCommand->add_option("--web-listen", twin.web.listen, "With --data: serve the pages on HOST:PORT");
  addWebOptions(twinCommand, twin.web);

  MultiOptions multi;
  auto* multiCommand = app.add_subcommand(
      "multi", "Run a Master/Slave hierarchy (a master and its slaves' scenario files) in one virtual-time engine");
  multiCommand->add_option("scenario", multi.scenarioPath, "The top master's scenario file (YAML), with `slaves:`")
      ->required();
  multiCommand->add_option("--out,-o", multi.outDir, "Output directory (default: out/<top scenario name>)");
  multiCommand->add_option("--seed", multi.seed, "Random seed of the engine (overrides the top's run.seed)");
  multiCommand->add_option("--duration", multi.duration, "Simulated span, e.g. 6h (overrides the top's run.duration)");
  multiCommand->add_flag("--quiet,-q", multi.quiet, "No summary on stdout");

  SweepOptions sweep;
  auto* sweepCommand = app.add_subcommand(
      "sweep", "Run a scenario once per combination of --set values (all cores) and write one KPI table (CSV)");
  sweepCommand->add_option("scenario", sweep.scenarioPath, "Scenario file (YAML)")->required();
  sweepCommand
      ->add_option("--set", sweep.sets,
                   "KEY=V1,V2,...: sweep a scenario key, e.g. dlm.hysteresis=0,5,10 (repeatable; the last varies fastest)")
      ->allow_extra_args(false);  // one KEY=... per --set: the next word is not swallowed
  sweepCommand->add_option("--jobs,-j", sweep.jobs, "Runs at a time (default: the number of cores)")
      ->check(CLI::PositiveNumber);
  sweepCommand->add_option("--out,-o", sweep.outPath, "KPI table (default: out/<scenario name>/sweep.csv)");
  sweepCommand->add_option("--seed", sweep.seed, "Random seed of every run (overrides run.seed)");
  sweepCommand->add_option("--duration", sweep.duration, "Simulated span of every run, e.g. 2d (overrides run.duration)");
  sweepCommand
      ->add_option("--engine", sweep.engine,
                   "modbus: the EWS stack over the simulated lines, as ews run (default); direct: the DLM fed "
                   "from the models every period; coalesced: the same, only when something can change "
                   "(fast; docs/dlm.md)")
      ->check(CLI::IsMember({"modbus", "direct", "coalesced"}));
  sweepCommand->add_flag("--quiet,-q", sweep.quiet, "No progress and no summary");

  ConfigExportOptions configExport;
  auto* configCommand = app.add_subcommand("config", "The configuration kept in a data folder's site database");
  configCommand->require_subcommand(1);
  auto* exportCommand = configCommand->add_subcommand("export", "Print the configuration in force as scenario YAML");
  exportCommand->add_option("--data", configExport.dataDir, "Data folder")->required();

  CompareOptions compareOptions;
  auto* compareCommand =
      app.add_subcommand("compare", "The largest sample-by-sample differences per quantity of two runs' traces");
  compareCommand->add_option("run_a", compareOptions.runA, "Run A: output folder, data folder or trace.h5")->required();
  compareCommand->add_option("run_b", compareOptions.runB, "Run B")->required();
  compareCommand->add_option("--tolerance", compareOptions.tolerance,
                             "Exit 4 when a difference is above this (or instants, columns or values are in one run only)");

  HistoryOptions historyOptions;
  auto* historyCommand =
      app.add_subcommand("history", "Print a consumption page's bars from a data folder's site database");
  historyCommand->add_option("--data", historyOptions.dataDir, "Data folder")->required();
  historyCommand->add_option("--series", historyOptions.series, "total (default), water, gas, device:ID, load:ID, group:ID");
  historyCommand->add_option("--period", historyOptions.period, "YYYY-MM-DD (hours), YYYY-MM (days) or YYYY (months)")
      ->required();

  BackupOptions backupOptions;
  auto* backupCommand = app.add_subcommand(
      "backup", "Write database.zip of a data folder (database copy, CSV tree, manifest) while the ews may run");
  backupCommand->add_option("--data", backupOptions.dataDir, "Data folder")->required();
  backupCommand->add_option("--out,-o", backupOptions.outPath, "Archive to write (default: <data>/database.zip)");

  RestoreOptions restoreOptions;
  auto* restoreCommand = app.add_subcommand(
      "restore", "Check a backup archive completely, then swap it into a data folder (no ews may run on it)");
  restoreCommand->add_option("--data", restoreOptions.dataDir, "Data folder")->required();
  restoreCommand->add_option("archive", restoreOptions.archivePath, "Backup archive (database.zip)")->required();
  restoreCommand->add_flag("--check", restoreOptions.checkOnly, "Only verify the archive; change nothing");

  InfoOptions infoOptions;
  auto* infoCommand = app.add_subcommand("info", "System information of a data folder (version, CPU, database, backups)");
  infoCommand->add_option("--data", infoOptions.dataDir, "Data folder")->required();
  infoCommand->add_flag("--optimize", infoOptions.optimize, "Optimise the database first (ANALYZE, free pages)");
  infoCommand->add_flag("--json", infoOptions.json, "JSON instead of text");

  NotifyOptions notifyOptions;
  auto* notifyCommand = app.add_subcommand(
      "notify", "E-mail, Telegram, automatic reports and alerts of a data folder: settings, tests, new subscribers");
  notifyCommand->add_option("action", notifyOptions.action, "settings | test-mail | test-telegram | poll-telegram")
      ->required()
      ->check(CLI::IsMember({"settings", "test-mail", "test-telegram", "poll-telegram"}));
  notifyCommand->add_option("--data", notifyOptions.dataDir, "Data folder")->required();
  notifyCommand->add_option("--section", notifyOptions.section, "settings: email, telegram, reports or alerts");
  notifyCommand->add_option("--json", notifyOptions.json, "settings: the fields to change, as the API's JSON");
  notifyCommand->add_option("--ca-file", notifyOptions.caFile, "PEM certificates to trust besides the system's");
  ReportDownloadOptions reportDownload;
  ReportPdfOptions reportPdf;
  auto* reportCommand = app.add_subcommand("report", "Reports & data download of a data folder: reportdata.zip, PDF reports");
  reportCommand->require_subcommand(1);
  auto* reportDownloadCommand = reportCommand->add_subcommand(
      "download", "Write reportdata.zip: consumption (and costs) of devices, groups or loads per 15 min, hour or day");
  reportDownloadCommand->add_option("--data", reportDownload.dataDir, "Data folder")->required();
  reportDownloadCommand->add_option("--list", reportDownload.list, "devices (default), groups or loads")
      ->check(CLI::IsMember({"devices", "groups", "loads"}));
  reportDownloadCommand->add_option("--ids", reportDownload.ids, "Ids of the list, comma separated (default: all)")
      ->delimiter(',');
  reportDownloadCommand->add_option("--from", reportDownload.from, "First local day YYYY-MM-DD")->required();
  reportDownloadCommand->add_option("--to", reportDownload.to, "Last local day YYYY-MM-DD (included)")->required();
  reportDownloadCommand->add_option("--step", reportDownload.step, "15min (default), 1h or 1d");
  reportDownloadCommand->add_flag("--costs", reportDownload.costs, "Also the _cost files (per tariff)");
  reportDownloadCommand->add_flag("--stations", reportDownload.stations, "All devices include the charging stations");
  reportDownloadCommand->add_option("--out,-o", reportDownload.outPath, "Archive to write (default reportdata.zip)");
  auto* reportPdfCommand = reportCommand->add_subcommand("pdf", "Write a Summary or Detailed PDF report of a month or year");
  reportPdfCommand->add_option("--data", reportPdf.dataDir, "Data folder")->required();
  reportPdfCommand->add_option("--type", reportPdf.type, "summary (default) or detailed")
      ->check(CLI::IsMember({"summary", "detailed"}));
  reportPdfCommand->add_option("--period", reportPdf.period, "YYYY-MM (monthly) or YYYY (yearly)")->required();
  reportPdfCommand->add_option("--filter", reportPdf.filter, "Detailed: all (default), group:ID or load:ID");
  reportPdfCommand->add_option("--devices", reportPdf.devices, "Detailed: device ids, comma separated (default: all)")
      ->delimiter(',');
  reportPdfCommand->add_flag("--stations", reportPdf.stations, "All devices include the charging stations");
  reportPdfCommand->add_option("--language", reportPdf.language, "One of the pages' languages (default: the EWS's)");
  reportPdfCommand->add_option("--out,-o", reportPdf.outPath, "File to write (default: the report's name, e.g. monthly_report_2026-03.pdf)");
  ConnectorOptions connectorOptions;
  auto* connectorCommand = app.add_subcommand(
      "connector", "The Connector (SFTP/SCP copy of the CSV tree): send now, change or show its settings");
  connectorCommand->add_option("action", connectorOptions.action, "send, config, show or forget-host-key")
      ->required()
      ->check(CLI::IsMember({"send", "config", "show", "forget-host-key"}));
  connectorCommand->add_option("--data", connectorOptions.dataDir, "Data folder")->required();
  connectorCommand->add_option("--json", connectorOptions.json,
                               "config: the fields to change, e.g. '{\"mode\":\"sftp\",\"address\":\"host\"}'");
  connectorCommand->add_option("--timeout", connectorOptions.timeoutSeconds, "send: seconds to wait for the server")
      ->check(CLI::PositiveNumber);

  // The read-only FTP access to the CSV tree beside the site (docs/connector.md).
  liveCommand->add_option("--ftp-listen", live.ftpListen,
                          "With --data: HOST:PORT of the read-only FTP access to the CSV tree (user wsmeasure), e.g. 0.0.0.0:21");
  serveCommand->add_option("--ftp-listen", serve.ftpListen,
                           "HOST:PORT of the read-only FTP access to the CSV tree (user wsmeasure; port 0: a free port)");

  FtpOptions ftpOptions;
  auto* ftpCommand = app.add_subcommand(
      "ftp", "Read-only FTP access (user wsmeasure) to a data folder's CSV tree, until Ctrl-C");
  ftpCommand->add_option("--data", ftpOptions.dataDir, "Data folder")->required();
  ftpCommand->add_option("--listen", ftpOptions.listen, "HOST:PORT (default 0.0.0.0:21; port 0: a free port)");
  ftpCommand->add_option("--cert", ftpOptions.certFile, "PEM certificate for AUTH TLS (default: the pages' one)");
  ftpCommand->add_option("--key", ftpOptions.keyFile, "PEM private key of --cert");

  ScanOptions scan;
  auto* scanCommand = app.add_subcommand(
      "scan", "Find the devices on a Modbus line by their identification registers (address, model, map)");
  scanCommand->add_option("--gateway", scan.gateway, "Modbus TCP endpoint HOST:PORT of a gateway (or of an ews twin)");
  scanCommand->add_option("--serial", scan.serialDevice, "RS485 serial device, e.g. /dev/ttyUSB0");
  scanCommand->add_option("--baud", scan.baud, "Serial speed (default 19200)")->check(CLI::PositiveNumber);
  scanCommand->add_option("--parity", scan.parity, "N, E (default) or O")->check(CLI::IsMember({"N", "E", "O"}));
  scanCommand->add_option("--stop-bits", scan.stopBits, "1 (default) or 2")->check(CLI::IsMember({1, 2}));
  scanCommand->add_option("--timeout", scan.timeoutMs, "Response timeout per request in ms (default 300, the RS485 default)");
  scanCommand->add_option("--retries", scan.retries, "Extra attempts of a silent address (default 1)")
      ->check(CLI::Range(0, 5));
  scanCommand->add_option("--range", scan.range, "Addresses FIRST-LAST (default 1-247)");
  scanCommand->add_option("--yaml", scan.yamlPath, "Write the devices found as a scenario file (ews validate accepts it)");
  scanCommand->add_option("--gateway-name", scan.gatewayName, "The gateway's name in --yaml (default 'Scanned gateway')");
  scanCommand->add_option("--profiles", scan.siteProfiles, "The site's own register maps, as ews live --profiles");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }

  try {
    if (*validateCommand) return runValidate(validate);
    if (*twinCommand) return runTwin(twin);
    if (*liveCommand) return runLive(live);
    if (*sweepCommand) return runSweep(sweep);
    if (*multiCommand) return runMulti(multi);
    if (*configCommand) return runConfigExport(configExport);
    if (*serveCommand) return runServe(serve);
    if (*historyCommand) return runHistory(historyOptions);
    if (*compareCommand) return runCompare(compareOptions);
    if (*backupCommand) return runBackup(backupOptions);
    if (*restoreCommand) return runRestore(restoreOptions);
    if (*infoCommand) return runInfo(infoOptions);
    if (*notifyCommand) return runNotify(notifyOptions);
    if (*reportDownloadCommand) return runReportDownload(reportDownload);
    if (*reportPdfCommand) return runReportPdf(reportPdf);
    if (*ftpCommand) return runFtp(ftpOptions);
    if (*scanCommand) return runScan(scan);
    if (*connectorCommand) {
      if (connectorOptions.action == "config" && connectorOptions.json.empty()) {
        fmt::print(stderr, "ews connector config: --json is required\n");
        return kUsage;
      }
      return runConnector(connectorOptions);
    }
    return runRun(run);
  } catch (const std::exception& e) {
    fmt::print(stderr, "ews: {}\n", e.what());
    return kRuntimeError;
  }
}
