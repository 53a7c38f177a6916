#include "site_control.hpp"

#include <fmt/format.h>

#include <future>
#include <memory>

#include "ews/sitedb/backup.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/history_writer.hpp"

namespace ews::cli {

namespace fs = std::filesystem;

std::string variantNumber(installation::Variant variant) {
  switch (variant) {
    case installation::Variant::Ews10: return "10";
    case installation::Variant::Ews32: return "32";
    case installation::Variant::Ews255: break;
  }
  return "255";
}

namespace {
web::EwsSettingsState stateOf(const run::SiteConfig& config) {
  return {config.version, config.scenario->ews, variantNumber(config.scenario->installation.variant)};
}

std::string utcSeconds(Time t) { return formatUtc(t).substr(0, 19) + "Z"; }
}  // namespace

HostedSiteControl::HostedSiteControl(Engine& engine, run::SiteData& data, run::SiteHost& host, bool restartable)
    : engine_(engine), data_(data), host_(host), service_(data), restartable_(restartable), state_(stateOf(data.config())) {}

web::EwsSettingsState HostedSiteControl::ewsSettings() {
  const std::lock_guard lock(mutex_);
  return state_;
}

int HostedSiteControl::changeEwsSettings(const std::string& author, const std::string& summary,
                                         const std::vector<web::SettingEdit>& edits) {
  run::ConfigChange change{author, summary, {}};
  for (const web::SettingEdit& edit : edits) change.edits.push_back({run::ConfigEdit::Op::Set, edit.path, edit.value});
  // Shared with the posted command: a page that gave up waiting leaves it a live promise.
  auto outcome = std::make_shared<std::promise<int>>();
  std::future<int> result = outcome->get_future();
  engine_.post([this, change = std::move(change), outcome] {
    try {
      const run::SiteConfig next = service_.apply(change, engine_.now());
      host_.reconfigure(next);
      {
        const std::lock_guard lock(mutex_);
        state_ = stateOf(next);
      }
      outcome->set_value(next.version);
    } catch (...) {
      outcome->set_exception(std::current_exception());
    }
  });
  if (result.wait_for(kChangeTimeout) != std::future_status::ready) {
    throw std::runtime_error(
        fmt::format("the site did not take the change within {} s (is it stopping?)", kChangeTimeout.count()));
  }
  return result.get();
}

void HostedSiteControl::restoreAndRestart(const fs::path& archive, const std::string& author) {
  if (!restartable_) {
    throw std::runtime_error("this command cannot restart its site: stop the ews and run `ews restore`");
  }
  {
    const std::lock_guard lock(mutex_);
    restore_ = RestoreRequest{archive, author};
  }
  engine_.requestStop();
}

std::optional<RestoreRequest> HostedSiteControl::takeRestoreRequest() {
  const std::lock_guard lock(mutex_);
  return std::exchange(restore_, std::nullopt);
}

std::string restoreRequested(const fs::path& dataDir, const RestoreRequest& request, Time now) {
  std::string line;
  try {
    sitedb::RestoreOptions options;
    options.holder = "ews serve (restore from the pages)";
    const sitedb::RestoreResult result = sitedb::restore(dataDir, request.archive, now, options);
    line = fmt::format("{} restored: {} files, made by ews {} on {}{}{}", sitedb::kBackupArchiveName, result.files,
                       result.manifest.ewsVersion, utcSeconds(result.manifest.createdAt),
                       result.manifest.configVersion
                           ? fmt::format(", configuration version {}", *result.manifest.configVersion)
                           : std::string(),
                       result.previousData.empty()
                           ? std::string()
                           : fmt::format("; previous data kept in {}", result.previousData.filename().string()));
  } catch (const std::exception& error) {
    // Checked before the stop, so only an I/O failure gets here; restore() undid its renames.
    line = fmt::format("{} not restored, the data is as it was: {}", sitedb::kBackupArchiveName, error.what());
  }
  std::error_code ignored;
  fs::remove(request.archive, ignored);
  const sitedb::Database db(dataDir / sitedb::kDatabaseFileName, sitedb::Database::Mode::ReadWrite);
  sitedb::appendEvent(db, recording::Event{now, 0, "restore", line}, request.author);
  return line;
}

}  // namespace ews::cli
