#pragma once
// The Web Server configuration pages' SiteControl (ews/web/site_control.hpp) over a site that a
// command runs on its data folder: a change of the `ews:` settings goes through the
// configuration service and SiteHost::reconfigure on the engine's thread (posted, the pages'
// thread waits for the outcome), and a restore stops the engine so that the command can swap the
// archive in while nothing holds the folder and start again on it (restoreRequested).
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "ews/installation/spec.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/run/config_service.hpp"
#include "ews/run/site_data.hpp"
#include "ews/run/site_host.hpp"
#include "ews/web/site_control.hpp"

namespace ews::cli {

/// "10", "32" or "255": the product's number, as the pages name it.
std::string variantNumber(installation::Variant variant);

/// A restore the pages asked for: the checked archive and who asked.
struct RestoreRequest {
  std::filesystem::path archive;
  std::string author;
};

class HostedSiteControl final : public web::SiteControl {
 public:
  /// All must outlive the object. `restartable`: the command restarts on a restore request
  /// (`ews serve`); otherwise a restore is refused and the archive deleted.
  HostedSiteControl(Engine& engine, run::SiteData& data, run::SiteHost& host, bool restartable);

  web::EwsSettingsState ewsSettings() override;
  int changeEwsSettings(const std::string& author, const std::string& summary,
                        const std::vector<web::SettingEdit>& edits) override;
  void restoreAndRestart(const std::filesystem::path& archive, const std::string& author) override;

  /// The restore asked for, once the engine has stopped for it (the command calls it after its run).
  std::optional<RestoreRequest> takeRestoreRequest();

  /// How long a page waits for the engine's thread to take a change.
  static constexpr std::chrono::seconds kChangeTimeout{15};

 private:
  Engine& engine_;
  run::SiteData& data_;
  run::SiteHost& host_;
  run::ConfigService service_;
  bool restartable_;
  std::mutex mutex_;  ///< guards state_ and restore_
  web::EwsSettingsState state_;
  std::optional<RestoreRequest> restore_;
};

/// Restores `request.archive` into the stopped `dataDir` (no process holds it: the command
/// closed its site first), deletes the archive, and writes a "restore" event by the requester
/// into the database the site starts on: the restored one, or the unchanged one when the swap
/// failed. Returns the line for the command's output.
std::string restoreRequested(const std::filesystem::path& dataDir, const RestoreRequest& request, Time now);

}  // namespace ews::cli
