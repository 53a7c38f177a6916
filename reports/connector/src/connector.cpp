#include "ews/connector/connector.hpp"

#include <fmt/format.h>

#include <chrono>

#include "ews/connector/destination.hpp"
#include "ews/sitedb/history_writer.hpp"
#include "ews/sitedb/known_hosts.hpp"
#include "ews/sitedb/settings_store.hpp"

namespace ews::connector {

namespace fs = std::filesystem;

namespace {
using Mode = sitedb::ConnectorSettings::Mode;

void log(const sitedb::Database& db, Time now, const std::string& text, std::string_view author) {
  sitedb::appendEvent(db, recording::Event{now, 0, std::string(kEventKind), text}, author);
}

std::string_view modeName(Mode mode) { return mode == Mode::Sftp ? "SFTP" : "SCP"; }

std::string sizeText(std::uint64_t bytes) {
  if (bytes < 10 * 1024) return fmt::format("{} bytes", bytes);
  if (bytes < 10 * 1024 * 1024) return fmt::format("{} KiB", bytes / 1024);
  return fmt::format("{} MiB", bytes / (1024 * 1024));
}
}  // namespace

SendOutcome sendCsvTree(const sitedb::Database& db, const fs::path& dataDir, Time now, const TimeZone& zone,
                        const SendRequest& request) {
  SendOutcome outcome;
  sitedb::ConnectorSettings settings;
  try {
    settings = sitedb::load<sitedb::ConnectorSettings>(db);
  } catch (const std::exception& error) {
    outcome.message = fmt::format("connector settings unreadable: {}", error.what());
    log(db, now, outcome.message, request.author);
    return outcome;
  }
  if (settings.mode == Mode::Off) {
    outcome.status = SendOutcome::Status::Off;
    outcome.message = fmt::format("{}: the connector is OFF, nothing sent", request.trigger);
    log(db, now, outcome.message, request.author);
    return outcome;
  }
  const std::string destination = expandDestination(settings.destination, zone.toLocal(now));
  const std::string where =
      fmt::format("{} to {}@{}:{} '{}'", modeName(settings.mode), settings.username, settings.address,
                  settings.effectivePort(), destination);
  log(db, now, fmt::format("{}: {} started", request.trigger, where), request.author);
  const auto started = std::chrono::steady_clock::now();
  try {
    const auto known = sitedb::knownHostKey(db, settings.address, settings.effectivePort());
    SshLink link(settings, known, [&](const sitedb::HostKey& seen) {
      sitedb::recordHostKey(db, settings.address, settings.effectivePort(), seen);
      log(db, now, fmt::format("host key of {}:{} recorded on first use: {} {}", settings.address,
                               settings.effectivePort(), seen.type, seen.fingerprint), request.author);
    }, request.timeout);
    const auto files = filesToSend(dataDir / "csv", settings.sourceFolders);
    outcome.summary = settings.mode == Mode::Sftp ? syncSftp(link, files, destination)
                                                  : sendScpZip(link, files, destination, dataDir);
    const double tookSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    outcome.status = SendOutcome::Status::Sent;
    outcome.message =
        settings.mode == Mode::Sftp
            ? fmt::format("{}: {} completed: {} files sent ({}), {} unchanged, in {:.1f} s", request.trigger, where,
                          outcome.summary.filesSent, sizeText(outcome.summary.bytesSent),
                          outcome.summary.filesUnchanged, tookSeconds)
            : fmt::format("{}: {} completed: {} files in {} ({}), in {:.1f} s", request.trigger, where,
                          outcome.summary.filesSent, outcome.summary.remotePath, sizeText(outcome.summary.bytesSent),
                          tookSeconds);
  } catch (const TransferError& error) {
    outcome.failure = error.kind();
    outcome.message = fmt::format("{}: {} failed: {}", request.trigger, where, error.what());
  } catch (const std::exception& error) {  // the box's side: a file system error while listing
    outcome.failure = TransferError::Kind::Remote;
    outcome.message = fmt::format("{}: {} failed: {}", request.trigger, where, error.what());
  }
  log(db, now, outcome.message, request.author);
  return outcome;
}

}  // namespace ews::connector
