#pragma once
// Everything the request handlers share (docs/web-server.md): the routes, the sessions and the
// login logic, the site database connection (behind a mutex: logins and user changes are rare),
// the engine's snapshot board, the static files.
#include <functional>
#include <memory>
#include <mutex>

#include "api.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/system_info.hpp"
#include "ews/sitedb/users.hpp"
#include "ews/stack/live_snapshot.hpp"
#include "ews/stack/stack_commands.hpp"
#include "ews/web/login_service.hpp"
#include "ews/web/site_control.hpp"
#include "ews/web/web_server.hpp"
#include "history_connections.hpp"
#include "snapshot_texts.hpp"
#include "static_files.hpp"

namespace ews::web::detail {

struct WebState {
  WebState(const WebServerConfig& cfg, const std::filesystem::path& databasePath, const stack::SnapshotBoard& snapshots,
           SiteInfo info, std::function<Time()> wallClock, stack::StackCommands* stackCommands);

  WebServerConfig config;
  SiteInfo site;
  std::function<Time()> clock;
  const stack::SnapshotBoard& board;
  stack::StackCommands* commands;  ///< nullptr: no stack to command (commands answer 503)
  SnapshotTexts snapshotTexts;  ///< the board's latest snapshot as JSON
  StaticFiles files;
  Router router;

  /// The login's own connection (LoginService serialises its use) and the Users page's.
  sitedb::Database loginDb;
  LoginService login;
  std::mutex dbMutex;  ///< guards db and users
  sitedb::Database db;
  sitedb::UserStore users;

  /// The consumption pages' read-only connections (consumption_routes.cpp).
  std::unique_ptr<HistoryConnections> historyConnections;

  std::mutex streamMutex;
  int openStreams = 0;
  std::atomic<bool> stopping{false};

  /// The Web Server configuration pages' way to the site (site_control.hpp); null: the routes
  /// that need it answer 503.
  std::atomic<SiteControl*> control{nullptr};
  /// The login page's language: the site's at start, then the last one saved (manual 7.11.1).
  std::string defaultLanguage() const;
  void setDefaultLanguage(std::string language);
  mutable std::mutex languageMutex;
  /// System information's CPU figures: each view averages since the previous one.
  std::mutex cpuMutex;
  std::optional<sitedb::CpuSampler> cpu;
  /// One backup or restore at a time (each takes the disk for a while).
  std::mutex archiveMutex;
};

/// The routes of the login, home and users pages and of the live values (docs/api.md).
void addSessionRoutes(WebState& state);
void addUserRoutes(WebState& state);
void addLiveRoutes(WebState& state);
/// The consumption pages' routes (docs/api.md, "Consumptions").
void addConsumptionRoutes(WebState& state);
/// The pages' commands to the stack (command_routes.cpp) and the alarms page (alarm_routes.cpp).
void addCommandRoutes(WebState& state);
void addAlarmRoutes(WebState& state);
/// The System configuration pages' routes (config_routes.cpp).
void addConfigRoutes(WebState& state);
/// Web Server configuration (docs/settings.md): the settings pages, system information with
/// Optimize, backup and restore.
void addSettingsRoutes(WebState& state);
void addSystemRoutes(WebState& state);
void addBackupRoutes(WebState& state);
/// The Reports & data download page (report_routes.cpp).
void addReportRoutes(WebState& state);
/// The E-mail, Telegram, Automatic reports and Alert settings pages (notify_routes.cpp).
void addNotifyRoutes(WebState& state);
/// The Connector page and the FTP password of the CSV files (connector_routes.cpp).
void addConnectorRoutes(WebState& state);

/// The user as the API shows it (docs/api.md, `User`).
Poco::JSON::Object::Ptr userJson(const sitedb::UserView& user);

inline constexpr const char* kSessionCookie = "ews_session";
inline constexpr const char* kBrowserCookie = "ews_browser";

}  // namespace ews::web::detail
