// The Connector page (manual 7.12, docs/api.md "Connector") and the FTP password of the CSV
// files (8.4.2): settings read and saved through the site database (secrets write-only),
// "Send now" handed to the site's connector task, the log (the "connector" events), and
// forgetting a server's recorded host key.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include <memory>

#include "ews/kernel/calendar.hpp"
#include "ews/sitedb/event_query.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/history_writer.hpp"
#include "ews/sitedb/known_hosts.hpp"
#include "ews/sitedb/settings_store.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

namespace {
constexpr std::int64_t kLogLines = 100;  ///< the Log page shows the last ones
constexpr std::string_view kConnectorEvents = "connector";

Poco::JSON::Object::Ptr parse(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

/// The settings as the page shows them, with the host key recorded for their server.
Poco::JSON::Object::Ptr connectorJson(const sitedb::Database& db) {
  const auto settings = sitedb::load<sitedb::ConnectorSettings>(db);
  auto object = parse(sitedb::toJson(settings, sitedb::SecretView::Masked));
  if (const auto key = sitedb::knownHostKey(db, settings.address, settings.effectivePort())) {
    Poco::JSON::Object::Ptr host = new Poco::JSON::Object;
    host->set("type", key->type);
    host->set("fingerprint", key->fingerprint);
    object->set("host_key", host);
  } else {
    object->set("host_key", Poco::Dynamic::Var());
  }
  return object;
}

/// applyJson + save of one section, the refusals as 422 naming the field.
template <class Section>
void saveSection(WebState& state, const ApiRequest& request) {
  request.json();  // 400 for a body that is no JSON object
  const std::lock_guard lock(state.dbMutex);
  auto settings = sitedb::load<Section>(state.db);
  try {
    sitedb::applyJson(settings, request.body);
    sitedb::save(state.db, settings, request.session->user, state.clock());
  } catch (const sitedb::FieldError& error) {
    // The page shows one message for the form: it names the field ("connector.port: …").
    throw ApiError(422, "invalid", error.what(), error.field());
  }
}
}  // namespace

void addConnectorRoutes(WebState& state) {
  const Right right = Right::pageRight(sitedb::Page::WebServerConfiguration);
  state.router.add({"GET", "/api/v1/connector", right, [&state](const ApiRequest&, ApiReply& reply) {
                      const std::lock_guard lock(state.dbMutex);
                      reply.setJson(connectorJson(state.db));
                    }, {}});
  state.router.add({"PUT", "/api/v1/connector", right, [&state](const ApiRequest& request, ApiReply& reply) {
                      saveSection<sitedb::ConnectorSettings>(state, request);
                      const std::lock_guard lock(state.dbMutex);
                      reply.setJson(connectorJson(state.db));
                    }, {}});
  state.router.add({"POST", "/api/v1/connector/send", right, [&state](const ApiRequest& request, ApiReply& reply) {
                      if (!state.config.connectorSendNow || !state.config.connectorSendNow(request.session->user)) {
                        throw ApiError(503, "unavailable", "no connector runs on this server (no site attached)");
                      }
                      Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
                      body->set("queued", true);
                      reply.setJson(body, 202);
                    }, {}});
  state.router.add({"POST", "/api/v1/connector/host-key/forget", right,
                    [&state](const ApiRequest& request, ApiReply& reply) {
                      const std::lock_guard lock(state.dbMutex);
                      const auto settings = sitedb::load<sitedb::ConnectorSettings>(state.db);
                      const bool known = sitedb::forgetHostKey(state.db, settings.address, settings.effectivePort());
                      if (known) {
                        sitedb::appendEvent(state.db,
                                            recording::Event{state.clock(), 0, std::string(kConnectorEvents),
                                                             fmt::format("host key of {}:{} forgotten", settings.address,
                                                                         settings.effectivePort())},
                                            request.session->user);
                      }
                      reply.setJson(connectorJson(state.db));
                    }, {}});
  auto counts = std::make_shared<sitedb::EventCounts>();  // used under dbMutex
  state.router.add({"GET", "/api/v1/connector/log", right, [&state, counts](const ApiRequest&, ApiReply& reply) {
                      sitedb::EventFilter filter;
                      filter.kind = std::string(kConnectorEvents);
                      const std::lock_guard lock(state.dbMutex);
                      const auto page = sitedb::readEventPage(state.db, filter, 0, kLogLines, *counts);
                      const TimeZone zone(state.site.timeZone);  // the Log shows the box's local times
                      Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
                      for (const auto& stored : page.events) {
                        Poco::JSON::Object::Ptr line = new Poco::JSON::Object;
                        line->set("at", formatUtc(stored.event.at));
                        line->set("text", stored.event.detail);
                        line->set("author", stored.author);
                        line->set("local", zone.format(stored.event.at, "%F %T %Z"));
                        lines->add(line);
                      }
                      Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
                      body->set("total", page.total);
                      body->set("lines", lines);
                      reply.setJson(body);
                    }, {}});
}

}  // namespace ews::web::detail
