// `ews connector send|config|show|forget-host-key --data DIR` (docs/cli.md, docs/connector.md):
// the Connector page's actions from the command line, on the data folder's site database. They
// may run beside the folder's ews (the database is shared through SQLite's WAL; the CSV tree
// is only read).
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "commands.hpp"
#include "data_folder.hpp"
#include "exit_codes.hpp"
#include "ews/connector/connector.hpp"
#include "ews/run/site_config.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/known_hosts.hpp"
#include "ews/sitedb/settings_store.hpp"

namespace ews::cli {

namespace {
Time wallNow() { return std::chrono::floor<Duration>(std::chrono::system_clock::now()); }

constexpr std::string_view kCommand = "ews connector";
constexpr std::string_view kAuthor = "command line";

int send(const ConnectorOptions& options, const sitedb::Database& db, const TimeZone& zone) {
  connector::SendRequest request;
  request.trigger = "send now";
  request.author = std::string(kAuthor);
  request.timeout = seconds(options.timeoutSeconds);
  const auto outcome = connector::sendCsvTree(db, options.dataDir, wallNow(), zone, request);
  if (outcome.status == connector::SendOutcome::Status::Sent) {
    fmt::print("{}\n", outcome.message);
    return kOk;
  }
  fmt::print(stderr, "{}: {}\n", kCommand, outcome.message);
  return outcome.status == connector::SendOutcome::Status::Off ? kInvalidInput : kRuntimeError;
}

int configure(const ConnectorOptions& options, const sitedb::Database& db) {
  auto settings = sitedb::load<sitedb::ConnectorSettings>(db);
  try {
    sitedb::applyJson(settings, options.json);
    const bool changed = sitedb::save(db, settings, kAuthor, wallNow());
    fmt::print("{}\n", changed ? "connector settings saved" : "connector settings unchanged");
    fmt::print("{}\n", sitedb::loadForApi<sitedb::ConnectorSettings>(db));
    return kOk;
  } catch (const sitedb::FieldError& error) {
    fmt::print(stderr, "{}: {}\nnothing was changed\n", kCommand, error.what());
    return kInvalidInput;
  }
}
}  // namespace

int runConnector(const ConnectorOptions& options) {
  // Read first: a folder without a database or configuration is named before anything opens it
  // read-write (which would create a database).
  const auto stored = readStoredSite(kCommand, options.dataDir);
  if (!stored) return kInvalidInput;
  const run::SiteConfig site = run::parseSiteConfig(stored->config.scenarioYaml, options.dataDir, stored->config.version);
  const TimeZone zone(site.scenario->ews.timezone);
  const sitedb::Database db(std::filesystem::path(options.dataDir) / run::SiteData::kDatabaseFile,
                            sitedb::Database::Mode::ReadWrite);
  if (options.action == "send") return send(options, db, zone);
  if (options.action == "config") return configure(options, db);
  if (options.action == "show") {
    fmt::print("{}\n", sitedb::loadForApi<sitedb::ConnectorSettings>(db));
    return kOk;
  }
  // forget-host-key
  const auto settings = sitedb::load<sitedb::ConnectorSettings>(db);
  const bool known = sitedb::forgetHostKey(db, settings.address, settings.effectivePort());
  fmt::print("{}:{}: {}\n", settings.address, settings.effectivePort(),
             known ? "host key forgotten; the next connection trusts the key it sees" : "no host key was recorded");
  return kOk;
}

}  // namespace ews::cli
