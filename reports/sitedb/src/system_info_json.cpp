// The System information page's figures as one JSON object (`ews info --json`, the page's API
// route): snake_case fields, times as UTC seconds ("2026-12-07T13:18:40Z"), absent values left
// out (docs/backup.md).
#include "ews/reports/json_writer.hpp"
#include "ews/sitedb/system_info.hpp"

namespace ews::sitedb {

namespace {
std::string utcSeconds(Time t) { return formatUtc(t).substr(0, 19) + "Z"; }
}  // namespace

std::string systemInfoJson(const SystemInfo& info) {
  reports::JsonWriter json;
  json.beginObject().value("software_version", info.softwareVersion);
  if (info.lastRestart) json.value("last_restart", utcSeconds(*info.lastRestart));
  if (info.runningPid) json.value("ews_pid", std::int64_t{*info.runningPid});
  if (info.cpu.processPercent) json.number("process_cpu_percent", *info.cpu.processPercent, 1);
  if (info.cpu.machinePercent) json.number("machine_cpu_percent", *info.cpu.machinePercent, 1);
  json.number("cpu_interval_s", toSeconds(info.cpu.interval), 3)
      .value("database_bytes", info.databaseBytes)
      .value("wal_bytes", info.walBytes)
      .value("free_bytes", info.freeBytes)
      .value("filesystem_bytes", info.filesystemBytes);
  json.beginObject("automatic_backup");
  if (info.autoBackup.attemptedAt) {
    json.value("at", utcSeconds(*info.autoBackup.attemptedAt))
        .value("status", info.autoBackup.ok ? "ok" : "error")
        .value("message", info.autoBackup.message);
    if (info.autoBackup.succeededAt) json.value("last_ok", utcSeconds(*info.autoBackup.succeededAt));
  } else {
    json.value("status", "never");
  }
  json.endObject();
  if (info.lastUserBackup) json.value("user_backup_at", utcSeconds(*info.lastUserBackup));
  const auto& health = info.health;
  json.beginObject("health")
      .value("optimize_advised", health.optimizeAdvised)
      .value("advice", health.advice)
      .value("page_size_bytes", health.pageSizeBytes)
      .value("pages", health.pageCount)
      .value("free_pages", health.freelistCount)
      .number("free_percent", health.freePercent, 1)
      .value("analysed", health.analysed)
      .value("auto_vacuum", health.autoVacuum);
  if (health.lastOptimize) json.value("last_optimize", utcSeconds(*health.lastOptimize));
  json.endObject().endObject();
  return json.str();
}

}  // namespace ews::sitedb
