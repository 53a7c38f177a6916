// The Web Server's own settings sections (docs/settings.md): defaults, the stored round trip,
// the FTP password write-only in the API form, and the address rules at their edges.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "ews/sitedb/database.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/settings_store.hpp"
#include "ews/sitedb/webserver_settings.hpp"

namespace ews::sitedb {
namespace {
namespace fs = std::filesystem;

std::string fieldOf(const NetworkSettings& settings) {
  try {
    validate(settings);
  } catch (const FieldError& error) {
    return error.field();
  }
  return {};
}

TEST(WebServerSettings, DefaultsAreTheTechnicalSheetsAndRoundTripThroughTheDatabase) {
  const fs::path dir = fs::temp_directory_path() / ("ews-wss-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    const Database db(dir / "ews.db", Database::Mode::ReadWrite);
    EXPECT_EQ(load<NetworkSettings>(db).address, "192.168.1.100");
    EXPECT_EQ(load<FtpSettings>(db).password.reveal(), "wsmeasure");
    EXPECT_FALSE(load<TimeSettings>(db).automatic);
    FtpSettings ftp;
    ftp.password = Secret("letmein-42");
    TimeSettings time{true, "ntp.example.org", "", ""};
    NetworkSettings network{"10.1.2.3", "255.255.0.0", "10.1.0.1", "10.1.0.53"};
    EXPECT_TRUE(save(db, ftp, "administrator", Time{}));
    EXPECT_TRUE(save(db, time, "administrator", Time{}));
    EXPECT_TRUE(save(db, network, "administrator", Time{}));
    EXPECT_FALSE(save(db, network, "administrator", Time{})) << "the same section writes nothing";
  }
  const Database reopened(dir / "ews.db", Database::Mode::ReadOnly);
  EXPECT_EQ(load<FtpSettings>(reopened).password.reveal(), "letmein-42");
  EXPECT_EQ(load<TimeSettings>(reopened).ntpServer, "ntp.example.org");
  EXPECT_EQ(load<NetworkSettings>(reopened).dns, "10.1.0.53");
  const std::string api = loadForApi<FtpSettings>(reopened);
  EXPECT_EQ(api.find("letmein"), std::string::npos) << api;
  EXPECT_NE(api.find(R"("password_set":true)"), std::string::npos) << api;
  EXPECT_NE(api.find(R"("password_default":false)"), std::string::npos) << api;
  fs::remove_all(dir);
}

TEST(WebServerSettings, AddressRulesAtTheirEdges) {
  NetworkSettings ok{"172.16.5.9", "255.255.252.0", "172.16.4.1", ""};
  EXPECT_EQ(fieldOf(ok), "");
  EXPECT_TRUE(isIpv4Address("0.0.0.0"));
  for (const char* bad : {"1.2.3", "1.2.3.4.5", "1.2.3.", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d", ""}) {
    EXPECT_FALSE(isIpv4Address(bad)) << bad;
  }
  NetworkSettings s = ok;
  s.subnetMask = "255.255.255.252";  // /30: the smallest LAN with two hosts
  s.address = "172.16.4.2";
  s.gateway = "172.16.4.1";
  EXPECT_EQ(fieldOf(s), "");
  s.subnetMask = "255.255.255.255";
  EXPECT_EQ(fieldOf(s), "network.subnet_mask");
  s = ok;
  s.address = "172.16.7.255";  // broadcast of 172.16.4.0/22
  EXPECT_EQ(fieldOf(s), "network.address");
  s = ok;
  s.gateway = "172.16.8.1";  // just outside /22
  EXPECT_EQ(fieldOf(s), "network.gateway");
  s = ok;
  s.gateway = "";  // none: an isolated LAN
  EXPECT_EQ(fieldOf(s), "");
  s.address = "224.0.0.1";
  EXPECT_EQ(fieldOf(s), "network.address");
}

TEST(WebServerSettings, AManualDateAndTimeIsACalendarInstantEnteredWithAutomaticTimeOff) {
  const auto refusal = [](const TimeSettings& settings) -> std::string {
    try {
      validate(settings);
    } catch (const FieldError& error) {
      return error.field() + ": " + error.reason();
    }
    return {};
  };
  TimeSettings time;
  for (const char* good : {"2026-12-07 10:00", "2026-12-07T10:00:59", "2028-02-29 23:59", ""}) {
    time.manualDateTime = good;
    EXPECT_EQ(refusal(time), "") << good;
  }
  for (const char* bad : {"2026-02-29 10:00", "2026-13-01 10:00", "2026-12-07 24:00", "2026-12-07 10:60",
                          "2026-12-07 10:00:60", "07/12/2026 10:00", "2026-12-07", "tomorrow"}) {
    time.manualDateTime = bad;
    EXPECT_EQ(refusal(time).rfind("time.manual_date_time: ", 0), 0u) << bad << ": " << refusal(time);
  }
  time.manualDateTime = "2026-12-07 10:00";
  time.automatic = true;
  time.ntpServer = "0.europe.pool.ntp.org";
  EXPECT_NE(refusal(time).find("turn it off"), std::string::npos) << refusal(time);
  // Stored and read back with the instant the box's clock showed.
  time.automatic = false;
  time.manualSetAt = "2026-12-07T09:59:31Z";
  TimeSettings back;
  applyJson(back, toJson(time, SecretView::Masked));
  EXPECT_EQ(back, time);
}

}  // namespace
}  // namespace ews::sitedb
