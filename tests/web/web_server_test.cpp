// The web server over a real site database, on 127.0.0.1 port 0: every API route walked with
// every role against one table (200/403/401...), CSRF, security headers, static files with ETag
// and gzip, body limits, and HTTPS with the generated certificate and the HTTP redirect.
#include <Poco/JSON/Parser.h>
#include <Poco/Net/AcceptCertificateHandler.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include "api_client.hpp"
#include "ews/sitedb/config_store.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/web/web_server.hpp"

namespace ews::web {
namespace {
using apitest::Answer;
using apitest::Client;

namespace fs = std::filesystem;

class WebServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ews-web-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "static" / "assets");
    {
      // The small office's configuration: the consumption routes read the site from it.
      sitedb::Database db(dir_ / "ews.db", sitedb::Database::Mode::ReadWrite);
      std::ifstream scenario(fs::path(EWS_SOURCE_DIR) / "scenarios" / "default.yaml");
      sitedb::saveConfig(db, std::string(std::istreambuf_iterator<char>(scenario), {}), "test", "seed", now_);
    }
    std::ofstream(dir_ / "static" / "index.html") << "<!doctype html><title>EWS</title>";
    std::ofstream(dir_ / "static" / "assets" / "app-1234.js") << std::string(20000, 'x');
    stack::LiveSnapshot snapshot;
    snapshot.sequence = 1;
    snapshot.devices.push_back({1, "Main meter", acquisition::DeviceStatus::On, {{"power.active.total", 1234.5, {}, false}}});
    board_.publish(snapshot);
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }
  void start(WebServerConfig config = {}) {
    config.https = config.tls.has_value();
    config.staticDir = dir_ / "static";
    server_ = std::make_unique<WebServer>(config, dir_ / "ews.db", board_, SiteInfo{"Test site", "32", "fr", "Europe/Paris"},
                                          [this] { return now_; });
  }

  fs::path dir_;
  stack::SnapshotBoard board_;
  std::unique_ptr<WebServer> server_;
  Time now_ = timeFromMicros(1'765'000'000'000'000);
};

// The role table (docs/api.md): each route's expected status per role for a well-formed call.
// Login and logout change the session and are checked on their own below.
struct RouteCall {
  std::string route;  ///< as WebServer::routes() names it
  std::string method;
  std::string path;
  std::string body;
  std::map<std::string, int> status;  ///< by role; "anonymous" without a session
};

TEST_F(WebServerTest, EveryRouteWithEveryRoleAnswersAsTheTableSays) {
  start();
  const std::map<std::string, int> kConsumptions = {
      {"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 200}, {"user", 200}};
  // The default installer has no Web Server configuration page (docs/users.md).
  const std::map<std::string, int> kWebServerPage = {
      {"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 403}, {"user", 403}};
  const std::map<std::string, int> kReportsPage = {
      {"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 403}, {"user", 403}};
  const std::map<std::string, int> kWebServerPageNoSite = {
      {"anonymous", 401}, {"administrator", 503}, {"greenUp", 503}, {"installer", 403}, {"user", 403}};
  const std::vector<RouteCall> table = {
      {"GET /api/v1/session", "GET", "/api/v1/session", "",
       {{"anonymous", 200}, {"administrator", 200}, {"greenUp", 200}, {"installer", 200}, {"user", 200}}},
      {"GET /api/v1/home", "GET", "/api/v1/home", "",
       {{"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 200}, {"user", 200}}},
      {"GET /api/v1/users", "GET", "/api/v1/users", "",
       {{"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 403}, {"user", 403}}},
      {"POST /api/v1/users", "POST", "/api/v1/users", "{}",  // passes the right, then misses members: 400
       {{"anonymous", 401}, {"administrator", 400}, {"greenUp", 400}, {"installer", 403}, {"user", 403}}},
      {"PUT /api/v1/users/{name}", "PUT", "/api/v1/users/user", "{}",
       {{"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 403}, {"user", 403}}},
      {"GET /api/v1/site/live", "GET", "/api/v1/site/live", "",
       {{"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 200}, {"user", 403}}},
      {"GET /api/v1/site/live/devices/{id}", "GET", "/api/v1/site/live/devices/1", "",
       {{"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 200}, {"user", 403}}},
      {"GET /api/v1/site/live/stream", "GET", "/api/v1/site/live/stream", "",
       {{"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 200}, {"user", 403}}},
      {"GET /api/v1/consumptions/site", "GET", "/api/v1/consumptions/site", "", kConsumptions},
      {"GET /api/v1/consumptions/grand-total/{period}/{date}", "GET", "/api/v1/consumptions/grand-total/day/2026-03-29",
       "", kConsumptions},
      {"GET /api/v1/consumptions/overall/{period}/{date}", "GET", "/api/v1/consumptions/overall/month/2026-03", "",
       kConsumptions},
      {"GET /api/v1/consumptions/partials/{subject}/{period}/{date}", "GET",
       "/api/v1/consumptions/partials/groups/year/2026", "", kConsumptions},
      {"GET /api/v1/consumptions/compare/{first}/{second}/{period}/{date}", "GET",
       "/api/v1/consumptions/compare/device-1/device-2/decade/2026", "", kConsumptions},
      {"GET /api/v1/consumptions/details/{device}/{period}/{date}", "GET",
       "/api/v1/consumptions/details/device-1/day/2026-10-25", "", kConsumptions},
      {"GET /api/v1/consumptions/tariffs/total/{energy}/{period}/{date}", "GET",
       "/api/v1/consumptions/tariffs/total/electricity/year/2026", "", kConsumptions},
      {"GET /api/v1/consumptions/tariffs/details/{subject}/{period}/{date}", "GET",
       "/api/v1/consumptions/tariffs/details/total/month/2026-01", "", kConsumptions},
      {"GET /api/v1/consumptions/datalogger/{subject}/{period}/{date}", "GET",
       "/api/v1/consumptions/datalogger/total/day/2026-03-29", "", kConsumptions},
      // Passes the right, then finds no stack to command (this server has none): 503.
      {"POST /api/v1/site/live/devices/{id}/commands", "POST", "/api/v1/site/live/devices/1/commands",
       R"({"writes":[{"quantity":"command.output.1","value":1}]})",
       {{"anonymous", 401}, {"administrator", 503}, {"greenUp", 503}, {"installer", 503}, {"user", 403}}},
      {"GET /api/v1/green-up", "GET", "/api/v1/green-up", "",
       {{"anonymous", 401}, {"administrator", 403}, {"greenUp", 200}, {"installer", 403}, {"user", 403}}},
      {"GET /api/v1/green-up/stream", "GET", "/api/v1/green-up/stream", "",
       {{"anonymous", 401}, {"administrator", 403}, {"greenUp", 200}, {"installer", 403}, {"user", 403}}},
      {"GET /api/v1/links", "GET", "/api/v1/links", "",
       {{"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 200}, {"user", 403}}},
      {"POST /api/v1/green-up/stations/{id}/session", "POST", "/api/v1/green-up/stations/1/session", R"({"start":false})",
       {{"anonymous", 401}, {"administrator", 403}, {"greenUp", 503}, {"installer", 403}, {"user", 403}}},
      {"GET /api/v1/alarms", "GET", "/api/v1/alarms?page=1&pageSize=10", "",
       {{"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 200}, {"user", 200}}},
      // Reports & data download (docs/reports.md): administrator and greenUp by default.
      {"GET /api/v1/reports/site", "GET", "/api/v1/reports/site", "", kReportsPage},
      {"GET /api/v1/reports/download", "GET", "/api/v1/reports/download?first=2026-01-05&last=2026-01-05&step=1d", "",
       kReportsPage},
      {"GET /api/v1/reports/download/progress/{token}", "GET", "/api/v1/reports/download/progress/none", "",
       {{"anonymous", 401}, {"administrator", 404}, {"greenUp", 404}, {"installer", 403}, {"user", 403}}},
      {"GET /api/v1/reports/pdf", "GET", "/api/v1/reports/pdf?type=summary&period=2026-01", "", kReportsPage},
      // Email and notification (docs/delivery.md): the Web Server configuration page.
      {"GET /api/v1/notify/email", "GET", "/api/v1/notify/email", "", kWebServerPage},
      {"PUT /api/v1/notify/email", "PUT", "/api/v1/notify/email", "{}", kWebServerPage},
      {"GET /api/v1/notify/telegram", "GET", "/api/v1/notify/telegram", "", kWebServerPage},
      {"PUT /api/v1/notify/telegram", "PUT", "/api/v1/notify/telegram", "{}", kWebServerPage},
      {"GET /api/v1/notify/reports", "GET", "/api/v1/notify/reports", "", kWebServerPage},
      {"PUT /api/v1/notify/reports", "PUT", "/api/v1/notify/reports", "{}", kWebServerPage},
      {"GET /api/v1/notify/alerts", "GET", "/api/v1/notify/alerts", "", kWebServerPage},
      {"PUT /api/v1/notify/alerts", "PUT", "/api/v1/notify/alerts", "{}", kWebServerPage},
      {"GET /api/v1/notify/log/{kind}", "GET", "/api/v1/notify/log/email", "", kWebServerPage},
      {"GET /api/v1/notify/devices", "GET", "/api/v1/notify/devices", "", kWebServerPage},
      {"POST /api/v1/notify/email/test", "POST", "/api/v1/notify/email/test", "{}", kWebServerPage},
      {"POST /api/v1/notify/telegram/test", "POST", "/api/v1/notify/telegram/test", "{}", kWebServerPage},
      // Web Server configuration (docs/settings.md). The settings kept in the configuration need
      // the site, which this server has not: 503 once the right is passed (web_settings_tests
      // runs them on a site). Backups: administrator and greenUp only.
      {"GET /api/v1/settings/network", "GET", "/api/v1/settings/network", "", kWebServerPage},
      {"PUT /api/v1/settings/network", "PUT", "/api/v1/settings/network", "{}", kWebServerPage},
      {"GET /api/v1/settings/modbus", "GET", "/api/v1/settings/modbus", "", kWebServerPageNoSite},
      {"PUT /api/v1/settings/modbus", "PUT", "/api/v1/settings/modbus", "{}", kWebServerPageNoSite},
      {"GET /api/v1/settings/time", "GET", "/api/v1/settings/time", "", kWebServerPageNoSite},
      {"PUT /api/v1/settings/time", "PUT", "/api/v1/settings/time", "{}", kWebServerPageNoSite},
      {"GET /api/v1/settings/language", "GET", "/api/v1/settings/language", "", kWebServerPageNoSite},
      {"PUT /api/v1/settings/language", "PUT", "/api/v1/settings/language", "{}", kWebServerPageNoSite},
      {"GET /api/v1/settings/csv", "GET", "/api/v1/settings/csv", "", kWebServerPageNoSite},
      {"PUT /api/v1/settings/csv", "PUT", "/api/v1/settings/csv", "{}", kWebServerPageNoSite},
      {"GET /api/v1/system/version", "GET", "/api/v1/system/version", "", kWebServerPage},
      {"GET /api/v1/system/info", "GET", "/api/v1/system/info", "", kWebServerPage},
      {"POST /api/v1/system/optimize", "POST", "/api/v1/system/optimize", "{}", kWebServerPage},
      {"POST /api/v1/backup", "POST", "/api/v1/backup", "{}", kWebServerPage},
      {"GET /api/v1/backup/database.zip", "GET", "/api/v1/backup/database.zip", "", kWebServerPage},
      {"POST /api/v1/restore", "POST", "/api/v1/restore", "PK", kWebServerPageNoSite},
      // System configuration: the versions and the catalogue are the database's and the rules';
      // the others pass the right, then find no site to configure (this server has none): 503.
      {"GET /api/v1/configuration", "GET", "/api/v1/configuration", "",
       {{"anonymous", 401}, {"administrator", 503}, {"greenUp", 503}, {"installer", 503}, {"user", 403}}},
      {"GET /api/v1/configuration/versions", "GET", "/api/v1/configuration/versions", "",
       {{"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 200}, {"user", 403}}},
      {"GET /api/v1/configuration/catalogue", "GET", "/api/v1/configuration/catalogue", "",
       {{"anonymous", 401}, {"administrator", 200}, {"greenUp", 200}, {"installer", 200}, {"user", 403}}},
      {"POST /api/v1/configuration/changes", "POST", "/api/v1/configuration/changes",
       R"({"baseVersion":1,"summary":"x","edits":[{"op":"set","path":"installation.site","value":"x"}]})",
       {{"anonymous", 401}, {"administrator", 503}, {"greenUp", 503}, {"installer", 503}, {"user", 403}}},
      {"POST /api/v1/configuration/test/gateway", "POST", "/api/v1/configuration/test/gateway", R"({"gateway":0})",
       {{"anonymous", 401}, {"administrator", 503}, {"greenUp", 503}, {"installer", 503}, {"user", 403}}},
      {"POST /api/v1/configuration/test/device", "POST", "/api/v1/configuration/test/device",
       R"({"gateway":0,"device":0})",
       {{"anonymous", 401}, {"administrator", 503}, {"greenUp", 503}, {"installer", 503}, {"user", 403}}},
      // The Connector page and the FTP password: Web Server configuration (docs/api.md).
      {"GET /api/v1/connector", "GET", "/api/v1/connector", "", kWebServerPage},
      {"PUT /api/v1/connector", "PUT", "/api/v1/connector", "{}", kWebServerPage},
      // Passes the right, then finds no site's connector in this server: 503.
      {"POST /api/v1/connector/send", "POST", "/api/v1/connector/send", "{}",
       {{"anonymous", 401}, {"administrator", 503}, {"greenUp", 503}, {"installer", 403}, {"user", 403}}},
      {"POST /api/v1/connector/host-key/forget", "POST", "/api/v1/connector/host-key/forget", "{}",
       kWebServerPage},
      {"GET /api/v1/connector/log", "GET", "/api/v1/connector/log", "", kWebServerPage},
  };
  std::vector<std::string> covered = {"POST /api/v1/session/login", "POST /api/v1/session/logout"};
  for (const auto& call : table) covered.push_back(call.route);
  for (const std::string& route : server_->routes()) {
    EXPECT_NE(std::find(covered.begin(), covered.end(), route), covered.end()) << route << " is not in the role table";
  }
  const std::map<std::string, std::pair<std::string, std::string>> codes = {
      {"administrator", {"99999", "00000 9999 00000"}},
      {"greenUp", {"88888", "00000 8888 00000"}},
      {"installer", {"55555", "00000 5555 00000"}},
      {"user", {"11111", "00000 1111 00000"}}};
  std::map<std::string, Client> clients;
  clients.emplace("anonymous", Client(server_->port()));
  for (const auto& [role, code] : codes) {
    Client client(server_->port());
    ASSERT_EQ(client.login(code.first, code.second), 200) << role;
    clients.emplace(role, std::move(client));
  }
  for (const auto& call : table) {
    for (auto& [role, client] : clients) {
      const Answer answer = client.call(call.method, call.path, call.body);
      EXPECT_EQ(answer.status, call.status.at(role)) << call.route << " as " << role << ": " << answer.body;
    }
  }
}

TEST_F(WebServerTest, LoginAsksThePukOnANewBrowserOnlyAndLockForgetsIt) {
  start();
  Client browser(server_->port());
  EXPECT_EQ(browser.call("POST", "/api/v1/session/login", R"({"pin":"55555"})").status, 401);
  EXPECT_EQ(browser.login("55555", "00000 5555 00000"), 200);
  EXPECT_TRUE(browser.hasCookie("ews_browser"));
  EXPECT_EQ(browser.call("GET", "/api/v1/home").status, 200);
  EXPECT_EQ(browser.call("POST", "/api/v1/session/logout", R"({"mode":"logout"})").status, 204);
  EXPECT_EQ(browser.call("GET", "/api/v1/home").status, 401);
  // Logout: the PIN alone is enough on this browser.
  EXPECT_EQ(browser.call("POST", "/api/v1/session/login", R"({"pin":"55555"})").status, 200);
  Answer session = browser.call("GET", "/api/v1/session");
  const auto at = session.body.find("\"csrfToken\":\"");
  const std::string csrf = session.body.substr(at + 13, session.body.find('"', at + 13) - at - 13);
  EXPECT_EQ(browser.call("POST", "/api/v1/session/logout", R"({"mode":"lock"})", {{"X-CSRF-Token", csrf}}).status, 204);
  EXPECT_FALSE(browser.hasCookie("ews_browser"));
  // Lock: PIN and PUK again.
  const Answer again = browser.call("POST", "/api/v1/session/login", R"({"pin":"55555"})");
  EXPECT_EQ(again.status, 401);
  EXPECT_NE(again.body.find("puk-required"), std::string::npos) << again.body;
}

TEST_F(WebServerTest, AChangeWithoutTheCsrfTokenIsRefused) {
  start();
  Client admin(server_->port());
  ASSERT_EQ(admin.login("99999", "00000 9999 00000"), 200);
  admin.dropCsrf();
  const Answer answer = admin.call("PUT", "/api/v1/users/user", R"({"enabled":false})");
  EXPECT_EQ(answer.status, 403);
  EXPECT_NE(answer.body.find("\"csrf\""), std::string::npos) << answer.body;
}

TEST_F(WebServerTest, WrongCodesLockTheAddressOutWithRetryAfter) {
  start();
  Client attacker(server_->port());
  int last = 0;
  Answer answer;
  for (int attempt = 0; attempt < 5; ++attempt) {
    answer = attacker.call("POST", "/api/v1/session/login", R"({"pin":"12121"})");
    last = answer.status;
  }
  EXPECT_EQ(last, 429) << answer.body;
  EXPECT_EQ(answer.header("Retry-After"), "30");
  now_ += seconds(31);
  EXPECT_EQ(attacker.call("POST", "/api/v1/session/login", R"({"pin":"12121"})").status, 429);  // 60 s now
}

TEST_F(WebServerTest, UsersAddedOnTheUsersPageLogInWithTheirRightsAndFieldErrorsNameTheField) {
  start();
  Client admin(server_->port());
  ASSERT_EQ(admin.login("99999", "00000 9999 00000"), 200);
  Answer bad = admin.call("POST", "/api/v1/users",
                          R"({"name":"bob","pin":"123","puk":"12345678901234","pages":["consumptions"]})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("\"field\":\"pin\""), std::string::npos) << bad.body;
  EXPECT_EQ(admin.call("POST", "/api/v1/users",
                       R"({"name":"bob","pin":"24680","puk":"13579135791357","pages":["consumptions"]})").status,
            201);
  Client bob(server_->port());
  ASSERT_EQ(bob.login("24680", "13579135791357"), 200);
  EXPECT_EQ(bob.call("GET", "/api/v1/home").body, R"({"tiles":[{"href":"/consumptions","page":"consumptions"}]})");
  EXPECT_EQ(bob.call("GET", "/api/v1/site/live").status, 403);
  // The installer reads the site's overview and a device's values from the published snapshot.
  Client installer(server_->port());
  ASSERT_EQ(installer.login("55555", "00000 5555 00000"), 200);
  const Answer overview = installer.call("GET", "/api/v1/site/live");
  EXPECT_NE(overview.body.find(R"({"id":1,"name":"Main meter","status":"on",)"), std::string::npos) << overview.body;
  const Answer device = installer.call("GET", "/api/v1/site/live/devices/1");
  EXPECT_NE(device.body.find(R"("power.active.total":{"value":1234.5,"at":")"), std::string::npos) << device.body;
  EXPECT_EQ(installer.call("GET", "/api/v1/site/live/devices/77").status, 404);
}

// My panel board's selection buttons (manual 8.2.1) and the Green'Up stations (8.3) come from
// the snapshot: address label, gateway, functions, the breaker's state, a station in error.
TEST_F(WebServerTest, TheOverviewAndTheGreenUpPageShowWhatTheSnapshotHolds) {
  stack::LiveSnapshot snapshot;
  snapshot.sequence = 2;
  stack::LiveSnapshot::Device breaker{6, "Kitchen", acquisition::DeviceStatus::On,
                                      {{"breaker.state", 2, {}, false}, {"power.active.total", 0, {}, false}}};
  breaker.addressLabel = "6";
  breaker.family = "breaker";
  breaker.gatewayId = 1;
  breaker.gatewayName = "Local";
  breaker.panelBoard = "Main board";
  breaker.functions = {"measure", "state"};
  stack::LiveSnapshot::Device station{9, "Green'Up 1", acquisition::DeviceStatus::On,
                                      {{"station.state", 3, {}, false}, {"station.error", 2, {}, false},
                                       {"current.L1", 0, {}, false}, {"station.evPlugEnabled", 1, {}, false}}};
  station.addressLabel = "1";
  station.family = "charging-station";
  station.gatewayId = 2;
  station.gatewayName = "Car park gateway";
  station.commands = {"station.evPlugEnabled"};
  station.functions = {"measure", "state", "command"};
  snapshot.devices = {breaker, station};
  snapshot.dlm = stack::LiveSnapshot::Dlm{"yellow", 80, 63, 2, 1, true, {65.5, 40, 41}, {}};
  snapshot.dlm->stations.push_back({9, true, false, true, "first_step", true, false, "none", 12.5, 32, 3});
  board_.publish(snapshot);
  start();
  Client greenUp(server_->port());
  ASSERT_EQ(greenUp.login("88888", "00000 8888 00000"), 200);
  // The texts follow the board within their worker's poll period.
  Answer overview;
  for (int i = 0; i < 50 && overview.body.find("\"sequence\":2") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    overview = greenUp.call("GET", "/api/v1/site/live");
  }
  EXPECT_NE(overview.body.find(R"({"id":6,"name":"Kitchen","status":"on","address":"6","family":"breaker","model":"",)"
                               R"("gatewayId":1,"gateway":"Local","panelBoard":"Main board","medium":"","groups":[],)"
                               R"("functions":["measure","state"],"breakerState":"tripped","commands":[]})"),
            std::string::npos)
      << overview.body;
  EXPECT_NE(overview.body.find(R"({"id":9,"name":"Green'Up 1","status":"station-failure",)"), std::string::npos) << overview.body;
  EXPECT_NE(overview.body.find(R"("functions":["measure","state","command"],"breakerState":null,"commands":["station.evPlugEnabled"]})"),
            std::string::npos)
      << overview.body;
  const Answer stations = greenUp.call("GET", "/api/v1/green-up");
  EXPECT_NE(stations.body.find(R"("dlm":{"zone":"yellow","maxCurrentA":80,"maxChargingCurrentA":63,"hysteresisPct":2,)"
                               R"("totalMeterId":1,"meterValid":true,"currentsA":[65.5,40,41]})"),
            std::string::npos)
      << stations.body;
  EXPECT_NE(stations.body.find(R"("state":"error","stationError":2,"chargeError":null,"currentsA":[0,null,null])"),
            std::string::npos)
      << stations.body;
  EXPECT_NE(stations.body.find(R"("session":{"connected":true,"waiting":false,"authorised":true,"level":"first_step",)"
                               R"("priority":true,"defaultPriority":false,"startWait":"none","chargeAh":12.5}})"),
            std::string::npos)
      << stations.body;
  EXPECT_EQ(stations.body.find("Kitchen"), std::string::npos) << "only charging stations: " << stations.body;
}

// Reports: alarms (manual 8.7): the events table newest first, filtered, paged, with the
// device's name, gateway and address; a bad filter names itself.
TEST_F(WebServerTest, AlarmsArePagedFilteredAndNamedAndBadFiltersNameTheirField) {
  {
    sitedb::Database db(dir_ / "ews.db", sitedb::Database::Mode::ReadWrite);
    for (int i = 0; i < 7; ++i) {
      db.exec(fmt::format("INSERT INTO events(at_us, device, kind, detail, author) VALUES({}, {}, '{}', 'event {}', '')",
                          1'767'600'000'000'000LL + i * 60'000'000LL, i % 2 == 0 ? 1 : 0, i < 5 ? "status" : "dlm", i));
    }
  }
  start();
  Client user(server_->port());
  ASSERT_EQ(user.login("11111", "00000 1111 00000"), 200);
  // The seeded users' event (kind "user", the audit trail) is not an alarm: never listed.
  const std::string since;
  const auto json = [](const Answer& answer) {
    return Poco::JSON::Parser().parse(answer.body).extract<Poco::JSON::Object::Ptr>();
  };
  const Answer first = user.call("GET", "/api/v1/alarms?page=1&pageSize=3" + since);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto page = json(first);
  EXPECT_EQ(page->getValue<int>("total"), 7);
  EXPECT_EQ(page->getValue<int>("pageSize"), 3);
  const auto rows = page->getArray("rows");
  ASSERT_EQ(rows->size(), 3u);
  const auto newest = rows->getObject(0);
  EXPECT_EQ(newest->getValue<std::string>("at"), "2026-01-05T08:06:00.000000Z");
  EXPECT_EQ(newest->getValue<std::string>("kind"), "dlm");
  EXPECT_EQ(newest->getValue<std::string>("detail"), "event 6");
  EXPECT_EQ(newest->getValue<std::string>("device"), "Main meter");
  EXPECT_FALSE(rows->getObject(1)->has("device")) << "a site event (device 0) has no device name";
  const auto kinds = page->getArray("kinds");
  EXPECT_EQ(kinds->size(), 2u) << first.body;  // dlm and status, not the seeded users' "user"
  EXPECT_EQ(page->getValue<std::string>("timeZone"), "Europe/Paris");
  const Answer last = user.call("GET", "/api/v1/alarms?page=3&pageSize=3" + since);
  EXPECT_EQ(json(last)->getArray("rows")->size(), 1u) << last.body;
  EXPECT_NE(last.body.find(R"("detail":"event 0")"), std::string::npos) << last.body;
  // Filters together; `from` also takes the API's own time format (with its fraction).
  const Answer filtered = user.call("GET", "/api/v1/alarms?kind=status&device=1&from=2026-01-05T08:01:00.000000Z");
  EXPECT_EQ(json(filtered)->getValue<int>("total"), 2) << filtered.body;  // events 2 and 4
  const Answer badSize = user.call("GET", "/api/v1/alarms?pageSize=500");
  EXPECT_EQ(badSize.status, 422);
  EXPECT_NE(badSize.body.find(R"("field":"pageSize")"), std::string::npos) << badSize.body;
  const Answer badTime = user.call("GET", "/api/v1/alarms?from=yesterday");
  EXPECT_EQ(badTime.status, 422);
  EXPECT_NE(badTime.body.find(R"("field":"from")"), std::string::npos) << badTime.body;
}

TEST_F(WebServerTest, StaticFilesHaveEtagsGzipSecurityHeadersAndTheApplicationForItsRoutes) {
  start();
  Client browser(server_->port());
  const Answer page = browser.call("GET", "/web-server/users");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<title>EWS</title>"), std::string::npos);
  EXPECT_NE(page.header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("X-Frame-Options"), "DENY");
  const Answer script = browser.call("GET", "/assets/app-1234.js", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(script.header("Content-Encoding"), "gzip");
  EXPECT_LT(script.body.size(), 1000u);
  EXPECT_NE(script.header("Cache-Control").find("immutable"), std::string::npos);
  EXPECT_EQ(browser.call("GET", "/assets/app-1234.js", "", {{"If-None-Match", script.header("ETag")}}).status, 304);
  EXPECT_EQ(browser.call("GET", "/assets/missing.js").status, 404);
  EXPECT_EQ(browser.call("GET", "/api/v1/nothing").status, 404);
  EXPECT_EQ(browser.call("POST", "/api/v1/session/login", std::string(70000, ' ')).status, 413);
  EXPECT_EQ(browser.call("POST", "/api/v1/session/login", "not json").status, 400);
}

TEST_F(WebServerTest, HttpsWithTheGeneratedCertificateAndTheRedirect) {
  WebServerConfig config;
  config.tls = ensureSelfSignedCertificate(dir_, {"ews.local"});
  EXPECT_EQ(fs::status(config.tls->privateKey).permissions() & fs::perms::others_read, fs::perms::none);
  config.redirectPort = 0;
  start(config);
  ASSERT_TRUE(server_->redirectPort().has_value());
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", config.tls->certificate.string(),
                             Poco::Net::Context::VERIFY_STRICT);
  Poco::Net::HTTPSClientSession https("127.0.0.1", server_->port(), context);
  Poco::Net::HTTPRequest request("GET", "/api/v1/session", Poco::Net::HTTPMessage::HTTP_1_1);
  https.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(https.receiveResponse(response), body);
  EXPECT_EQ(response.getStatus(), 200);
  EXPECT_NE(body.find("\"defaultLanguage\":\"fr\""), std::string::npos) << body;
  EXPECT_EQ(response.get("Strict-Transport-Security"), "max-age=31536000");
  Client plain(*server_->redirectPort());
  const Answer redirect = plain.call("GET", "/consumptions?x=1", "", {{"Host", "ews.local:80"}});
  EXPECT_EQ(redirect.status, 301);
  EXPECT_EQ(redirect.header("Location"), "https://ews.local:" + std::to_string(server_->port()) + "/consumptions?x=1");
}

/// A TCP connection to the server that sends only what it is told to.
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port) : socket_(Poco::Net::SocketAddress("127.0.0.1", port)) {}
  void send(const std::string& text) { socket_.sendBytes(text.data(), static_cast<int>(text.size())); }
  /// Whether the server closed (or reset) the connection within `timeout`.
  bool closedByPeer(Poco::Timespan timeout) {
    try {
      if (!socket_.poll(timeout, Poco::Net::Socket::SELECT_READ)) return false;
      char byte = 0;
      return socket_.receiveBytes(&byte, 1) == 0;
    } catch (const Poco::Exception&) {
      return true;  // reset
    }
  }

 private:
  Poco::Net::StreamSocket socket_;
};

/// GET `path` on a browser's keep-alive connection: the status.
int keepAliveGet(Poco::Net::HTTPClientSession& browser, const std::string& path) {
  Poco::Net::HTTPRequest request("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
  browser.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(browser.receiveResponse(response), body);
  return response.getStatus();
}

TEST_F(WebServerTest, AFloodOfSilentConnectionsCannotLockABrowserOut) {
  WebServerConfig config;
  config.maxThreads = 8;
  config.maxConnectionsPerAddress = 6;
  config.requestTimeout = seconds(60);  // the flood would hold every thread for a minute
  config.silenceGrace = milliseconds(100);
  start(config);
  Poco::Net::HTTPClientSession browser("127.0.0.1", server_->port());
  browser.setKeepAlive(true);
  browser.setTimeout(Poco::Timespan(5, 0));
  ASSERT_EQ(keepAliveGet(browser, "/index.html"), 200);
  const auto browserPort = browser.socket().address().port();

  std::atomic<bool> flooding{true};
  std::atomic<int> failures{0};
  std::atomic<int> requests{0};
  std::thread reading([&] {
    while (flooding.load()) {
      try {
        if (keepAliveGet(browser, "/index.html") != 200) ++failures;
      } catch (const Poco::Exception&) {
        ++failures;
      }
      ++requests;
      // Well under the 1000 requests a keep-alive connection serves before it is renewed.
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  // Everything from 127.0.0.1, the browser too: the flood competes with it for its address's slots.
  std::vector<std::unique_ptr<RawConnection>> flood;
  for (int i = 0; i < 300; ++i) {
    flood.push_back(std::make_unique<RawConnection>(server_->port()));
    if (i % 50 == 49) std::this_thread::sleep_for(std::chrono::milliseconds(120));  // older ones past the grace
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  flooding = false;
  reading.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(requests.load(), 10);
  EXPECT_EQ(browser.socket().address().port(), browserPort) << "the browser kept its connection";
  int stillOpen = 0;
  for (auto& connection : flood) stillOpen += connection->closedByPeer(Poco::Timespan(0)) ? 0 : 1;
  EXPECT_LE(stillOpen, 7);  // the browser holds the eighth place
  // A browser opening a new connection gets in at once (a silent one gives way), not after the
  // flood's minute of request timeout.
  const auto opened = std::chrono::steady_clock::now();
  Client newcomer(server_->port());
  EXPECT_EQ(newcomer.call("GET", "/index.html").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - opened, std::chrono::seconds(30));
}

TEST_F(WebServerTest, OverItsAddressLimitAMachineWhoseRequestsAreUnderWayStillGetsAFreePlace) {
  WebServerConfig config;
  config.maxThreads = 8;
  config.maxConnectionsPerAddress = 2;
  start(config);
  RawConnection first(server_->port());
  RawConnection second(server_->port());
  first.send("GET /index.html HTTP/1.1\r\n");  // both reading a request, within its timeout
  second.send("GET /index.html HTTP/1.1\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  Client third(server_->port());
  EXPECT_EQ(third.call("GET", "/index.html").status, 200);
  EXPECT_FALSE(first.closedByPeer(Poco::Timespan(0)));
  EXPECT_FALSE(second.closedByPeer(Poco::Timespan(0)));
}

TEST_F(WebServerTest, ASilentConnectionTimesOutAndAStalledRequestGivesWayFirst) {
  WebServerConfig config;
  config.maxThreads = 2;
  config.requestTimeout = milliseconds(300);
  start(config);
  {
    RawConnection silent(server_->port());
    const auto connected = std::chrono::steady_clock::now();
    EXPECT_TRUE(silent.closedByPeer(Poco::Timespan(3, 0)));
    EXPECT_GE(std::chrono::steady_clock::now() - connected, std::chrono::milliseconds(250));
  }
  // The table full: a browser idle between requests, and a request sent a header line every
  // 100 ms (no single read waits the 300 ms of the timeout, the whole request does).
  Poco::Net::HTTPClientSession idle("127.0.0.1", server_->port());
  idle.setKeepAlive(true);
  ASSERT_EQ(keepAliveGet(idle, "/index.html"), 200);
  const auto idlePort = idle.socket().address().port();
  RawConnection slow(server_->port());
  slow.send("GET /index.html HTTP/1.1\r\nHost: ews\r\n");
  std::atomic<bool> dripping{true};
  std::thread drip([&] {
    for (int i = 0; i < 12 && dripping.load(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      try {
        slow.send("X-Drip: " + std::to_string(i) + "\r\n");
      } catch (const Poco::Exception&) {
        break;  // given way
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(450));  // the slow request is overdue now
  Client newcomer(server_->port());
  EXPECT_EQ(newcomer.call("GET", "/index.html").status, 200);
  EXPECT_TRUE(slow.closedByPeer(Poco::Timespan(1, 0))) << "the stalled request gave way";
  dripping = false;
  drip.join();
  EXPECT_EQ(keepAliveGet(idle, "/index.html"), 200);
  EXPECT_EQ(idle.socket().address().port(), idlePort) << "the idle browser kept its connection";
}

}  // namespace
}  // namespace ews::web
