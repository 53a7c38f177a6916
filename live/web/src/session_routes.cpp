// Login, logout/lock, the session and the home tiles (manual 8.1, 8.1.4; docs/api.md).
#include <Poco/JSON/Array.h>
#include <fmt/format.h>

#include "ews/scenario/scenario.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

namespace {
/// Where each page's tile leads in the front-end (docs/web-ui.md).
std::string hrefOf(sitedb::Page page) {
  switch (page) {
    case sitedb::Page::WebServerConfiguration: return "/web-server";
    case sitedb::Page::SystemConfiguration: return "/system";
    case sitedb::Page::MyPanelBoard: return "/panel-board";
    case sitedb::Page::Consumptions: return "/consumptions";
    case sitedb::Page::GreenUp: return "/green-up";
    case sitedb::Page::ReportsDataDownload: return "/reports/download";
    case sitedb::Page::ReportsAlarms: return "/reports/alarms";
  }
  return "/";
}

std::optional<std::string_view> cookie(const ApiRequest& request, const char* name) {
  const auto it = request.cookies.find(name);
  if (it == request.cookies.end()) return std::nullopt;
  return std::string_view(it->second);
}

Poco::JSON::Object::Ptr sessionUserJson(const Session& session, bool usesDefaultCode) {
  Poco::JSON::Object::Ptr user = new Poco::JSON::Object;
  user->set("name", session.user);
  Poco::JSON::Array::Ptr pages = new Poco::JSON::Array;
  for (const sitedb::Page page : session.pages.pages()) pages->add(std::string(sitedb::pageId(page)));
  user->set("pages", pages);
  user->set("manager", session.manager);
  user->set("usesDefaultCode", usesDefaultCode);
  return user;
}

bool usesDefaultCode(WebState& state, const std::string& name) {
  const std::lock_guard lock(state.dbMutex);
  const auto user = state.users.find(name);
  return user && user->usesDefaultCode();
}
}  // namespace

void addSessionRoutes(WebState& state) {
  state.router.add({"GET", "/api/v1/session", Right::open(), [&state](const ApiRequest& request, ApiReply& reply) {
                      Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
                      json->set("authenticated", request.session.has_value());
                      json->set("browserUnlocked",
                                state.login.isBrowserUnlocked(cookie(request, kBrowserCookie), state.clock()));
                      if (request.session) {
                        json->set("user", sessionUserJson(*request.session, usesDefaultCode(state, request.session->user)));
                        json->set("csrfToken", request.session->csrfToken);
                      } else {
                        json->set("user", Poco::Dynamic::Var());
                        json->set("csrfToken", Poco::Dynamic::Var());
                      }
                      json->set("defaultLanguage", state.defaultLanguage());
                      Poco::JSON::Array::Ptr languages = new Poco::JSON::Array;
                      for (const std::string_view id : scenario::kLanguages) languages->add(std::string(id));
                      json->set("languages", languages);
                      Poco::JSON::Object::Ptr site = new Poco::JSON::Object;
                      site->set("name", state.site.name);
                      site->set("variant", state.site.variant);
                      json->set("site", site);
                      reply.setJson(json);
                    }, {}});

  state.router.add({"POST", "/api/v1/session/login", Right::open(), [&state](const ApiRequest& request, ApiReply& reply) {
                      const auto body = request.json();
                      const std::string pin = requiredString(body, "pin");
                      const std::optional<std::string> puk = optionalString(body, "puk");
                      const LoginOutcome outcome =
                          state.login.login(pin, puk ? std::optional<std::string_view>(*puk) : std::nullopt,
                                            cookie(request, kBrowserCookie), request.clientAddress, state.clock());
                      if (const auto* ok = std::get_if<login::Ok>(&outcome)) {
                        const long sessionSeconds = toMicros(state.login.sessions().limits().absoluteTimeout) / 1'000'000;
                        reply.setCookie(kSessionCookie, ok->session.id, request.secure, sessionSeconds);
                        if (ok->newBrowserToken) {
                          reply.setCookie(kBrowserCookie, *ok->newBrowserToken, request.secure,
                                          toMicros(sitedb::kBrowserUnlockLifetime) / 1'000'000);
                        }
                        Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
                        json->set("user", sessionUserJson(ok->session, ok->user.usesDefaultCode()));
                        json->set("csrfToken", ok->session.csrfToken);
                        reply.setJson(json);
                        return;
                      }
                      if (std::holds_alternative<login::PukRequired>(outcome)) {
                        throw ApiError(401, "puk-required", "this browser is not unlocked: give the PUK with the PIN", "puk");
                      }
                      if (const auto* locked = std::get_if<login::LockedOut>(&outcome)) {
                        ApiError error(429, "locked-out",
                                       fmt::format("too many wrong codes: try again in {} s", locked->retryAfterSeconds()));
                        error.retryAfterSeconds = static_cast<long>(locked->retryAfterSeconds());
                        throw error;
                      }
                      throw ApiError(401, "wrong-code", "wrong code", puk ? "puk" : "pin");
                    }, {}});

  state.router.add({"POST", "/api/v1/session/logout", Right::session(), [&state](const ApiRequest& request, ApiReply& reply) {
                      const auto body = request.json();
                      const std::string mode = requiredString(body, "mode");
                      if (mode == "logout") {
                        state.login.logout(request.session->id);
                      } else if (mode == "lock") {
                        state.login.lock(request.session->id, cookie(request, kBrowserCookie));
                        reply.clearCookie(kBrowserCookie, request.secure);
                      } else {
                        throw ApiError(422, "invalid", "mode must be \"logout\" or \"lock\"", "mode");
                      }
                      reply.clearCookie(kSessionCookie, request.secure);
                      reply.status = 204;
                    }, {}});

  state.router.add({"GET", "/api/v1/home", Right::session(), [](const ApiRequest& request, ApiReply& reply) {
                      Poco::JSON::Array::Ptr tiles = new Poco::JSON::Array;
                      for (const sitedb::Page page : request.session->pages.pages()) {
                        Poco::JSON::Object::Ptr tile = new Poco::JSON::Object;
                        tile->set("page", std::string(sitedb::pageId(page)));
                        tile->set("href", hrefOf(page));
                        tiles->add(tile);
                      }
                      Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
                      json->set("tiles", tiles);
                      reply.setJson(json);
                    }, {}});
}

}  // namespace ews::web::detail
