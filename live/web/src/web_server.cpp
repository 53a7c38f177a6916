#include "ews/web/web_server.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <chrono>
#include <istream>
#include <limits>
#include <mutex>

#include "connection_table.hpp"
#include "keep_alive_connection.hpp"
#include "web_state.hpp"
#include "whole_answer.hpp"

namespace ews::web {

namespace {
using detail::ApiError;
using detail::ApiReply;
using detail::ApiRequest;
using detail::Right;
using detail::WebState;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

/// Every answer carries them (docs/api.md, "Static files"): no inline script or style, no
/// framing, no MIME sniffing, no referrer leaking the box's addresses.
void addSecurityHeaders(HTTPServerResponse& response, bool secure) {
  response.set("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  if (secure) response.set("Strict-Transport-Security", "max-age=31536000");
}

/// The request's path, decoded, without its query (cheaper than a whole Poco::URI per request).
std::string pathOf(const std::string& uri) {
  std::string path = uri.substr(0, uri.find('?'));
  if (path.find('%') == std::string::npos) return path;
  std::string decoded;
  Poco::URI::decode(path, decoded);
  return decoded;
}

void sendJsonError(HTTPServerResponse& response, const ApiError& error) {
  ApiReply reply;
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  Poco::JSON::Object::Ptr inner = new Poco::JSON::Object;
  inner->set("code", error.code());
  inner->set("message", std::string(error.what()));
  if (!error.field().empty()) inner->set("field", error.field());
  if (error.retryAfterSeconds > 0) {
    inner->set("retryAfterSeconds", error.retryAfterSeconds);
    response.set("Retry-After", std::to_string(error.retryAfterSeconds));
  }
  body->set("error", inner);
  reply.setJson(body, error.status());
  response.setStatus(static_cast<HTTPResponse::HTTPStatus>(reply.status));
  response.setContentType("application/json; charset=utf-8");
  response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
  response.send() << reply.body;
}

/// Reads the body, refusing more than `limit` bytes (413) without reading them all.
std::string readBody(HTTPServerRequest& request, std::size_t limit) {
  if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(limit)) {
    // A body up to a few times the limit is read and dropped, so the client gets its 413: a
    // socket closed with unread data resets the connection, and the answer with it. A larger
    // one is not read at all.
    if (request.getContentLength64() <= static_cast<Poco::Int64>(16 * limit)) {
      request.stream().ignore(std::numeric_limits<std::streamsize>::max());
    }
    throw ApiError(413, "too-large", fmt::format("the body is over {} bytes", limit));
  }
  std::string body;
  std::istream& in = request.stream();
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    body.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (body.size() > limit) throw ApiError(413, "too-large", fmt::format("the body is over {} bytes", limit));
  }
  return body;
}

/// The two cookies the API reads (session, unlocked browser), from the Cookie header: the
/// general parser builds a collection of every cookie on every request.
void readOurCookies(const HTTPServerRequest& request, std::map<std::string, std::string>& cookies) {
  static const std::string kNone;
  const std::string& header = request.get("Cookie", kNone);
  for (const char* name : {detail::kSessionCookie, detail::kBrowserCookie}) {
    const std::string prefix = std::string(name) + "=";
    std::size_t at = 0;
    while ((at = header.find(prefix, at)) != std::string::npos) {
      if (at == 0 || header[at - 1] == ' ' || header[at - 1] == ';') {
        const std::size_t start = at + prefix.size();
        cookies[name] = header.substr(start, header.find(';', start) - start);
        break;
      }
      at += prefix.size();
    }
  }
}

void checkRight(const Right& right, const ApiRequest& request) {
  if (right.kind == Right::Kind::Public) return;
  if (!request.session) throw ApiError(401, "unauthenticated", "log in first");
  const Session& session = *request.session;
  switch (right.kind) {
    case Right::Kind::Public:
    case Right::Kind::Session: return;
    case Right::Kind::Page:
      if (!session.pages.has(right.page)) {
        throw ApiError(403, "forbidden", fmt::format("this needs the page '{}'", sitedb::pageTitle(right.page)));
      }
      return;
    case Right::Kind::UserManager:
      if (!session.pages.has(right.page) || !session.manager) {
        throw ApiError(403, "forbidden", "only the administrator and greenUp users manage users (manual 8.1.2)");
      }
      return;
    case Right::Kind::BackupManager:
      if (!session.pages.has(right.page) || !session.manager) {
        throw ApiError(403, "forbidden", "only the administrator and greenUp users make backups and restores");
      }
      return;
  }
}

class ApiHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  ApiHandler(WebState& state, bool secure) : state_(state), secure_(secure) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    addSecurityHeaders(response, secure_);
    response.set("Cache-Control", "no-store");
    try {
      ApiRequest api;
      api.method = request.getMethod();
      api.path = pathOf(request.getURI());
      if (request.getURI().find('?') != std::string::npos) {
        try {
          for (auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) api.query[name] = std::move(value);
        } catch (const Poco::Exception&) {
          throw ApiError(400, "bad-request", "the query string is malformed");
        }
      }
      api.clientAddress = request.clientAddress().host().toString();
      api.secure = secure_;
      readOurCookies(request, api.cookies);
      bool pathKnown = false;
      const detail::Route* route = state_.router.match(api.method, api.path, api.params, pathKnown);
      if (route == nullptr) {
        if (pathKnown) throw ApiError(405, "bad-request", fmt::format("{} is not allowed on {}", api.method, api.path));
        throw ApiError(404, "not-found", fmt::format("no route {}", api.path));
      }
      if (request.hasContentLength() ? request.getContentLength64() > 0 : request.getChunkedTransferEncoding()) {
        api.body = readBody(request, route->maxBodyBytes > 0 ? route->maxBodyBytes : state_.config.maxBodyBytes);
      }
      if (const auto cookie = api.cookies.find(detail::kSessionCookie); cookie != api.cookies.end()) {
        api.session = state_.login.sessions().touch(cookie->second, state_.clock());
      }
      checkRight(route->right, api);
      if (api.method != "GET" && route->right.kind != Right::Kind::Public) {
        if (!request.has("X-CSRF-Token") || !csrfMatches(*api.session, request.get("X-CSRF-Token"))) {
          throw ApiError(403, "csrf", "a change needs the X-CSRF-Token header of GET /api/v1/session");
        }
      }
      if (route->stream) {
        route->stream(api, response);
        return;
      }
      ApiReply reply;
      route->handler(api, reply);
      for (const auto& [name, value] : reply.headers) response.add(name, value);
      response.setStatus(static_cast<HTTPResponse::HTTPStatus>(reply.status));
      const std::string& body = reply.sharedBody ? *reply.sharedBody : reply.body;
      if (body.empty()) {
        response.setContentLength(0);
        response.send();
      } else {
        response.setContentType(reply.contentType);
        detail::sendWholeAnswer(request, response, body);
      }
    } catch (const ApiError& error) {
      if (!response.sent()) sendJsonError(response, error);
    } catch (const std::exception& error) {
      // Never the details of an internal failure to a client; they go to the event log.
      if (!response.sent()) sendJsonError(response, ApiError(500, "internal", "internal error"));
    }
  }

 private:
  WebState& state_;
  bool secure_;
};

class StaticHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  StaticHandler(const WebState& state, bool secure) : state_(state), secure_(secure) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    addSecurityHeaders(response, secure_);
    const std::string path = pathOf(request.getURI());
    const detail::StaticFile* file = state_.files.find(path == "/" ? "/index.html" : path);
    if (request.getMethod() != "GET" && request.getMethod() != "HEAD") {
      response.setStatusAndReason(HTTPResponse::HTTP_METHOD_NOT_ALLOWED);
      response.setContentLength(0);
      response.send();
      return;
    }
    if (file == nullptr) {
      const std::string text = state_.files.empty()
                                   ? fmt::format("the web pages are not built ({} is empty)\n", state_.files.root().string())
                                   : "not found\n";
      response.setStatusAndReason(HTTPResponse::HTTP_NOT_FOUND);
      response.setContentType("text/plain; charset=utf-8");
      response.setContentLength(static_cast<std::streamsize>(text.size()));
      response.send() << text;
      return;
    }
    response.set("ETag", file->etag);
    response.set("Cache-Control", file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    response.setContentType(file->contentType);
    if (request.has("If-None-Match") && request.get("If-None-Match") == file->etag) {
      response.setStatusAndReason(HTTPResponse::HTTP_NOT_MODIFIED);
      response.setContentLength(0);
      response.send();
      return;
    }
    const bool gzip = !file->gzipped.empty() && request.has("Accept-Encoding") &&
                      request.get("Accept-Encoding").find("gzip") != std::string::npos;
    const std::string& body = gzip ? file->gzipped : file->body;
    if (gzip) response.set("Content-Encoding", "gzip");
    response.set("Vary", "Accept-Encoding");
    detail::sendWholeAnswer(request, response, body);
  }

 private:
  const WebState& state_;
  bool secure_;
};

class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  HandlerFactory(WebState& state, bool secure) : state_(state), secure_(secure) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& request) override {
    if (request.getURI().starts_with("/api/")) return new ApiHandler(state_, secure_);
    return new StaticHandler(state_, secure_);
  }

 private:
  WebState& state_;
  bool secure_;
};

/// The plain HTTP port of an HTTPS box: every request is sent to the same path over HTTPS.
class RedirectHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RedirectHandler(std::uint16_t httpsPort) : httpsPort_(httpsPort) {}
  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    std::string host = request.getHost();
    if (const auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos) {
      host.resize(colon);
    }
    if (host.empty()) host = "localhost";
    response.redirect(fmt::format("https://{}:{}{}", host, httpsPort_, request.getURI()),
                      HTTPResponse::HTTP_MOVED_PERMANENTLY);
  }

 private:
  std::uint16_t httpsPort_;
};

class RedirectFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit RedirectFactory(std::uint16_t httpsPort) : httpsPort_(httpsPort) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new RedirectHandler(httpsPort_);
  }

 private:
  std::uint16_t httpsPort_;
};

/// Admits a new connection to the table at accept time, before it waits for a thread.
class AdmitFilter final : public Poco::Net::TCPServerConnectionFilter {
 public:
  explicit AdmitFilter(detail::ConnectionTable& table) : table_(table) {}
  bool accept(const Poco::Net::StreamSocket& socket) override {
    return table_.admit(socket, detail::ConnectionTable::Clock::now());
  }

 private:
  detail::ConnectionTable& table_;
};

Poco::Net::HTTPServerParams::Ptr paramsOf(const WebServerConfig& config) {
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(config.maxThreads);
  params->setMaxQueued(config.maxQueued);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(1000);
  params->setKeepAliveTimeout(Poco::Timespan(15, 0));
  params->setTimeout(Poco::Timespan(toMicros(config.requestTimeout)));
  params->setServerName("ews");
  return params;
}

void initializeSslOnce() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
}
}  // namespace

namespace detail {
WebState::WebState(const WebServerConfig& cfg, const std::filesystem::path& databasePath,
                   const stack::SnapshotBoard& snapshots, SiteInfo info, std::function<Time()> wallClock,
                   stack::StackCommands* stackCommands)
    : config(cfg),
      site(std::move(info)),
      clock(std::move(wallClock)),
      board(snapshots),
      commands(stackCommands),
      snapshotTexts(snapshots),
      files(cfg.staticDir),
      loginDb(databasePath, sitedb::Database::Mode::ReadWrite),
      login(loginDb),
      db(databasePath, sitedb::Database::Mode::ReadWrite),
      users(db),
      historyConnections(std::make_unique<HistoryConnections>(databasePath)) {}

std::string WebState::defaultLanguage() const {
  const std::lock_guard lock(languageMutex);
  return site.defaultLanguage;
}

void WebState::setDefaultLanguage(std::string language) {
  const std::lock_guard lock(languageMutex);
  site.defaultLanguage = std::move(language);
}
}  // namespace detail

struct WebServer::Impl {
  Impl(WebServerConfig config, const std::filesystem::path& databasePath, const stack::SnapshotBoard& board,
       SiteInfo site, std::function<Time()> clock, stack::StackCommands* commands)
      : state(config, databasePath, board, std::move(site), std::move(clock), commands),
        connections({static_cast<std::size_t>(config.maxThreads), static_cast<std::size_t>(config.maxConnectionsPerAddress),
                     std::chrono::microseconds(toMicros(config.requestTimeout)),
                     std::chrono::microseconds(toMicros(config.silenceGrace))}),
        pool(2, config.maxThreads + 2) {
    {
      // A new box has the manual's four users (8.1.1); the pages then say a default code is in use.
      const std::lock_guard lock(state.dbMutex);
      sitedb::seedDefaultUsers(state.db, state.clock());
    }
    detail::addSessionRoutes(state);
    detail::addUserRoutes(state);
    detail::addLiveRoutes(state);
    detail::addConsumptionRoutes(state);
    detail::addCommandRoutes(state);
    detail::addAlarmRoutes(state);
    detail::addConfigRoutes(state);
    detail::addSettingsRoutes(state);
    detail::addSystemRoutes(state);
    detail::addBackupRoutes(state);
    detail::addReportRoutes(state);
    detail::addNotifyRoutes(state);
    detail::addConnectorRoutes(state);
    const Poco::Net::SocketAddress at(config.host, config.port);
    if (config.https) {
      if (!config.tls) throw std::runtime_error("HTTPS needs a certificate and a key");
      initializeSslOnce();
      Poco::Net::Context::Ptr context = new Poco::Net::Context(
          Poco::Net::Context::TLS_SERVER_USE, config.tls->privateKey.string(), config.tls->certificate.string(), "",
          Poco::Net::Context::VERIFY_NONE, 9, false, "HIGH:!aNULL:!MD5:!RC4");
      context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
      Poco::Net::SecureServerSocket socket(at, 64, context);
      socket.setNoDelay(true);
      server = pagesServer(socket, config, true);
    } else {
      Poco::Net::ServerSocket socket(at, 64);
      // Inherited by accepted sockets on Linux: an answer's header and body go out without
      // waiting for the client's delayed ACK (Nagle), which otherwise adds ~40 ms now and then.
      socket.setNoDelay(true);
      server = pagesServer(socket, config, false);
    }
    server->start();
    if (config.redirectPort) {
      Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(config.host, *config.redirectPort), 64);
      redirect = std::make_unique<Poco::Net::HTTPServer>(new RedirectFactory(server->port()), pool, socket,
                                                         paramsOf(config));
      redirect->start();
    }
  }

  /// The pages' server: our keep-alive connections on the pool, each admitted by the table.
  std::unique_ptr<Poco::Net::TCPServer> pagesServer(const Poco::Net::ServerSocket& socket, const WebServerConfig& config,
                                                    bool secure) {
    const Poco::Net::HTTPServerParams::Ptr params = paramsOf(config);
    auto pages = std::make_unique<Poco::Net::TCPServer>(
        new detail::KeepAliveConnectionFactory(params, new HandlerFactory(state, secure), connections), pool, socket,
        params);
    pages->setConnectionFilter(new AdmitFilter(connections));
    return pages;
  }

  detail::WebState state;
  detail::ConnectionTable connections;
  Poco::ThreadPool pool;
  std::unique_ptr<Poco::Net::TCPServer> server;
  std::unique_ptr<Poco::Net::HTTPServer> redirect;
};

WebServer::WebServer(WebServerConfig config, const std::filesystem::path& databasePath,
                     const stack::SnapshotBoard& board, SiteInfo site, std::function<Time()> clock,
                     stack::StackCommands* commands) {
  try {
    impl_ = std::make_unique<Impl>(std::move(config), databasePath, board, std::move(site), std::move(clock), commands);
  } catch (const Poco::Exception& error) {
    throw std::runtime_error(fmt::format("web server: {}", error.displayText()));
  }
}

WebServer::~WebServer() { stop(); }

std::uint16_t WebServer::port() const { return impl_->server->port(); }

void WebServer::attachSiteControl(SiteControl& control) { impl_->state.control = &control; }

std::optional<std::uint16_t> WebServer::redirectPort() const {
  if (!impl_->redirect) return std::nullopt;
  return impl_->redirect->port();
}

std::string WebServer::url() const {
  return fmt::format("{}://{}:{}", impl_->state.config.https ? "https" : "http", impl_->state.config.host, port());
}

std::vector<std::string> WebServer::routes() const {
  std::vector<std::string> list;
  for (const auto& route : impl_->state.router.routes()) list.push_back(route.method + " " + route.pattern);
  return list;
}

void WebServer::stop() {
  if (!impl_ || impl_->state.stopping.exchange(true)) return;
  if (impl_->redirect) impl_->redirect->stopAll(true);
  impl_->server->stop();                // no new connection from now on
  impl_->connections.shutdownAll();     // the open ones return at once, keep-alive or streaming
  impl_->pool.joinAll();
}

Time wallClockNow() { return std::chrono::floor<Duration>(std::chrono::system_clock::now()); }

}  // namespace ews::web
