#pragma once
// The API's vocabulary inside the server (docs/api.md): a request as handlers see it, the reply
// they fill, the typed error that becomes a JSON error body, and the right each route needs.
#include <Poco/JSON/Object.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ews/sitedb/pages.hpp"
#include "ews/web/session_store.hpp"

namespace Poco::Net {
class HTTPServerResponse;
}

namespace ews::web::detail {

/// What a route needs from the caller (docs/api.md, "right" column).
struct Right {
  enum class Kind { Public, Session, Page, UserManager, BackupManager };
  Kind kind = Kind::Public;
  sitedb::Page page = sitedb::Page::MyPanelBoard;  ///< Kind::Page

  static Right open() { return {Kind::Public}; }
  static Right session() { return {Kind::Session}; }
  static Right pageRight(sitedb::Page p) { return {Kind::Page, p}; }
  /// Web Server configuration and allowed to manage users (manual 8.1.2).
  static Right userManager() { return {Kind::UserManager, sitedb::Page::WebServerConfiguration}; }
  /// Backup and restore: the same users as the Users page (administrator and greenUp; the
  /// installer never: docs/settings.md, "Rights").
  static Right backupManager() { return {Kind::BackupManager, sitedb::Page::WebServerConfiguration}; }
};

/// A refusal the client gets as {"error": {"code", "message", "field"}} with `status`.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  /// Seconds for the Retry-After header (429), 0: none.
  long retryAfterSeconds = 0;

 private:
  int status_;
  std::string code_;
  std::string field_;
};

struct ApiRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> params;   ///< {name} segments of the route
  std::map<std::string, std::string> query;    ///< ?name=value, decoded (the last of a repeated name)
  std::map<std::string, std::string> cookies;  ///< as sent
  std::string body;
  std::string clientAddress;  ///< the peer's IP address
  bool secure = false;        ///< over HTTPS
  std::optional<Session> session;

  /// The body as a JSON object; ApiError 400 when it is not one.
  Poco::JSON::Object::Ptr json() const;
};

struct ApiReply {
  int status = 200;
  std::string body;  ///< JSON text (or contentType's); empty for 204
  std::string contentType = "application/json; charset=utf-8";
  /// Instead of body: a text shared by many replies (the latest snapshot), sent without a copy.
  std::shared_ptr<const std::string> sharedBody;
  std::vector<std::pair<std::string, std::string>> headers;  ///< Set-Cookie, Retry-After, ...

  void setJson(const Poco::Dynamic::Var& value, int statusCode = 200);
  void setCookie(const std::string& name, const std::string& value, bool secure, long maxAgeSeconds);
  void clearCookie(const std::string& name, bool secure);
};

using Handler = std::function<void(const ApiRequest&, ApiReply&)>;
/// A route that answers with a stream (server-sent events): it writes the response itself.
using StreamHandler = std::function<void(const ApiRequest&, Poco::Net::HTTPServerResponse&)>;

struct Route {
  std::string method;   ///< GET, POST, PUT
  std::string pattern;  ///< "/api/v1/users/{name}"
  Right right;
  Handler handler;
  StreamHandler stream;  ///< instead of handler
  std::size_t maxBodyBytes = 0;  ///< 0: WebServerConfig::maxBodyBytes (an upload sets its own)
};

/// The routes, matched by method and path segments.
class Router {
 public:
  void add(Route route);
  /// The route for `method` and `path`, its {name} segments in `params`; nullptr when none.
  /// `pathKnown` tells a wrong method (405) from an unknown path (404).
  const Route* match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                     bool& pathKnown) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> patterns_;  ///< each route's pattern, split once
};

/// The {name} segment of the path as a device or station id; ApiError 404 when it is not a number.
int idParam(const ApiRequest& request, const std::string& name);

/// Text members of a JSON body, with 400 errors naming the member.
std::string requiredString(const Poco::JSON::Object::Ptr& body, const std::string& member);
std::optional<std::string> optionalString(const Poco::JSON::Object::Ptr& body, const std::string& member);

}  // namespace ews::web::detail
