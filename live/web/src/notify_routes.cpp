// The "Email and notification" pages' routes (manual 8.6, docs/api.md, docs/delivery.md): the
// E-mail, Telegram, Automatic reports and Alert settings sections (passwords and the token
// write-only), the Test buttons with the server's answer, each page's log, and the devices a
// Detailed report may name. All under the Web Server configuration right.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <fmt/format.h>

#include <sstream>

#include "ews/delivery/test_messages.hpp"
#include "ews/sitedb/event_query.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/settings_store.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

namespace {
const Right kRight = Right::pageRight(sitedb::Page::WebServerConfiguration);
/// Each page's log: the events its deliveries write (delivery/outbox.hpp).
const std::vector<std::string> kLogKinds = {"email", "telegram", "report", "alert"};
constexpr std::int64_t kLogLines = 50;

Poco::Dynamic::Var parsed(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json);
}

std::string text(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(object, out);
  return out.str();
}

/// The Automatic reports page types recipients as the manual says, "aaa@bbb.xy,ccc@ddd.wz":
/// a text is split at its commas here (a list is taken as it is).
void splitRecipientTexts(const Poco::JSON::Object::Ptr& body) {
  if (!body->isArray("reports")) return;
  const auto reports = body->getArray("reports");
  for (std::size_t i = 0; i < reports->size(); ++i) {
    Poco::JSON::Object::Ptr report = reports->getObject(static_cast<unsigned>(i));
    if (!report || !report->has("recipients") || !report->get("recipients").isString()) continue;
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    std::istringstream in(report->getValue<std::string>("recipients"));
    for (std::string item; std::getline(in, item, ',');) {
      const auto first = item.find_first_not_of(" \t");
      if (first == std::string::npos) continue;
      list->add(item.substr(first, item.find_last_not_of(" \t") - first + 1));
    }
    report->set("recipients", list);
  }
}

template <class Section>
void addSection(WebState& state, const std::string& name) {
  const std::string path = "/api/v1/notify/" + name;
  state.router.add({"GET", path, kRight, [&state](const ApiRequest&, ApiReply& reply) {
                      const std::lock_guard lock(state.dbMutex);
                      reply.setJson(parsed(sitedb::loadForApi<Section>(state.db)));
                    }, {}});
  state.router.add({"PUT", path, kRight, [&state](const ApiRequest& request, ApiReply& reply) {
                      const auto body = request.json();
                      splitRecipientTexts(body);
                      const std::lock_guard lock(state.dbMutex);
                      try {
                        Section section = sitedb::load<Section>(state.db);
                        sitedb::applyJson(section, text(body));
                        sitedb::save(state.db, section, request.session->user, state.clock());
                      } catch (const sitedb::FieldError& error) {
                        throw ApiError(422, "invalid", error.reason(), error.field());
                      }
                      reply.setJson(parsed(sitedb::loadForApi<Section>(state.db)));
                    }, {}});
}

Poco::JSON::Object::Ptr outcomeJson(const delivery::SendOutcome& outcome) {
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
  json->set("ok", outcome.ok);
  json->set("answer", outcome.answer);
  return json;
}
}  // namespace

void addNotifyRoutes(WebState& state) {
  addSection<sitedb::EmailSettings>(state, "email");
  addSection<sitedb::TelegramSettings>(state, "telegram");
  addSection<sitedb::ReportSettings>(state, "reports");
  addSection<sitedb::AlertSettings>(state, "alerts");

  // The Test buttons wait for the server's answer (bounded by the senders' timeouts) with the
  // settings as saved (the page saves first), on a connection of their own: a slow server
  // must not hold the pages' shared connection.
  state.router.add({"POST", "/api/v1/notify/email/test", kRight, [&state](const ApiRequest& request, ApiReply& reply) {
                      const sitedb::Database db(state.db.path(), sitedb::Database::Mode::ReadWrite);
                      reply.setJson(
                          outcomeJson(delivery::sendTestMail(db, state.clock(), request.session->user, state.site.name)));
                    }, {}});
  state.router.add({"POST", "/api/v1/notify/telegram/test", kRight, [&state](const ApiRequest& request, ApiReply& reply) {
                      const sitedb::Database db(state.db.path(), sitedb::Database::Mode::ReadWrite);
                      reply.setJson(
                          outcomeJson(delivery::sendTestTelegram(db, state.clock(), request.session->user, state.site.name)));
                    }, {}});

  state.router.add({"GET", "/api/v1/notify/log/{kind}", kRight, [&state](const ApiRequest& request, ApiReply& reply) {
                      const std::string& kind = request.params.at("kind");
                      if (std::find(kLogKinds.begin(), kLogKinds.end(), kind) == kLogKinds.end()) {
                        throw ApiError(404, "not-found", fmt::format("no log '{}'", kind));
                      }
                      sitedb::EventFilter filter;
                      filter.kind = kind;
                      sitedb::EventCounts counts;
                      Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
                      const std::lock_guard lock(state.dbMutex);
                      for (const auto& stored : sitedb::readEventPage(state.db, filter, 0, kLogLines, counts).events) {
                        Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
                        row->set("at", formatUtc(stored.event.at));
                        row->set("device", stored.event.deviceId);
                        row->set("detail", stored.event.detail);
                        row->set("author", stored.author);
                        rows->add(row);
                      }
                      reply.setJson(rows);
                    }, {}});

  // The devices section A of the Automatic reports page lists (names: what a report keeps).
  state.router.add({"GET", "/api/v1/notify/devices", kRight, [&state](const ApiRequest&, ApiReply& reply) {
                      Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
                      if (const auto snapshot = state.board.latest()) {
                        for (const auto& device : snapshot->devices) {
                          Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
                          row->set("id", device.id);
                          row->set("name", device.name);
                          row->set("family", device.family);
                          row->set("address", device.addressLabel);
                          Poco::JSON::Array::Ptr groups = new Poco::JSON::Array;
                          for (const auto& group : device.groups) groups->add(group);
                          row->set("groups", groups);
                          rows->add(row);
                        }
                      }
                      reply.setJson(rows);
                    }, {}});
}

}  // namespace ews::web::detail
