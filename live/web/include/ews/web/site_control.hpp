#pragma once
// What the Web Server configuration pages ask of the site the server runs beside
// (docs/settings.md): the box's settings kept in the configuration (the scenario's `ews:`
// section: Modbus, time zone, CSV separators, default language), changed as a new
// configuration version that the running stack applies, and a restore, for which the site
// stops and starts again on the restored data (docs/backup.md: no ews may run on a folder
// being restored). The web server knows only this interface: the command that composes the
// site and the server implements it (cli/src/site_control.*), as the server is a client of the
// stack and never touches engine state itself.
#include <filesystem>
#include <string>
#include <vector>

#include "ews/scenario/scenario.hpp"

namespace ews::web {

/// The `ews:` settings in force and the configuration version they belong to.
struct EwsSettingsState {
  int version = 0;
  scenario::EwsSettings settings;
  std::string variant;  ///< "10", "32", "255"
};

/// One setting as the scenario loader names it ("ews.csv.decimalSeparator") and its new value
/// as YAML text ("point", "300ms", "true").
struct SettingEdit {
  std::string path;
  std::string value;
};

class SiteControl {
 public:
  virtual ~SiteControl() = default;

  /// Thread-safe.
  virtual EwsSettingsState ewsSettings() = 0;

  /// Thread-safe. Validates `edits` with the loader's rules, stores them as the next
  /// configuration version by `author` and applies it to the running stack; returns the new
  /// version. Throws ValidationError naming each refused field (nothing stored then), or
  /// std::runtime_error when the stack did not take the change in time.
  virtual int changeEwsSettings(const std::string& author, const std::string& summary,
                                const std::vector<SettingEdit>& edits) = 0;

  /// Thread-safe. Asks the site to stop, restore `archive` (already checked completely) into its
  /// data folder, and start again on the restored data; returns at once. The pages' server
  /// restarts with the site, so every session ends. The archive file is the site's from now on
  /// (deleted once restored).
  virtual void restoreAndRestart(const std::filesystem::path& archive, const std::string& author) = 0;
};

}  // namespace ews::web
