#include "api.hpp"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <fmt/format.h>

#include <charconv>
#include <sstream>

namespace ews::web::detail {

namespace {
std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t at = 1;
  while (at <= path.size()) {
    const std::size_t slash = path.find('/', at);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    parts.push_back(path.substr(at, end - at));
    at = end + 1;
  }
  return parts;
}
}  // namespace

int idParam(const ApiRequest& request, const std::string& name) {
  const std::string& id = request.params.at(name);
  int number = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), number);
  if (error != std::errc() || end != id.data() + id.size()) {
    throw ApiError(404, "not-found", fmt::format("no device '{}'", id));
  }
  return number;
}

Poco::JSON::Object::Ptr ApiRequest::json() const {
  try {
    Poco::JSON::Parser parser;
    const Poco::Dynamic::Var value = parser.parse(body);
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) return value.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    // Falls through to the same refusal as a valid non-object.
  }
  throw ApiError(400, "bad-request", "the body must be a JSON object");
}

void ApiReply::setJson(const Poco::Dynamic::Var& value, int statusCode) {
  status = statusCode;
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  body = out.str();
}

void ApiReply::setCookie(const std::string& name, const std::string& value, bool secure, long maxAgeSeconds) {
  headers.emplace_back("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}{}", name, value,
                                                 secure ? "; Secure" : "",
                                                 maxAgeSeconds > 0 ? fmt::format("; Max-Age={}", maxAgeSeconds) : ""));
}

void ApiReply::clearCookie(const std::string& name, bool secure) {
  headers.emplace_back("Set-Cookie",
                       fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict{}; Max-Age=0", name, secure ? "; Secure" : ""));
}

void Router::add(Route route) {
  patterns_.push_back(segments(route.pattern));
  routes_.push_back(std::move(route));
}

const Route* Router::match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                           bool& pathKnown) const {
  pathKnown = false;
  const std::vector<std::string> parts = segments(path);
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const Route& route = routes_[r];
    const std::vector<std::string>& pattern = patterns_[r];
    if (pattern.size() != parts.size()) continue;
    std::map<std::string, std::string> found;
    bool same = true;
    for (std::size_t i = 0; i < parts.size() && same; ++i) {
      if (pattern[i].size() > 2 && pattern[i].front() == '{' && pattern[i].back() == '}') {
        if (parts[i].empty()) same = false;
        found[pattern[i].substr(1, pattern[i].size() - 2)] = parts[i];
      } else {
        same = pattern[i] == parts[i];
      }
    }
    if (!same) continue;
    pathKnown = true;
    if (route.method != method) continue;
    params = std::move(found);
    return &route;
  }
  return nullptr;
}

std::string requiredString(const Poco::JSON::Object::Ptr& body, const std::string& member) {
  if (auto value = optionalString(body, member)) return *value;
  throw ApiError(400, "bad-request", fmt::format("'{}' is missing", member), member);
}

std::optional<std::string> optionalString(const Poco::JSON::Object::Ptr& body, const std::string& member) {
  if (!body->has(member) || body->isNull(member)) return std::nullopt;
  const Poco::Dynamic::Var value = body->get(member);
  if (!value.isString()) throw ApiError(400, "bad-request", fmt::format("'{}' must be a string", member), member);
  return value.extract<std::string>();
}

}  // namespace ews::web::detail
