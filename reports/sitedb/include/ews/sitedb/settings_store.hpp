#pragma once
// The settings sections (settings.hpp) in the site database: one `settings` row per section,
// its clear JSON form, the time and author of the last change; a section never saved reads as
// its defaults. Each save that changes something writes a "settings" event naming the fields
// that changed, never their values.
#include <string>
#include <string_view>

#include "ews/kernel/time.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/settings.hpp"
#include "ews/sitedb/webserver_settings.hpp"

namespace ews::sitedb {

/// The stored section, its defaults when never saved. Section is one of EmailSettings,
/// TelegramSettings, ReportSettings, AlertSettings, ConnectorSettings. Throws DbError for a
/// stored document this build cannot read.
template <class Section>
Section load(const Database& db);

/// Validates (FieldError, nothing written) and stores the section with an event by `author`.
/// Returns false when the stored section already equals `settings`: nothing is written then.
bool save(const Database& db, const EmailSettings& settings, std::string_view author, Time now);
bool save(const Database& db, const TelegramSettings& settings, std::string_view author, Time now);
bool save(const Database& db, const ReportSettings& settings, std::string_view author, Time now);
bool save(const Database& db, const AlertSettings& settings, std::string_view author, Time now);
bool save(const Database& db, const ConnectorSettings& settings, std::string_view author, Time now);
/// The Web Server's own sections (webserver_settings.hpp): NetworkSettings, TimeSettings, FtpSettings.
bool save(const Database& db, const NetworkSettings& settings, std::string_view author, Time now);
bool save(const Database& db, const TimeSettings& settings, std::string_view author, Time now);
bool save(const Database& db, const FtpSettings& settings, std::string_view author, Time now);

/// The section as the API shows it: toJson(load<Section>(db), SecretView::Masked).
template <class Section>
std::string loadForApi(const Database& db);

}  // namespace ews::sitedb
