#include "ews/sitedb/settings_store.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <optional>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "ews/recording/sample.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/history_writer.hpp"

namespace ews::sitedb {

namespace {
constexpr std::string_view kEventKind = "settings";

std::optional<std::string> storedJson(const Database& db, std::string_view section) {
  Statement row = db.prepare("SELECT json FROM settings WHERE section = ?");
  row.bind(1, section);
  if (!row.step()) return std::nullopt;
  return row.text(0);
}

/// One value as compact JSON (null included, which Var::toString refuses).
std::string render(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

/// The top-level fields whose JSON differs between two clear documents of one section, in the
/// order of `after`. Names only: the values may be secrets or addresses.
std::vector<std::string> changedFields(const std::string& beforeJson, const std::string& afterJson) {
  Poco::JSON::Parser parser;
  const auto before = parser.parse(beforeJson).extract<Poco::JSON::Object::Ptr>();
  parser.reset();
  const auto after = parser.parse(afterJson).extract<Poco::JSON::Object::Ptr>();
  std::vector<std::string> fields;
  std::vector<std::string> names;
  after->getNames(names);
  for (const auto& name : names) {
    if (!before->has(name) || render(before->get(name)) != render(after->get(name))) fields.push_back(name);
  }
  return fields;
}

template <class Section>
bool saveSection(const Database& db, const Section& settings, std::string_view author, Time now) {
  validate(settings);
  const std::string json = toJson(settings, SecretView::Clear);
  Transaction transaction(db);
  const Section before = load<Section>(db);
  if (before == settings && storedJson(db, Section::kSection)) return false;
  const auto fields = changedFields(toJson(before, SecretView::Clear), json);
  db.prepare(
        "INSERT INTO settings(section, json, updated_at_us, author) VALUES(?, ?, ?, ?) "
        "ON CONFLICT(section) DO UPDATE SET json = excluded.json, updated_at_us = excluded.updated_at_us, "
        "author = excluded.author")
      .bind(1, Section::kSection)
      .bind(2, json)
      .bind(3, toMicros(now))
      .bind(4, author)
      .run();
  const std::string detail = fields.empty() ? fmt::format("{} settings saved", Section::kSection)
                                            : fmt::format("{} settings changed: {}", Section::kSection,
                                                          fmt::join(fields, ", "));
  appendEvent(db, recording::Event{now, 0, std::string(kEventKind), detail}, author);
  transaction.commit();
  return true;
}
}  // namespace

template <class Section>
Section load(const Database& db) {
  Section settings;
  const auto json = storedJson(db, Section::kSection);
  if (!json) return settings;
  try {
    applyJson(settings, *json);
  } catch (const FieldError& error) {
    throw DbError(fmt::format("site database {}: stored {} settings: {}", db.path().string(), Section::kSection,
                              error.what()));
  }
  return settings;
}

template <class Section>
std::string loadForApi(const Database& db) {
  return toJson(load<Section>(db), SecretView::Masked);
}

template EmailSettings load<EmailSettings>(const Database&);
template TelegramSettings load<TelegramSettings>(const Database&);
template ReportSettings load<ReportSettings>(const Database&);
template AlertSettings load<AlertSettings>(const Database&);
template ConnectorSettings load<ConnectorSettings>(const Database&);
template std::string loadForApi<EmailSettings>(const Database&);
template std::string loadForApi<TelegramSettings>(const Database&);
template std::string loadForApi<ReportSettings>(const Database&);
template std::string loadForApi<AlertSettings>(const Database&);
template std::string loadForApi<ConnectorSettings>(const Database&);
template NetworkSettings load<NetworkSettings>(const Database&);
template TimeSettings load<TimeSettings>(const Database&);
template FtpSettings load<FtpSettings>(const Database&);
template std::string loadForApi<NetworkSettings>(const Database&);
template std::string loadForApi<TimeSettings>(const Database&);
template std::string loadForApi<FtpSettings>(const Database&);

bool save(const Database& db, const EmailSettings& settings, std::string_view author, Time now) {
  return saveSection(db, settings, author, now);
}
bool save(const Database& db, const TelegramSettings& settings, std::string_view author, Time now) {
  return saveSection(db, settings, author, now);
}
bool save(const Database& db, const ReportSettings& settings, std::string_view author, Time now) {
  return saveSection(db, settings, author, now);
}
bool save(const Database& db, const AlertSettings& settings, std::string_view author, Time now) {
  return saveSection(db, settings, author, now);
}
bool save(const Database& db, const ConnectorSettings& settings, std::string_view author, Time now) {
  return saveSection(db, settings, author, now);
}
bool save(const Database& db, const NetworkSettings& settings, std::string_view author, Time now) {
  return saveSection(db, settings, author, now);
}
bool save(const Database& db, const TimeSettings& settings, std::string_view author, Time now) {
  return saveSection(db, settings, author, now);
}
bool save(const Database& db, const FtpSettings& settings, std::string_view author, Time now) {
  return saveSection(db, settings, author, now);
}

}  // namespace ews::sitedb
