// The System configuration pages' routes (manual 7.16, docs/api.md "Configuration"): the
// configuration in force as JSON with the variant's capacity, a change saved against the
// version it was made on (a stale one refused, the validator's refusals named by field), the
// stored versions, and the Test button of a gateway or a device. The site behind them is a
// SiteConfiguration (the configuration service and the running stack).
#include <Poco/JSON/Array.h>
#include <fmt/format.h>

#include <chrono>
#include <future>

#include "config_routes.hpp"
#include "ews/sitedb/config_store.hpp"
#include "web_state.hpp"
#include "yaml_json.hpp"

namespace ews::web::detail {

namespace {
/// The probe is bounded by the line's timeout and retries (seconds at most on a dead RS485
/// line); this only frees the server's thread when the engine has stopped.
constexpr auto kTestWait = std::chrono::seconds(30);
constexpr std::size_t kMaxEdits = 512;  ///< a whole gateway of 32 devices, field by field, fits

const Right kSystemConfiguration = Right::pageRight(sitedb::Page::SystemConfiguration);

SiteConfiguration& siteOf(const WebState& state) {
  if (!state.config.configuration) throw ApiError(503, "unavailable", "this server runs no site to configure");
  return *state.config.configuration;
}

int requiredInt(const Poco::JSON::Object::Ptr& body, const std::string& member) {
  if (!body->has(member) || body->isNull(member)) throw ApiError(400, "bad-request", fmt::format("'{}' is missing", member), member);
  const Poco::Dynamic::Var value = body->get(member);
  if (!value.isInteger() || value.isBoolean()) {
    throw ApiError(400, "bad-request", fmt::format("'{}' must be a whole number", member), member);
  }
  return value.convert<int>();
}

ConfigurationEdit::Op opOf(const std::string& op, const std::string& at) {
  if (op == "set") return ConfigurationEdit::Op::Set;
  if (op == "append") return ConfigurationEdit::Op::Append;
  if (op == "remove") return ConfigurationEdit::Op::Remove;
  throw ApiError(400, "bad-request", fmt::format("'{}' is not an operation: set, append or remove", op), at + ".op");
}

std::vector<ConfigurationEdit> editsOf(const Poco::JSON::Object::Ptr& body) {
  if (!body->isArray("edits")) throw ApiError(400, "bad-request", "'edits' must be a list of {op, path, value}", "edits");
  const Poco::JSON::Array::Ptr list = body->getArray("edits");
  if (list->size() == 0 || list->size() > kMaxEdits) {
    throw ApiError(400, "bad-request", fmt::format("give 1 to {} edits, not {}", kMaxEdits, list->size()), "edits");
  }
  std::vector<ConfigurationEdit> edits;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string at = fmt::format("edits[{}]", i);
    const Poco::JSON::Object::Ptr item = list->getObject(static_cast<unsigned>(i));
    if (item.isNull()) throw ApiError(400, "bad-request", "each edit is an object {op, path, value}", at);
    ConfigurationEdit edit;
    edit.op = opOf(requiredString(item, "op"), at);
    edit.path = requiredString(item, "path");
    if (edit.op != ConfigurationEdit::Op::Remove) {
      if (!item->has("value")) throw ApiError(400, "bad-request", fmt::format("'{}.value' is missing", at), at + ".value");
      edit.valueYaml = yamlOfJson(item->get("value"));
    }
    edits.push_back(std::move(edit));
  }
  return edits;
}

Poco::JSON::Object::Ptr stateJson(const ConfigurationState& state) {
  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
  answer->set("version", state.version);
  answer->set("scenario", jsonOfYaml(YAML::Load(state.yaml)));
  answer->set("variant", state.variant);
  Poco::JSON::Object::Ptr capacity = new Poco::JSON::Object;
  capacity->set("devices", state.maxDevices);
  capacity->set("devicesPerGateway", state.maxDevicesPerGateway);
  capacity->set("used", state.usedDevices);
  answer->set("capacity", capacity);
  Poco::JSON::Array::Ptr gateways = new Poco::JSON::Array;
  for (const ConfiguredGateway& gateway : state.gateways) {
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
    item->set("id", gateway.gateway.id);
    item->set("name", gateway.gateway.name);
    Poco::JSON::Array::Ptr devices = new Poco::JSON::Array;
    for (const ConfiguredElement& device : gateway.devices) {
      Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
      entry->set("id", device.id);
      entry->set("name", device.name);
      devices->add(entry);
    }
    item->set("devices", devices);
    gateways->add(item);
  }
  answer->set("installation", gateways);
  return answer;
}

void replySaved(const SaveOutcome& outcome, ApiReply& reply) {
  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
  switch (outcome.kind) {
    case SaveOutcome::Kind::Saved:
      answer->set("version", outcome.version);
      reply.setJson(answer);
      return;
    case SaveOutcome::Kind::Stale:
      answer->set("error", "stale");
      answer->set("message", outcome.message);
      answer->set("version", outcome.version);
      reply.setJson(answer, 409);
      return;
    case SaveOutcome::Kind::Invalid: {
      Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
      for (const FieldProblem& problem : outcome.problems) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
        item->set("field", problem.field);
        item->set("message", problem.message);
        errors->add(item);
      }
      answer->set("errors", errors);
      reply.setJson(answer, 422);
      return;
    }
    case SaveOutcome::Kind::Unavailable: break;
  }
  throw ApiError(503, "unavailable", outcome.message);
}

/// Runs the Test on the site and answers with its outcome.
void replyTest(SiteConfiguration& site, int gateway, std::optional<int> device, ApiReply& reply) {
  auto promise = std::make_shared<std::promise<TestOutcome>>();
  std::future<TestOutcome> future = promise->get_future();
  const auto started = std::chrono::steady_clock::now();
  site.test(gateway, device, [promise](TestOutcome outcome) { promise->set_value(std::move(outcome)); });
  if (future.wait_for(kTestWait) != std::future_status::ready) {
    throw ApiError(504, "no-answer", fmt::format("the test was sent; no outcome within {} s", kTestWait.count()));
  }
  const TestOutcome outcome = future.get();
  if (!outcome.found) throw ApiError(404, "not-found", outcome.message, device ? "device" : "gateway");
  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
  answer->set("ok", outcome.ok);
  answer->set("message", outcome.message);
  answer->set("elapsedMs", outcome.elapsedMs);
  answer->set("wallMs", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
  answer->set("gateway", outcome.gateway);
  answer->set("device", outcome.device);
  reply.setJson(answer);
}
}  // namespace

void addConfigRoutes(WebState& state) {
  state.router.add({"GET", "/api/v1/configuration", kSystemConfiguration, [&state](const ApiRequest&, ApiReply& reply) {
                      reply.setJson(stateJson(siteOf(state).current()));
                    }, {}});
  state.router.add({"POST", "/api/v1/configuration/changes", kSystemConfiguration,
                    [&state](const ApiRequest& request, ApiReply& reply) {
                      const auto body = request.json();
                      const int baseVersion = requiredInt(body, "baseVersion");
                      const std::string summary = optionalString(body, "summary").value_or("");
                      const std::vector<ConfigurationEdit> edits = editsOf(body);
                      replySaved(siteOf(state).save(baseVersion, request.session->user, summary, edits), reply);
                    }, {}});
  state.router.add({"GET", "/api/v1/configuration/catalogue", kSystemConfiguration,
                    [](const ApiRequest&, ApiReply& reply) { reply.setJson(catalogueJson()); }, {}});
  state.router.add({"GET", "/api/v1/configuration/versions", kSystemConfiguration,
                    [&state](const ApiRequest&, ApiReply& reply) {
                      Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
                      const std::lock_guard lock(state.dbMutex);
                      for (const sitedb::ConfigVersion& version : sitedb::configHistory(state.db)) {
                        Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
                        row->set("version", version.version);
                        row->set("savedAt", formatUtc(version.savedAt));
                        row->set("author", version.author);
                        row->set("summary", version.summary);
                        rows->add(row);
                      }
                      reply.setJson(rows);
                    }, {}});
  state.router.add({"POST", "/api/v1/configuration/test/gateway", kSystemConfiguration,
                    [&state](const ApiRequest& request, ApiReply& reply) {
                      replyTest(siteOf(state), requiredInt(request.json(), "gateway"), std::nullopt, reply);
                    }, {}});
  state.router.add({"POST", "/api/v1/configuration/test/device", kSystemConfiguration,
                    [&state](const ApiRequest& request, ApiReply& reply) {
                      const auto body = request.json();
                      replyTest(siteOf(state), requiredInt(body, "gateway"), requiredInt(body, "device"), reply);
                    }, {}});
}

}  // namespace ews::web::detail
