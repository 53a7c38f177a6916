#include "ews/sitedb/config_store.hpp"

#include <fmt/format.h>

#include "ews/sitedb/history_writer.hpp"

namespace ews::sitedb {

std::optional<ConfigVersion> latestConfig(const Database& db) {
  Statement row = db.prepare(
      "SELECT version, saved_at_us, author, summary, scenario FROM config_versions ORDER BY version DESC LIMIT 1");
  if (!row.step()) return std::nullopt;
  return ConfigVersion{static_cast<int>(row.int64(0)), timeFromMicros(row.int64(1)), row.text(2), row.text(3), row.text(4)};
}

std::vector<ConfigVersion> configHistory(const Database& db) {
  Statement rows = db.prepare("SELECT version, saved_at_us, author, summary FROM config_versions ORDER BY version");
  std::vector<ConfigVersion> versions;
  while (rows.step()) {
    versions.push_back({static_cast<int>(rows.int64(0)), timeFromMicros(rows.int64(1)), rows.text(2), rows.text(3), {}});
  }
  return versions;
}

int saveConfig(const Database& db, const std::string& scenarioYaml, const std::string& author,
               const std::string& summary, Time savedAt) {
  Transaction transaction(db);
  const int version = static_cast<int>(db.queryInt("SELECT MAX(version) FROM config_versions").value_or(0)) + 1;
  Statement insert =
      db.prepare("INSERT INTO config_versions(version, saved_at_us, author, summary, scenario) VALUES(?, ?, ?, ?, ?)");
  insert.bind(1, version).bind(2, toMicros(savedAt)).bind(3, author).bind(4, summary).bind(5, scenarioYaml).run();
  appendEvent(db, recording::Event{savedAt, 0, "config", fmt::format("configuration version {}: {}", version, summary)},
              author);
  transaction.commit();
  return version;
}

}  // namespace ews::sitedb
