// The Web Server settings pages' routes (manual 7.7-7.9, 7.11.1, 8.4.1; docs/settings.md):
// network, Modbus (EWS 10/32), date and time, default language, CSV and the FTP password.
// Settings the site database keeps (network, NTP, FTP password) are saved there; the ones that
// are part of the configuration (Modbus, time zone, separators, language) go through the
// SiteControl as a new configuration version the running stack applies. Every value is checked
// before anything is stored; a refusal is 422 naming the field as "<page>.<member>".
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include <array>
#include <set>
#include <span>

#include "ews/kernel/diagnostic.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/settings_store.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

namespace {
using Poco::Dynamic::Var;
using Poco::JSON::Object;

/// A member of a page's body that is a setting of the configuration, and its loader path.
struct ConfigField {
  enum class Type { Integer, Text, Boolean, Milliseconds };
  std::string_view member;  ///< "decimal_separator"
  std::string_view path;    ///< "ews.csv.decimalSeparator"
  Type type;
};

constexpr std::array<ConfigField, 6> kModbusFields{{
    {"baud", "ews.modbus.baud", ConfigField::Type::Integer},
    {"parity", "ews.modbus.parity", ConfigField::Type::Text},
    {"stop_bits", "ews.modbus.stopBits", ConfigField::Type::Integer},
    {"timeout_ms", "ews.modbus.timeout", ConfigField::Type::Milliseconds},
    {"tcp_server", "ews.modbus.tcpServer", ConfigField::Type::Boolean},
    {"tcp_server_port", "ews.modbus.tcpServerPort", ConfigField::Type::Integer},
}};
constexpr std::array<ConfigField, 2> kCsvFields{{
    {"decimal_separator", "ews.csv.decimalSeparator", ConfigField::Type::Text},
    {"field_separator", "ews.csv.fieldSeparator", ConfigField::Type::Text},
}};
constexpr std::array<ConfigField, 1> kTimeFields{{{"timezone", "ews.timezone", ConfigField::Type::Text}}};
constexpr std::array<ConfigField, 1> kLanguageFields{{{"language", "ews.language", ConfigField::Type::Text}}};

std::string apiField(std::string_view page, std::string_view member) { return fmt::format("{}.{}", page, member); }

ApiError invalid(std::string_view page, std::string_view member, const std::string& reason) {
  return ApiError(422, "invalid", fmt::format("{}: {}", apiField(page, member), reason), apiField(page, member));
}

/// A JSON string as a YAML double-quoted scalar: the loader reads exactly the text sent, never
/// a flow map or an alias a crafted value could spell.
std::string yamlQuoted(const std::string& text, std::string_view page, std::string_view member) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) throw invalid(page, member, "must not contain control characters");
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

/// The YAML text of one member's value, its JSON type checked.
std::string yamlValue(const Var& value, const ConfigField& field, std::string_view page) {
  switch (field.type) {
    case ConfigField::Type::Integer:
    case ConfigField::Type::Milliseconds:
      if (!value.isInteger() || value.isBoolean()) throw invalid(page, field.member, "must be an integer");
      return field.type == ConfigField::Type::Milliseconds ? fmt::format("{}ms", value.convert<std::int64_t>())
                                                           : std::to_string(value.convert<std::int64_t>());
    case ConfigField::Type::Boolean:
      if (!value.isBoolean()) throw invalid(page, field.member, "must be true or false");
      return value.extract<bool>() ? "true" : "false";
    case ConfigField::Type::Text:
      break;
  }
  if (!value.isString()) throw invalid(page, field.member, "must be a string");
  return yamlQuoted(value.extract<std::string>(), page, field.member);
}

/// The body's members among `fields` as edits of the configuration; `taken` collects them.
std::vector<SettingEdit> configEdits(const Object::Ptr& body, std::span<const ConfigField> fields,
                                     std::string_view page, std::set<std::string>& taken) {
  std::vector<SettingEdit> edits;
  for (const ConfigField& field : fields) {
    const std::string member(field.member);
    if (!body->has(member)) continue;
    taken.insert(member);
    edits.push_back({std::string(field.path), yamlValue(body->get(member), field, page)});
  }
  return edits;
}

/// Every member of the body is one the page knows (`known`) or one `taken` already.
void refuseUnknownMembers(const Object::Ptr& body, std::string_view page, const std::set<std::string>& known) {
  std::vector<std::string> names;
  body->getNames(names);
  for (const std::string& name : names) {
    if (!known.contains(name)) throw invalid(page, name, "unknown field");
  }
}

SiteControl& controlOf(WebState& state) {
  SiteControl* control = state.control.load();
  if (control == nullptr) {
    throw ApiError(503, "unavailable", "these settings are part of the configuration: this server runs without a site");
  }
  return *control;
}

/// Stores `edits` as a new configuration version; the loader's refusal becomes a 422 naming
/// the page's member of the first refused field.
int applyConfigEdits(WebState& state, const ApiRequest& request, std::span<const ConfigField> fields,
                     std::string_view page, const std::vector<SettingEdit>& edits) {
  if (edits.empty()) return controlOf(state).ewsSettings().version;
  std::vector<std::string> names;
  for (const SettingEdit& edit : edits) names.push_back(edit.path);
  try {
    return controlOf(state).changeEwsSettings(request.session->user,
                                              fmt::format("{} settings: {}", page, fmt::join(names, ", ")), edits);
  } catch (const ValidationError& error) {
    for (const Diagnostic& diagnostic : error.diagnostics()) {
      for (const ConfigField& field : fields) {
        if (diagnostic.field == field.path) throw invalid(page, field.member, diagnostic.reason);
      }
    }
    const Diagnostic& first = error.diagnostics().front();
    throw ApiError(422, "invalid", fmt::format("{}: {}", first.field, first.reason), first.field);
  } catch (const ApiError&) {
    throw;
  } catch (const std::runtime_error& error) {
    throw ApiError(503, "unavailable", error.what());  // the stack did not take it in time
  }
}

/// A section of the site database, read, changed by the body's members and validated;
/// FieldError becomes 422 naming the page's member ("ftp.password" on the CSV page is
/// "csv.password"). Nothing is stored here.
template <class Section>
Section changedSection(WebState& state, const std::string& json, std::string_view page) {
  try {
    Section section;
    {
      const std::lock_guard lock(state.dbMutex);
      section = sitedb::load<Section>(state.db);
    }
    sitedb::applyJson(section, json);
    sitedb::validate(section);
    return section;
  } catch (const sitedb::FieldError& error) {
    const std::string& field = error.field();
    const std::size_t dot = field.find('.');
    const std::string member = dot == std::string::npos ? field : field.substr(dot + 1);
    throw invalid(page, member, error.reason());
  }
}

template <class Section>
void saveSection(WebState& state, const Section& section, const ApiRequest& request) {
  const std::lock_guard lock(state.dbMutex);
  sitedb::save(state.db, section, request.session->user, state.clock());
}

/// The members of `body` named in `members`, as a JSON object text (a section's applyJson).
std::string sectionJson(const Object::Ptr& body, std::initializer_list<std::string_view> members,
                        std::set<std::string>& taken) {
  Object::Ptr part = new Object;
  for (const std::string_view member : members) {
    const std::string name(member);
    if (!body->has(name)) continue;
    taken.insert(name);
    part->set(name, body->get(name));
  }
  std::ostringstream out;
  part->stringify(out);
  return out.str();
}

Object::Ptr parsed(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json).extract<Object::Ptr>();
}

std::string_view decimalName(char separator) { return separator == '.' ? "point" : "comma"; }
std::string_view fieldName(char separator) { return separator == ',' ? "comma" : "semicolon"; }
std::string_view parityName(scenario::Parity parity) {
  switch (parity) {
    case scenario::Parity::None: return "none";
    case scenario::Parity::Odd: return "odd";
    case scenario::Parity::Even: break;
  }
  return "even";
}

void requireModbusVariant(const EwsSettingsState& state) {
  if (state.variant == "255") {
    throw ApiError(404, "not-found", "Modbus settings are only on the EWS 10 and 32 (manual 7.8): the 255 has no RS485 port");
  }
}

Object::Ptr modbusJson(const EwsSettingsState& state) {
  const scenario::ModbusSettings& modbus = state.settings.modbus;
  Object::Ptr json = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("baud", modbus.baud);
  json->set("parity", std::string(parityName(modbus.parity)));
  json->set("stop_bits", modbus.stopBits);
  json->set("timeout_ms", toMicros(modbus.timeout) / 1000);
  json->set("tcp_server", modbus.tcpServer);
  json->set("tcp_server_port", modbus.tcpServerPort);
  json->set("version", state.version);
  return json;
}

Object::Ptr csvJson(WebState& state, const EwsSettingsState& settings) {
  Object::Ptr json = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("decimal_separator", std::string(decimalName(settings.settings.csvDecimalSeparator)));
  json->set("field_separator", std::string(fieldName(settings.settings.csvFieldSeparator)));
  const std::lock_guard lock(state.dbMutex);
  const Object::Ptr ftp = parsed(sitedb::loadForApi<sitedb::FtpSettings>(state.db));
  json->set("ftp_user", ftp->get("user"));
  json->set("password_set", ftp->get("password_set"));
  json->set("password_default", ftp->get("password_default"));
  json->set("version", settings.version);
  return json;
}

Object::Ptr timeJson(WebState& state, const EwsSettingsState& settings) {
  Object::Ptr json = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("timezone", settings.settings.timezone);
  {
    const std::lock_guard lock(state.dbMutex);
    const Object::Ptr time = parsed(sitedb::loadForApi<sitedb::TimeSettings>(state.db));
    json->set("automatic", time->get("automatic"));
    json->set("ntp_server", time->get("ntp_server"));
    json->set("manual_date_time", time->get("manual_date_time"));
    json->set("manual_set_at", time->get("manual_set_at"));
  }
  json->set("now", formatUtc(state.clock()));
  json->set("running_timezone", state.site.timeZone);
  json->set("version", settings.version);
  return json;
}

Object::Ptr languageJson(WebState& state, const EwsSettingsState& settings) {
  Object::Ptr json = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("language", settings.settings.language);
  json->set("login_language", state.defaultLanguage());
  json->set("version", settings.version);
  return json;
}

}  // namespace

void addSettingsRoutes(WebState& state) {
  const Right right = Right::pageRight(sitedb::Page::WebServerConfiguration);

  state.router.add({"GET", "/api/v1/settings/network", right, [&state](const ApiRequest&, ApiReply& reply) {
                      const std::lock_guard lock(state.dbMutex);
                      reply.setJson(parsed(sitedb::loadForApi<sitedb::NetworkSettings>(state.db)));
                    }, {}});
  state.router.add({"PUT", "/api/v1/settings/network", right, [&state](const ApiRequest& request, ApiReply& reply) {
                      request.json();  // 400 unless an object
                      // The whole body is the section: its own reader names an unknown member.
                      const auto section = changedSection<sitedb::NetworkSettings>(state, request.body, "network");
                      saveSection(state, section, request);
                      reply.setJson(parsed(sitedb::toJson(section, sitedb::SecretView::Masked)));
                    }, {}});

  state.router.add({"GET", "/api/v1/settings/modbus", right, [&state](const ApiRequest&, ApiReply& reply) {
                      const EwsSettingsState settings = controlOf(state).ewsSettings();
                      requireModbusVariant(settings);
                      reply.setJson(modbusJson(settings));
                    }, {}});
  state.router.add({"PUT", "/api/v1/settings/modbus", right, [&state](const ApiRequest& request, ApiReply& reply) {
                      requireModbusVariant(controlOf(state).ewsSettings());
                      const auto body = request.json();
                      std::set<std::string> taken;
                      const auto edits = configEdits(body, kModbusFields, "modbus", taken);
                      refuseUnknownMembers(body, "modbus", taken);
                      applyConfigEdits(state, request, kModbusFields, "modbus", edits);
                      reply.setJson(modbusJson(controlOf(state).ewsSettings()));
                    }, {}});

  state.router.add({"GET", "/api/v1/settings/time", right, [&state](const ApiRequest&, ApiReply& reply) {
                      reply.setJson(timeJson(state, controlOf(state).ewsSettings()));
                    }, {}});
  state.router.add({"PUT", "/api/v1/settings/time", right, [&state](const ApiRequest& request, ApiReply& reply) {
                      const auto body = request.json();
                      std::set<std::string> taken;
                      const auto edits = configEdits(body, kTimeFields, "time", taken);
                      const std::string ntp = sectionJson(body, {"automatic", "ntp_server", "manual_date_time"}, taken);
                      refuseUnknownMembers(body, "time", taken);
                      // Both parts checked before either is stored.
                      auto section = changedSection<sitedb::TimeSettings>(state, ntp, "time");
                      // A date and time entered by hand is recorded with the box's clock at that
                      // moment: the page shows both (the twin's clock itself never jumps).
                      if (taken.contains("manual_date_time")) {
                        section.manualSetAt = section.manualDateTime.empty() ? "" : formatUtc(state.clock());
                      }
                      applyConfigEdits(state, request, kTimeFields, "time", edits);
                      saveSection(state, section, request);
                      reply.setJson(timeJson(state, controlOf(state).ewsSettings()));
                    }, {}});

  state.router.add({"GET", "/api/v1/settings/language", right, [&state](const ApiRequest&, ApiReply& reply) {
                      reply.setJson(languageJson(state, controlOf(state).ewsSettings()));
                    }, {}});
  state.router.add({"PUT", "/api/v1/settings/language", right, [&state](const ApiRequest& request, ApiReply& reply) {
                      const auto body = request.json();
                      std::set<std::string> taken;
                      const auto edits = configEdits(body, kLanguageFields, "language", taken);
                      refuseUnknownMembers(body, "language", taken);
                      applyConfigEdits(state, request, kLanguageFields, "language", edits);
                      const EwsSettingsState settings = controlOf(state).ewsSettings();
                      // The login page offers it from now on (manual 7.11.1: "at the next login").
                      state.setDefaultLanguage(settings.settings.language);
                      reply.setJson(languageJson(state, settings));
                    }, {}});

  state.router.add({"GET", "/api/v1/settings/csv", right, [&state](const ApiRequest&, ApiReply& reply) {
                      reply.setJson(csvJson(state, controlOf(state).ewsSettings()));
                    }, {}});
  state.router.add({"PUT", "/api/v1/settings/csv", right, [&state](const ApiRequest& request, ApiReply& reply) {
                      const auto body = request.json();
                      std::set<std::string> taken;
                      const auto edits = configEdits(body, kCsvFields, "csv", taken);
                      // The FTP password is write-only: it reaches the database, never an answer or a log.
                      const std::string ftp = sectionJson(body, {"password"}, taken);
                      refuseUnknownMembers(body, "csv", taken);
                      const auto section = changedSection<sitedb::FtpSettings>(state, ftp, "csv");
                      applyConfigEdits(state, request, kCsvFields, "csv", edits);
                      if (taken.contains("password")) saveSection(state, section, request);
                      reply.setJson(csvJson(state, controlOf(state).ewsSettings()));
                    }, {}});
}

}  // namespace ews::web::detail
