// The Users page's routes (manual 8.1.2-8.1.3, docs/api.md): list, add, edit (pages, codes,
// enabled). The rules are UserStore's; its field errors become 422 with the field.
#include <Poco/JSON/Array.h>
#include <fmt/format.h>

#include "web_state.hpp"

namespace ews::web::detail {

namespace {
Poco::JSON::Object::Ptr rowJson(const sitedb::UserView& user) {
  Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
  row->set("name", user.name);
  row->set("enabled", user.enabled);
  Poco::JSON::Array::Ptr pages = new Poco::JSON::Array;
  for (const sitedb::Page page : user.pages.pages()) pages->add(std::string(sitedb::pageId(page)));
  row->set("pages", pages);
  row->set("usesDefaultCode", user.usesDefaultCode());
  return row;
}

sitedb::PageSet pagesOf(const Poco::JSON::Object::Ptr& body) {
  if (!body->isArray("pages")) throw ApiError(400, "bad-request", "'pages' must be a list of page ids", "pages");
  sitedb::PageSet pages;
  const Poco::JSON::Array::Ptr list = body->getArray("pages");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Poco::Dynamic::Var id = list->get(static_cast<unsigned>(i));
    const auto page = id.isString() ? sitedb::pageFromId(id.extract<std::string>()) : std::nullopt;
    if (!page) throw ApiError(422, "invalid", fmt::format("unknown page '{}'", id.toString()), "pages");
    pages.add(*page);
  }
  return pages;
}

std::optional<bool> optionalBool(const Poco::JSON::Object::Ptr& body, const std::string& member) {
  if (!body->has(member) || body->isNull(member)) return std::nullopt;
  const Poco::Dynamic::Var value = body->get(member);
  if (!value.isBoolean()) throw ApiError(400, "bad-request", fmt::format("'{}' must be true or false", member), member);
  return value.extract<bool>();
}

/// Runs a UserStore change, turning its refusals into API errors.
template <class Change>
void applyUserChange(Change&& change) {
  try {
    change();
  } catch (const sitedb::FieldError& error) {
    throw ApiError(422, "invalid", error.reason(), error.field());
  } catch (const sitedb::PermissionDenied& error) {
    throw ApiError(403, "forbidden", error.what());
  }
}
}  // namespace

Poco::JSON::Object::Ptr userJson(const sitedb::UserView& user) {
  Poco::JSON::Object::Ptr json = rowJson(user);
  json->remove("enabled");
  json->set("manager", sitedb::canManageUsers(user));
  return json;
}

void addUserRoutes(WebState& state) {
  state.router.add({"GET", "/api/v1/users", Right::userManager(), [&state](const ApiRequest&, ApiReply& reply) {
                      Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
                      const std::lock_guard lock(state.dbMutex);
                      for (const auto& user : state.users.list()) rows->add(rowJson(user));
                      reply.setJson(rows);
                    }, {}});
  state.router.add({"POST", "/api/v1/users", Right::userManager(), [&state](const ApiRequest& request, ApiReply& reply) {
                      const auto body = request.json();
                      sitedb::NewUser user{requiredString(body, "name"), requiredString(body, "pin"),
                                           requiredString(body, "puk"), pagesOf(body),
                                           optionalBool(body, "enabled").value_or(true)};
                      const std::lock_guard lock(state.dbMutex);
                      applyUserChange([&] { state.users.add(request.session->user, user, state.clock()); });
                      reply.setJson(rowJson(*state.users.find(user.name)), 201);
                    }, {}});
  state.router.add({"PUT", "/api/v1/users/{name}", Right::userManager(),
                    [&state](const ApiRequest& request, ApiReply& reply) {
                      const auto body = request.json();
                      sitedb::UserChange change;
                      change.pin = optionalString(body, "pin");
                      change.puk = optionalString(body, "puk");
                      if (body->has("pages")) change.pages = pagesOf(body);
                      change.enabled = optionalBool(body, "enabled");
                      const std::string& name = request.params.at("name");
                      const std::lock_guard lock(state.dbMutex);
                      if (!state.users.find(name)) throw ApiError(404, "not-found", fmt::format("no user '{}'", name));
                      applyUserChange([&] { state.users.update(request.session->user, name, change, state.clock()); });
                      const sitedb::UserView updated = *state.users.find(name);
                      // Changed rights take effect now in that user's sessions (a disabled user's
                      // end); new codes end them (log in with the new ones); a new PUK or a
                      // disabled user also locks the browsers unlocked with the old one.
                      state.login.sessions().updateUser(updated);
                      if (change.pin || change.puk) state.login.sessions().endAllOf(name);
                      if (change.puk || change.enabled == false) state.login.forgetBrowsersOf(name);
                      reply.setJson(rowJson(updated));
                    }, {}});
}

}  // namespace ews::web::detail
