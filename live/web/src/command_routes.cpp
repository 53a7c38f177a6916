// The pages' commands (docs/api.md): the panel board's register writes (manual 8.2.1) and the
// Green'Up management page's Start/Wait and Normal/Priority (8.3.2). Each is posted to the
// stack (stack::StackCommands: the engine's input queue) and answered once the engine applied
// it, or the device refused it, or it did not answer in time.
#include <Poco/JSON/Array.h>
#include <fmt/format.h>

#include <chrono>
#include <future>

#include "web_state.hpp"

namespace ews::web::detail {

namespace {
/// Longer than a command's worst case on a healthy line (a write waits for the transaction in
/// flight, then retries: well under a second), short enough to free the server thread.
constexpr auto kCommandWait = std::chrono::seconds(10);
constexpr std::size_t kMaxWrites = 8;  ///< the largest form: one output's configuration is 3

stack::StackCommands& commandsOf(const WebState& state) {
  if (state.commands == nullptr) throw ApiError(503, "unavailable", "this server runs no stack to command");
  return *state.commands;
}

/// Posts a command through `post`, waits for its outcome and turns a failure into its ApiError.
void await(const std::function<void(stack::StackCommands::Done)>& post) {
  auto promise = std::make_shared<std::promise<stack::CommandOutcome>>();
  std::future<stack::CommandOutcome> future = promise->get_future();
  post([promise](const stack::CommandOutcome& outcome) { promise->set_value(outcome); });
  if (future.wait_for(kCommandWait) != std::future_status::ready) {
    throw ApiError(504, "no-answer", fmt::format("the command was sent; no outcome within {} s", kCommandWait.count()));
  }
  const stack::CommandOutcome outcome = future.get();
  switch (outcome.kind) {
    case stack::CommandOutcome::Kind::Applied: return;
    case stack::CommandOutcome::Kind::Refused: throw ApiError(422, "invalid", outcome.message, outcome.field);
    case stack::CommandOutcome::Kind::NotFound: throw ApiError(404, "not-found", outcome.message);
    case stack::CommandOutcome::Kind::DeviceError: throw ApiError(502, "device-error", outcome.message);
  }
}

std::vector<stack::FieldWrite> writesOf(const Poco::JSON::Object::Ptr& body) {
  if (!body->has("writes") || body->getArray("writes").isNull()) {
    throw ApiError(400, "bad-request", "the member 'writes' must be a list of {quantity, value}", "writes");
  }
  const Poco::JSON::Array::Ptr list = body->getArray("writes");
  if (list->size() == 0 || list->size() > kMaxWrites) {
    throw ApiError(422, "invalid", fmt::format("give 1 to {} writes, not {}", kMaxWrites, list->size()), "writes");
  }
  std::vector<stack::FieldWrite> writes;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Poco::JSON::Object::Ptr item = list->getObject(static_cast<unsigned>(i));
    const std::string at = fmt::format("writes[{}]", i);
    if (item.isNull()) throw ApiError(400, "bad-request", "each write is an object {quantity, value}", at);
    const Poco::Dynamic::Var quantity = item->get("quantity");
    const Poco::Dynamic::Var value = item->get("value");
    if (!quantity.isString()) throw ApiError(400, "bad-request", "the quantity must be a text", at + ".quantity");
    if (!value.isNumeric() || value.isBoolean()) throw ApiError(400, "bad-request", "the value must be a number", at + ".value");
    writes.push_back({quantity.extract<std::string>(), value.convert<double>()});
  }
  return writes;
}

std::optional<bool> optionalBool(const Poco::JSON::Object::Ptr& body, const std::string& member) {
  if (!body->has(member)) return std::nullopt;
  const Poco::Dynamic::Var value = body->get(member);
  if (!value.isBoolean()) throw ApiError(400, "bad-request", fmt::format("'{}' must be true or false", member), member);
  return value.extract<bool>();
}
}  // namespace

void addCommandRoutes(WebState& state) {
  state.router.add({"POST", "/api/v1/site/live/devices/{id}/commands", Right::pageRight(sitedb::Page::MyPanelBoard),
                    [&state](const ApiRequest& request, ApiReply& reply) {
                      const int deviceId = idParam(request, "id");
                      const std::vector<stack::FieldWrite> writes = writesOf(request.json());
                      stack::StackCommands& commands = commandsOf(state);
                      await([&](stack::StackCommands::Done done) { commands.writeFields(deviceId, writes, std::move(done)); });
                      Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
                      answer->set("device", deviceId);
                      Poco::JSON::Array::Ptr applied = new Poco::JSON::Array;
                      for (const auto& write : writes) {
                        Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
                        item->set("quantity", write.quantity);
                        item->set("value", write.value);
                        applied->add(item);
                      }
                      answer->set("applied", applied);
                      reply.setJson(answer);
                    }, {}});
  state.router.add({"POST", "/api/v1/green-up/stations/{id}/session", Right::pageRight(sitedb::Page::GreenUp),
                    [&state](const ApiRequest& request, ApiReply& reply) {
                      const int deviceId = idParam(request, "id");
                      const Poco::JSON::Object::Ptr body = request.json();
                      const std::optional<bool> start = optionalBool(body, "start");
                      const std::optional<bool> priority = optionalBool(body, "priority");
                      if (!start && !priority) {
                        throw ApiError(400, "bad-request", "give 'start' and/or 'priority'", "start");
                      }
                      stack::StackCommands& commands = commandsOf(state);
                      await([&](stack::StackCommands::Done done) {
                        commands.sessionCommand(deviceId, start, priority, std::move(done));
                      });
                      Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
                      answer->set("station", deviceId);
                      if (start) answer->set("start", *start);
                      if (priority) answer->set("priority", *priority);
                      reply.setJson(answer);
                    }, {}});
}

}  // namespace ews::web::detail
