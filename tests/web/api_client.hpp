#pragma once
// A browser as far as the API cares, for the web server's tests: its cookies and the CSRF
// token of its session, over plain HTTP to 127.0.0.1.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ews::web::apitest {

struct Answer {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
  std::vector<std::string> cookies;  ///< Set-Cookie values
  /// The header's value, "" when absent.
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class Client {
 public:
  explicit Client(std::uint16_t port) : port_(port) {}

  Answer call(const std::string& method, const std::string& path, const std::string& body = {},
              const std::map<std::string, std::string>& extra = {}) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port_);
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::NameValueCollection cookies;
    for (const auto& [name, value] : cookies_) cookies.add(name, value);
    if (!cookies.empty()) request.setCookies(cookies);
    if (!csrf_.empty()) request.set("X-CSRF-Token", csrf_);
    for (const auto& [name, value] : extra) request.set(name, value);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Answer answer;
    answer.status = response.getStatus();
    if (method != "HEAD" && path.find("/stream") == std::string::npos) Poco::StreamCopier::copyToString(in, answer.body);
    for (const auto& [name, value] : response) answer.headers[name] = value;
    std::vector<Poco::Net::HTTPCookie> set;
    response.getCookies(set);
    for (const auto& cookie : set) {
      answer.cookies.push_back(cookie.getName());
      if (cookie.getMaxAge() == 0) {
        cookies_.erase(cookie.getName());
      } else {
        cookies_[cookie.getName()] = cookie.getValue();
      }
    }
    return answer;
  }

  /// Logs in with PIN and PUK (a new browser) and keeps the session's CSRF token.
  int login(const std::string& pin, const std::string& puk) {
    const Answer answer = call("POST", "/api/v1/session/login", "{\"pin\":\"" + pin + "\",\"puk\":\"" + puk + "\"}");
    const auto at = answer.body.find("\"csrfToken\":\"");
    if (at != std::string::npos) csrf_ = answer.body.substr(at + 13, answer.body.find('"', at + 13) - at - 13);
    return answer.status;
  }
  void dropCsrf() { csrf_.clear(); }
  bool hasCookie(const std::string& name) const { return cookies_.contains(name); }

 private:
  std::uint16_t port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

}  // namespace ews::web::apitest
