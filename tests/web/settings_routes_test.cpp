// The Web Server configuration routes (docs/settings.md) on a real site: the small office
// simulated in wall-clock time at 600x on a data folder (SiteData, SiteHost, the engine on its
// own thread), the web server on 127.0.0.1 port 0 with the HostedSiteControl `ews serve` uses.
// Every route, every validation rule with its field and nothing stored on a refusal, the
// write-only FTP password, the CSV tree taking new separators from its next version, Optimize,
// backup and download, a corrupt archive refused with the data untouched, a good one handed to
// the restart and restored, and the rights (installer: settings but no backup; user: nothing).
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <limits>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "api_client.hpp"
#include "ews/run/simulated_lines.hpp"
#include "ews/run/site_data.hpp"
#include "ews/run/site_host.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/sitedb/config_store.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/history_reader.hpp"
#include "ews/sitedb/settings_store.hpp"
#include "ews/web/web_server.hpp"
#include "site_control.hpp"

namespace ews::web {
namespace {
using apitest::Answer;
using apitest::Client;
namespace fs = std::filesystem;

const std::string kDefault = std::string(EWS_SOURCE_DIR) + "/scenarios/default.yaml";

Poco::JSON::Object::Ptr json(const Answer& answer) {
  return Poco::JSON::Parser().parse(answer.body).extract<Poco::JSON::Object::Ptr>();
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<sitedb::StoredEvent> allEvents(const sitedb::Database& db) {
  return sitedb::readEvents(db, Time{}, timeFromMicros(std::numeric_limits<std::int64_t>::max() / 2), 1'000'000);
}

/// Rows of a table, through a read-only connection of the test's own.
std::int64_t count(const fs::path& db, const std::string& table) {
  const sitedb::Database reader(db, sitedb::Database::Mode::ReadOnly);
  return reader.queryInt(fmt::format("SELECT count(*) FROM {}", table)).value_or(-1);
}

class SettingsRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ews-settings-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "static");
    std::ofstream(dir_ / "static" / "index.html") << "<!doctype html><title>EWS</title>";
    startSite();
  }
  void TearDown() override {
    stopSite();
    fs::remove_all(dir_);
  }

  void startSite() {
    site::RunOverrides overrides;
    overrides.clock = scenario::ClockMode::Wall;
    overrides.speed = 600.0;  // a 10 min sample each wall second
    overrides.duration = days(365);
    site_ = std::make_unique<site::SimulatedSite>(scenario::loadScenarioFile(kDefault), overrides);
    data_ = std::make_unique<run::SiteData>(dir_ / "data", kDefault, "test", site_->start());
    host_ = std::make_unique<run::SiteHost>(site_->engine(), *data_, site_->deviceProfiles(),
                                            run::simulatedLines(*site_), "test");
    control_ = std::make_unique<cli::HostedSiteControl>(site_->engine(), *data_, *host_, true);
    WebServerConfig config;
    config.https = false;
    config.staticDir = dir_ / "static";
    server_ = std::make_unique<WebServer>(config, dir_ / "data" / "ews.db", board_,
                                          SiteInfo{"Test site", "32", "en", "Europe/Paris"}, wallClockNow);
    server_->attachSiteControl(*control_);
    host_->start();
    engine_ = std::thread([this] { site_->runUntil(site_->end()); });
  }
  /// Stops the engine (unless a restore did), the pages and the site; the folder is free then.
  void stopSite() {
    if (!site_) return;
    site_->engine().requestStop();
    if (engine_.joinable()) engine_.join();
    server_->stop();
    host_->close();
    server_.reset();
    control_.reset();
    host_.reset();
    data_.reset();
    site_.reset();
  }

  Client loggedIn(const std::string& pin, const std::string& puk) {
    Client client(server_->port());
    EXPECT_EQ(client.login(pin, puk), 200);
    return client;
  }
  Client admin() { return loggedIn("99999", "00000 9999 00000"); }
  fs::path db() const { return dir_ / "data" / "ews.db"; }
  /// The configuration version in force, as the CSV page (any settings page) reports it.
  static int configVersion(Client& client) {
    return json(client.call("GET", "/api/v1/settings/csv"))->getValue<int>("version");
  }

  /// A PUT that must be refused: its status and field, and the page's GET unchanged.
  void expectRefused(Client& client, const std::string& page, const std::string& body, int status,
                     const std::string& field) {
    const std::string path = "/api/v1/settings/" + page;
    const std::string before = client.call("GET", path).body;
    const int version = configVersion(client);
    const Answer answer = client.call("PUT", path, body);
    EXPECT_EQ(answer.status, status) << page << " " << body << ": " << answer.body;
    EXPECT_NE(answer.body.find(fmt::format(R"("field":"{}")", field)), std::string::npos)
        << page << " " << body << ": " << answer.body;
    const std::string after = client.call("GET", path).body;
    if (page == "time") {
      // The box's clock moves: compare what is stored.
      EXPECT_EQ(json(Answer{0, before, {}, {}})->getValue<std::string>("timezone"),
                json(Answer{0, after, {}, {}})->getValue<std::string>("timezone"));
      EXPECT_EQ(json(Answer{0, before, {}, {}})->getValue<std::string>("ntp_server"),
                json(Answer{0, after, {}, {}})->getValue<std::string>("ntp_server"));
    } else {
      EXPECT_EQ(before, after) << page << " " << body;
    }
    EXPECT_EQ(configVersion(client), version) << page << " " << body << ": no configuration version stored";
  }

  fs::path dir_;
  stack::SnapshotBoard board_;
  std::unique_ptr<site::SimulatedSite> site_;
  std::unique_ptr<run::SiteData> data_;
  std::unique_ptr<run::SiteHost> host_;
  std::unique_ptr<cli::HostedSiteControl> control_;
  std::unique_ptr<WebServer> server_;
  std::thread engine_;
};

TEST_F(SettingsRoutesTest, NetworkSettingsAreStoredAndEveryRuleNamesItsField) {
  Client client = admin();
  const auto defaults = json(client.call("GET", "/api/v1/settings/network"));
  EXPECT_EQ(defaults->getValue<std::string>("address"), "192.168.1.100");
  EXPECT_EQ(defaults->getValue<std::string>("subnet_mask"), "255.255.255.0");
  EXPECT_EQ(defaults->getValue<std::string>("gateway"), "192.168.1.1");
  const Answer saved = client.call(
      "PUT", "/api/v1/settings/network",
      R"({"address":"172.168.1.101","subnet_mask":"255.255.255.0","gateway":"172.168.1.1","dns":"172.168.1.2"})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json(client.call("GET", "/api/v1/settings/network"))->getValue<std::string>("address"), "172.168.1.101");
  {
    const sitedb::Database reader(db(), sitedb::Database::Mode::ReadOnly);
    EXPECT_EQ(sitedb::load<sitedb::NetworkSettings>(reader).gateway, "172.168.1.1");
  }
  expectRefused(client, "network", R"({"address":"300.1.1.1"})", 422, "network.address");
  expectRefused(client, "network", R"({"address":"172.168.01.5"})", 422, "network.address");
  expectRefused(client, "network", R"({"address":"172.168.1.0"})", 422, "network.address");
  expectRefused(client, "network", R"({"address":"172.168.1.255"})", 422, "network.address");
  expectRefused(client, "network", R"({"address":"127.0.0.5"})", 422, "network.address");
  expectRefused(client, "network", R"({"subnet_mask":"255.0.255.0"})", 422, "network.subnet_mask");
  expectRefused(client, "network", R"({"subnet_mask":"255.255.255.254"})", 422, "network.subnet_mask");
  expectRefused(client, "network", R"({"gateway":"10.0.0.1"})", 422, "network.gateway");
  expectRefused(client, "network", R"({"gateway":"172.168.1.101"})", 422, "network.gateway");
  expectRefused(client, "network", R"({"dns":"dns.example"})", 422, "network.dns");
  expectRefused(client, "network", R"({"address":5})", 422, "network.address");
  expectRefused(client, "network", R"({"hostname":"box"})", 422, "network.hostname");
}

TEST_F(SettingsRoutesTest, ModbusSettingsBecomeANewConfigurationVersionAndEveryRuleNamesItsField) {
  Client client = admin();
  const auto defaults = json(client.call("GET", "/api/v1/settings/modbus"));
  // The technical sheet's defaults (default.yaml sets none of them).
  EXPECT_EQ(defaults->getValue<int>("baud"), 19200);
  EXPECT_EQ(defaults->getValue<std::string>("parity"), "even");
  EXPECT_EQ(defaults->getValue<int>("stop_bits"), 1);
  EXPECT_EQ(defaults->getValue<int>("timeout_ms"), 300);
  EXPECT_FALSE(defaults->getValue<bool>("tcp_server"));
  const int version = defaults->getValue<int>("version");
  const Answer saved = client.call("PUT", "/api/v1/settings/modbus", R"({"baud":9600,"parity":"none","timeout_ms":500})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json(saved)->getValue<int>("version"), version + 1);
  EXPECT_EQ(json(saved)->getValue<int>("baud"), 9600);
  {
    const sitedb::Database reader(db(), sitedb::Database::Mode::ReadOnly);
    const auto latest = sitedb::latestConfig(reader);
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->version, version + 1);
    EXPECT_EQ(latest->author, "administrator");
    EXPECT_NE(latest->scenarioYaml.find("9600"), std::string::npos) << latest->scenarioYaml;
  }
  expectRefused(client, "modbus", R"({"baud":12345})", 422, "modbus.baud");
  expectRefused(client, "modbus", R"({"parity":"mark"})", 422, "modbus.parity");
  expectRefused(client, "modbus", R"({"stop_bits":3})", 422, "modbus.stop_bits");
  expectRefused(client, "modbus", R"({"timeout_ms":20})", 422, "modbus.timeout_ms");
  expectRefused(client, "modbus", R"({"tcp_server_port":0})", 422, "modbus.tcp_server_port");
  expectRefused(client, "modbus", R"({"tcp_server":"yes"})", 422, "modbus.tcp_server");
  expectRefused(client, "modbus", R"({"baud":"fast"})", 422, "modbus.baud");
  expectRefused(client, "modbus", R"({"parity":"even\n{a: 1}"})", 422, "modbus.parity");
  expectRefused(client, "modbus", R"({"flow_control":true})", 422, "modbus.flow_control");
}

TEST_F(SettingsRoutesTest, DateTimeAndLanguageAreValidatedTogetherAndTheLanguageReachesTheLoginPage) {
  Client client = admin();
  const auto time = json(client.call("GET", "/api/v1/settings/time"));
  EXPECT_EQ(time->getValue<std::string>("timezone"), "Europe/Paris");
  EXPECT_FALSE(time->getValue<bool>("automatic"));
  expectRefused(client, "time", R"({"timezone":"Mars/Olympus"})", 422, "time.timezone");
  // A valid zone with a bad NTP part: neither is stored.
  expectRefused(client, "time", R"({"timezone":"Europe/Berlin","automatic":true})", 422, "time.ntp_server");
  expectRefused(client, "time", R"({"ntp_server":"ntp server"})", 422, "time.ntp_server");
  expectRefused(client, "time", R"({"automatic":"on"})", 422, "time.automatic");
  const Answer saved = client.call(
      "PUT", "/api/v1/settings/time", R"({"timezone":"Europe/Berlin","automatic":true,"ntp_server":"0.europe.pool.ntp.org"})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json(saved)->getValue<std::string>("timezone"), "Europe/Berlin");
  EXPECT_EQ(json(saved)->getValue<std::string>("ntp_server"), "0.europe.pool.ntp.org");
  // The running zone stays until a restart (docs/settings.md).
  EXPECT_EQ(json(saved)->getValue<std::string>("running_timezone"), "Europe/Paris");
  // Manual date and time (7.9): refused while the automatic setting is on, or malformed; with it
  // off, stored with the box's clock at that moment, which itself does not move.
  expectRefused(client, "time", R"({"manual_date_time":"2026-12-07 10:00"})", 422, "time.manual_date_time");
  expectRefused(client, "time", R"({"automatic":false,"manual_date_time":"2026-02-30 10:00"})", 422,
                "time.manual_date_time");
  expectRefused(client, "time", R"({"manual_set_at":"2026-01-01T00:00:00Z"})", 422, "time.manual_set_at");
  const std::string clockBefore = json(client.call("GET", "/api/v1/settings/time"))->getValue<std::string>("now");
  const Answer manual =
      client.call("PUT", "/api/v1/settings/time", R"({"automatic":false,"manual_date_time":"2030-06-01 12:30"})");
  ASSERT_EQ(manual.status, 200) << manual.body;
  EXPECT_EQ(json(manual)->getValue<std::string>("manual_date_time"), "2030-06-01 12:30");
  const std::string setAt = json(manual)->getValue<std::string>("manual_set_at");
  EXPECT_GE(setAt, clockBefore);
  EXPECT_LT(json(manual)->getValue<std::string>("now"), "2030") << "the twin's clock does not jump";

  expectRefused(client, "language", R"({"language":"xx"})", 422, "language.language");
  expectRefused(client, "language", R"({"language":7})", 422, "language.language");
  ASSERT_EQ(client.call("PUT", "/api/v1/settings/language", R"({"language":"de"})").status, 200);
  Client visitor(server_->port());
  EXPECT_EQ(json(visitor.call("GET", "/api/v1/session"))->getValue<std::string>("defaultLanguage"), "de");
}

TEST_F(SettingsRoutesTest, CsvSeparatorsReachTheTreeFromItsNextVersionAndTheFtpPasswordIsWriteOnly) {
  Client client = admin();
  const auto csv = json(client.call("GET", "/api/v1/settings/csv"));
  EXPECT_EQ(csv->getValue<std::string>("decimal_separator"), "comma");
  EXPECT_EQ(csv->getValue<std::string>("field_separator"), "semicolon");
  EXPECT_EQ(csv->getValue<std::string>("ftp_user"), "wsmeasure");
  EXPECT_TRUE(csv->getValue<bool>("password_set"));
  EXPECT_TRUE(csv->getValue<bool>("password_default"));
  expectRefused(client, "csv", R"({"decimal_separator":"comma","field_separator":"comma"})", 422, "csv.field_separator");
  expectRefused(client, "csv", R"({"decimal_separator":"dot"})", 422, "csv.decimal_separator");
  // A bad password with good separators: nothing stored, the separators neither.
  expectRefused(client, "csv", R"({"decimal_separator":"point","field_separator":"comma","password":"abc"})", 422,
                "csv.password");
  expectRefused(client, "csv", R"({"password":""})", 422, "csv.password");
  expectRefused(client, "csv", R"({"password":"new\tline"})", 422, "csv.password");

  // The tree is at some version N; wait until a sample row is in its energy file.
  const fs::path settings = dir_ / "data" / "csv" / "settings";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  auto latestDevicesFile = [&] {
    int latest = 0;
    for (const auto& entry : fs::directory_iterator(settings)) {
      int n = 0;
      if (std::sscanf(entry.path().filename().c_str(), "devices_v%d.csv", &n) == 1) latest = std::max(latest, n);
    }
    return latest;
  };
  const int before = latestDevicesFile();
  ASSERT_GT(before, 0);
  const Answer saved = client.call("PUT", "/api/v1/settings/csv",
                                   R"({"decimal_separator":"point","field_separator":"comma","password":"s3cret-pw"})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.body.find("s3cret"), std::string::npos) << "the password is never answered";
  const auto after = json(client.call("GET", "/api/v1/settings/csv"));
  EXPECT_EQ(after->getValue<std::string>("decimal_separator"), "point");
  EXPECT_TRUE(after->getValue<bool>("password_set"));
  EXPECT_FALSE(after->getValue<bool>("password_default"));
  EXPECT_EQ(client.call("GET", "/api/v1/settings/csv").body.find("s3cret"), std::string::npos);
  {
    const sitedb::Database reader(db(), sitedb::Database::Mode::ReadOnly);
    EXPECT_EQ(sitedb::load<sitedb::FtpSettings>(reader).password.reveal(), "s3cret-pw");
    for (const auto& stored : allEvents(reader)) {
      EXPECT_EQ(stored.event.detail.find("s3cret"), std::string::npos) << stored.event.detail;
    }
  }
  // Manual 8.4.3: the next version of the tree, written with the new separators.
  const fs::path next = settings / fmt::format("devices_v{}.csv", before + 1);
  EXPECT_TRUE(fs::exists(next));
  const std::string header = readFile(next).substr(0, readFile(next).find('\n'));
  EXPECT_NE(header.find("id,name,gateway"), std::string::npos) << header;
  // A row of the new version's energy file, with a point as decimal separator.
  fs::path energy;
  const fs::path energyFolder = dir_ / "data" / "csv" / "energy";  // made by the first sample
  while (energy.empty() && std::chrono::steady_clock::now() < deadline) {
    std::error_code none;
    for (const auto& entry : fs::directory_iterator(energyFolder, none)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with("devices_") && name.ends_with(fmt::format("_v{}.csv", before + 1)) &&
          readFile(entry.path()).find('\n') != readFile(entry.path()).rfind('\n')) {
        energy = entry.path();
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_FALSE(energy.empty()) << "no row in a _v" << before + 1 << " energy file";
  const std::string text = readFile(energy);
  const std::string row = text.substr(text.find('\n') + 1);
  EXPECT_NE(row.find("+0"), std::string::npos) << row;  // the date-time with its offset
  EXPECT_EQ(row.find(';'), std::string::npos) << row;
  EXPECT_NE(row.find('.'), std::string::npos) << row;
}

TEST_F(SettingsRoutesTest, SystemInformationAndOptimize) {
  Client client = admin();
  const Answer info = client.call("GET", "/api/v1/system/info");
  ASSERT_EQ(info.status, 200) << info.body;
  const auto figures = json(info);
  EXPECT_EQ(figures->getValue<std::string>("software_version"), EWS_VERSION_FOR_TESTS);
  EXPECT_GT(figures->getValue<std::int64_t>("database_bytes"), 0);
  EXPECT_GT(figures->getValue<std::int64_t>("free_bytes"), 0);
  EXPECT_EQ(figures->getValue<int>("ews_pid"), ::getpid());
  EXPECT_FALSE(figures->getObject("health")->has("last_optimize"));
  EXPECT_EQ(json(client.call("GET", "/api/v1/system/version"))->getValue<std::string>("software_version"),
            EWS_VERSION_FOR_TESTS);
  const Answer optimized = client.call("POST", "/api/v1/system/optimize", "{}");
  ASSERT_EQ(optimized.status, 200) << optimized.body;
  EXPECT_TRUE(json(optimized)->getValue<bool>("analysed"));
  EXPECT_TRUE(json(client.call("GET", "/api/v1/system/info"))->getObject("health")->has("last_optimize"));
}

TEST_F(SettingsRoutesTest, BackupDownloadsAndABadArchiveIsRefusedWithTheDataUntouchedThenAGoodOneIsRestored) {
  Client client = admin();
  std::this_thread::sleep_for(std::chrono::seconds(2));  // a few samples in the history
  const Answer made = client.call("POST", "/api/v1/backup", "{}");
  ASSERT_EQ(made.status, 200) << made.body;
  const std::string archive = readFile(dir_ / "data" / "database.zip");
  const Answer download = client.call("GET", "/api/v1/backup/database.zip");
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, archive);
  EXPECT_EQ(download.header("Content-Type"), "application/zip");
  EXPECT_NE(download.header("Content-Disposition").find("database.zip"), std::string::npos);

  auto refused = [&](const std::string& body, const std::string& reason) {
    const Answer answer = client.call("POST", "/api/v1/restore", body, {{"Content-Type", "application/zip"}});
    EXPECT_EQ(answer.status, 422) << answer.body;
    EXPECT_NE(answer.body.find(R"("field":"archive")"), std::string::npos) << answer.body;
    EXPECT_NE(answer.body.find("database.zip: " + reason), std::string::npos) << answer.body;
    EXPECT_FALSE(control_->takeRestoreRequest()) << "a refused archive never stops the site";
  };
  refused("not a zip at all", "not a zip archive");
  refused(archive.substr(0, archive.size() / 2), "not a zip archive");
  std::string corrupt = archive;
  corrupt[corrupt.size() / 3] = static_cast<char>(corrupt[corrupt.size() / 3] ^ 0x5A);
  const Answer answer = client.call("POST", "/api/v1/restore", corrupt);
  EXPECT_EQ(answer.status, 422) << answer.body;
  // The data folder holds no staging folder or upload, and nothing was moved aside.
  for (const auto& entry : fs::directory_iterator(dir_ / "data")) {
    const std::string name = entry.path().filename().string();
    EXPECT_FALSE(name.starts_with(".restore") || name.starts_with(".before-restore")) << name;
  }
  EXPECT_EQ(client.call("POST", "/api/v1/restore", "").status, 400);

  // The good one: 202, the site stops for it; the command's restore then swaps it in.
  const Answer accepted = client.call("POST", "/api/v1/restore", archive);
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  EXPECT_TRUE(json(accepted)->getValue<bool>("restarting"));
  if (engine_.joinable()) engine_.join();  // the restore request stopped the engine
  const auto request = control_->takeRestoreRequest();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->author, "administrator");
  EXPECT_TRUE(fs::exists(request->archive));
  stopSite();
  const auto samplesAfterRun = count(db(), "buckets");
  const std::string line = cli::restoreRequested(dir_ / "data", *request, wallClockNow());
  EXPECT_NE(line.find("database.zip restored"), std::string::npos) << line;
  EXPECT_FALSE(fs::exists(request->archive));
  const auto restoredBuckets = count(db(), "buckets");
  EXPECT_GT(restoredBuckets, 0);
  EXPECT_LE(restoredBuckets, samplesAfterRun) << "the backup was made before the last samples";
  const sitedb::Database reader(db(), sitedb::Database::Mode::ReadOnly);
  bool found = false;
  for (const auto& stored : allEvents(reader)) {
    if (stored.event.kind == "restore" && stored.author == "administrator") found = true;
  }
  EXPECT_TRUE(found) << "the restore is in the restored database's events";
}

TEST_F(SettingsRoutesTest, AnInstallerWithTheWebServerPageGetsTheSettingsButNeverBackupsOrUsers) {
  Client administrator = admin();
  ASSERT_EQ(administrator
                .call("PUT", "/api/v1/users/installer",
                      R"({"pages":["web_server_configuration","system_configuration","my_panel_board","consumptions","reports_alarms"]})")
                .status,
            200);
  Client installer = loggedIn("55555", "00000 5555 00000");
  for (const std::string page : {"network", "modbus", "time", "language", "csv"}) {
    EXPECT_EQ(installer.call("GET", "/api/v1/settings/" + page).status, 200) << page;
  }
  EXPECT_EQ(installer.call("PUT", "/api/v1/settings/network", R"({"dns":"192.168.1.53"})").status, 200);
  EXPECT_EQ(installer.call("GET", "/api/v1/system/info").status, 200);
  EXPECT_EQ(installer.call("POST", "/api/v1/backup", "{}").status, 403);
  EXPECT_EQ(installer.call("GET", "/api/v1/backup/database.zip").status, 403);
  EXPECT_EQ(installer.call("POST", "/api/v1/restore", "PK").status, 403);
  EXPECT_EQ(installer.call("GET", "/api/v1/users").status, 403);
  Client user = loggedIn("11111", "00000 1111 00000");
  for (const std::string path : {"/api/v1/settings/network", "/api/v1/settings/csv", "/api/v1/system/info"}) {
    EXPECT_EQ(user.call("GET", path).status, 403) << path;
  }
  EXPECT_EQ(user.call("PUT", "/api/v1/settings/csv", R"({"password":"hello-there"})").status, 403);
  EXPECT_EQ(user.call("POST", "/api/v1/backup", "{}").status, 403);
}

}  // namespace
}  // namespace ews::web
