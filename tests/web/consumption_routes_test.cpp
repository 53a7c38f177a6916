// The consumption routes (docs/api.md, "Consumptions") on a real server over a real site
// database: the small office's configuration, rows written by the site database's own writer
// across the spring-forward day in Europe/Paris, a device in communication error for two hours,
// and every page's answer checked against what was written (values, nulls for gaps, 23 bars,
// units, costs, datalogger.csv with the site's separators) and every bad input named.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "api_client.hpp"
#include "ews/kernel/csv.hpp"
#include "ews/sitedb/config_store.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/history_writer.hpp"
#include "ews/web/web_server.hpp"

namespace ews::web {
namespace {
using apitest::Answer;
using apitest::Client;
using Poco::JSON::Array;
using Poco::JSON::Object;
namespace fs = std::filesystem;

Object::Ptr parse(const Answer& answer) {
  return Poco::JSON::Parser().parse(answer.body).extract<Object::Ptr>();
}

/// The id of the subject named `name` in the site answer's `list`.
int idOf(const Object::Ptr& site, const std::string& list, const std::string& name) {
  const Array::Ptr items = site->getArray(list);
  for (std::size_t index = 0; index < items->size(); ++index) {
    const Object::Ptr item = items->getObject(static_cast<unsigned>(index));
    if (item->getValue<std::string>("name") == name) return item->getValue<int>("id");
  }
  ADD_FAILURE() << "no " << name << " in " << list;
  return 0;
}

class ConsumptionRoutesTest : public ::testing::Test {
 protected:
  static constexpr double kHvacWh = 100.0;   // per 10-minute sample
  static constexpr double kWaterDm3 = 5.0;   // per 10-minute sample
  static constexpr double kPeakCost = 0.02;  // per sample, tariff 0 (Peak)
  static constexpr double kOthersWh = 40.0;  // the total's other members during HVAC's gap

  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ews-consumption-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "static");
    std::ofstream(dir_ / "static" / "index.html") << "<!doctype html>";
    db_ = std::make_unique<sitedb::Database>(dir_ / "ews.db", sitedb::Database::Mode::ReadWrite);
    std::ifstream scenario(fs::path(EWS_SOURCE_DIR) / "scenarios" / "default.yaml");
    sitedb::saveConfig(*db_, std::string(std::istreambuf_iterator<char>(scenario), {}), "test", "seed", now_);
    WebServerConfig config;
    config.https = false;
    config.staticDir = dir_ / "static";
    server_ = std::make_unique<WebServer>(config, dir_ / "ews.db", board_, SiteInfo{"Test", "32", "en"},
                                          [this] { return now_; });
    client_ = std::make_unique<Client>(server_->port());
    ASSERT_EQ(client_->login("11111", "00000 1111 00000"), 200);  // the "user" role: Consumptions
    site_ = parse(get("/api/v1/consumptions/site"));
    hvac_ = idOf(site_, "devices", "HVAC");
    water_ = idOf(site_, "devices", "Water");
    offices_ = idOf(site_, "groups", "Offices");
  }
  void TearDown() override {
    server_.reset();
    db_.reset();
    fs::remove_all(dir_);
  }

  /// 2026-03-28 00:10 to 2026-03-31 00:00 (Paris) every 10 minutes; HVAC in communication error
  /// from 10:00 to 12:00 on the 29th (its rows are gaps; the total's are partial and hold the
  /// other members' consumption; the Offices group's, of HVAC alone, are partial and hold nothing).
  void writeHistory() {
    const TimeZone paris("Europe/Paris");
    sitedb::HistoryWriter writer(*db_, paris);
    const Time first = paris.toUtc({2026, 3, 28, 0, 10, 0});
    const Time gapFrom = paris.toUtc({2026, 3, 29, 10, 0, 0});
    const Time gapTo = paris.toUtc({2026, 3, 29, 12, 0, 0});
    for (Time t = first; t <= paris.toUtc({2026, 3, 31, 0, 0, 0}); t += minutes(10)) {
      const bool gap = t > gapFrom && t <= gapTo;
      const double delta = gap ? 0.0 : kHvacWh;
      const std::vector<double> costs = {gap ? 0.0 : kPeakCost, 0.0};
      const std::vector<double> waterCost = {kWaterDm3 / 1000 * 4.15};
      std::vector<recording::DeviceSample> devices = {
          {.deviceId = hvac_, .delta = delta, .gap = gap, .costByTariff = costs},
          {.deviceId = water_, .medium = installation::Medium::Water, .delta = kWaterDm3, .costByTariff = waterCost}};
      writer.onSamples(t, devices);
      std::vector<recording::AggregateSample> aggregates = {
          {.kind = recording::AggregateSample::Kind::Group, .id = offices_, .delta = delta, .partial = gap},
          {.kind = recording::AggregateSample::Kind::ElectricityTotal, .delta = gap ? kOthersWh : kHvacWh, .partial = gap,
           .costByTariff = costs},
          {.kind = recording::AggregateSample::Kind::WaterTotal, .delta = kWaterDm3,
           .medium = installation::Medium::Water, .costByTariff = waterCost}};
      writer.onAggregates(t, aggregates);
    }
  }

  Answer get(const std::string& path) { return client_->call("GET", path); }

  fs::path dir_;
  Time now_ = timeFromMicros(1'775'000'000'000'000);
  std::unique_ptr<sitedb::Database> db_;
  stack::SnapshotBoard board_;
  std::unique_ptr<WebServer> server_;
  std::unique_ptr<Client> client_;
  Object::Ptr site_;
  int hvac_ = 0;
  int water_ = 0;
  int offices_ = 0;
};

TEST_F(ConsumptionRoutesTest, TheSiteListsItsSubjectsTariffsAndSeparators) {
  EXPECT_EQ(site_->getValue<std::string>("timeZone"), "Europe/Paris");
  EXPECT_EQ(site_->getValue<std::string>("currency"), "EUR");
  EXPECT_EQ(site_->getObject("csv")->getValue<std::string>("decimalSeparator"), ",");
  EXPECT_EQ(site_->getObject("csv")->getValue<std::string>("fieldSeparator"), ";");
  EXPECT_EQ(site_->getObject("tariffs")->getArray("electricity")->getObject(0)->getValue<std::string>("name"), "Peak");
  EXPECT_TRUE(site_->isNull("latestDate"));  // nothing stored yet
  writeHistory();
  EXPECT_EQ(parse(get("/api/v1/consumptions/site"))->getValue<std::string>("latestDate"), "2026-03-30");
}

TEST_F(ConsumptionRoutesTest, DetailsOfADayHaveTheDstDaysBarsTheWrittenValuesAndNullForTheGap) {
  writeHistory();
  const Object::Ptr day = parse(get(fmt::format("/api/v1/consumptions/details/device-{}/day/2026-03-29", hvac_)));
  const Array::Ptr labels = day->getArray("labels");
  ASSERT_EQ(labels->size(), 23u);  // the spring-forward day
  EXPECT_EQ(labels->getElement<std::string>(2), "03:00");
  const Object::Ptr series = day->getArray("series")->getObject(0);
  const Array::Ptr values = series->getArray("values");
  // 10:00 and 11:00 local are indexes 9 and 10 (02:00 does not exist).
  for (unsigned index = 0; index < 23; ++index) {
    if (index == 9 || index == 10) {
      EXPECT_TRUE(values->isNull(index)) << index;
    } else {
      EXPECT_DOUBLE_EQ(values->getElement<double>(index), 6 * kHvacWh) << index;
    }
  }
  EXPECT_EQ(series->getArray("gaps")->size(), 2u);
  EXPECT_DOUBLE_EQ(series->getValue<double>("total"), 21 * 6 * kHvacWh);
  EXPECT_DOUBLE_EQ(series->getValue<double>("previousTotal"), 24 * 6 * kHvacWh);  // the 28th, 24 hours
  EXPECT_EQ(day->getValue<std::string>("previousDate"), "2026-03-28");
  EXPECT_EQ(day->getObject("display")->getValue<std::string>("unit"), "Wh");
  // A day with nothing stored: every bar null, never zero.
  const Object::Ptr empty = parse(get(fmt::format("/api/v1/consumptions/details/device-{}/day/2026-01-05", hvac_)));
  const Object::Ptr nothing = empty->getArray("series")->getObject(0);
  EXPECT_TRUE(nothing->isNull("total"));
  EXPECT_TRUE(nothing->getArray("values")->isNull(0));
}

TEST_F(ConsumptionRoutesTest, APartialHourKeepsTheOthersConsumptionAndAnHourOfNoMemberReadIsUnknown) {
  writeHistory();
  const Object::Ptr day = parse(get("/api/v1/consumptions/grand-total/day/2026-03-29"));
  const Object::Ptr total = day->getArray("series")->getObject(0);
  EXPECT_DOUBLE_EQ(total->getArray("values")->getElement<double>(9), 6 * kOthersWh);
  EXPECT_EQ(total->getArray("gaps")->getElement<int>(0), 9);
  const Object::Ptr group = parse(get(fmt::format("/api/v1/consumptions/partials/group-{}/day/2026-03-29", offices_)));
  const Array::Ptr values = group->getArray("series")->getObject(0)->getArray("values");
  EXPECT_TRUE(values->isNull(9));
  EXPECT_TRUE(values->isNull(10));
  EXPECT_DOUBLE_EQ(values->getElement<double>(11), 6 * kHvacWh);
}

TEST_F(ConsumptionRoutesTest, TheFallBackDayHas25BarsWithTwoTwoOClocks) {
  const TimeZone paris("Europe/Paris");
  sitedb::HistoryWriter writer(*db_, paris);
  for (Time t = paris.toUtc({2026, 10, 25, 0, 10, 0}); t <= paris.toUtc({2026, 10, 26, 0, 0, 0}); t += minutes(10)) {
    const std::vector<recording::DeviceSample> devices = {{.deviceId = hvac_, .delta = kHvacWh}};
    writer.onSamples(t, devices);
    writer.onAggregates(t, {});
  }
  const Object::Ptr day = parse(get(fmt::format("/api/v1/consumptions/details/device-{}/day/2026-10-25", hvac_)));
  const Array::Ptr labels = day->getArray("labels");
  ASSERT_EQ(labels->size(), 25u);
  EXPECT_EQ(labels->getElement<std::string>(2), "02:00");
  EXPECT_EQ(labels->getElement<std::string>(3), "02:00");
  EXPECT_NE(day->getArray("starts")->getElement<std::string>(2), day->getArray("starts")->getElement<std::string>(3));
  EXPECT_DOUBLE_EQ(day->getArray("series")->getObject(0)->getValue<double>("total"), 25 * 6 * kHvacWh);
}

TEST_F(ConsumptionRoutesTest, MonthYearAndDecadeAddUpTheSamplesAndScaleTheUnit) {
  writeHistory();
  const Object::Ptr month = parse(get("/api/v1/consumptions/grand-total/month/2026-03"));
  ASSERT_EQ(month->getArray("labels")->size(), 31u);
  const Object::Ptr total = month->getArray("series")->getObject(0);
  EXPECT_EQ(total->getValue<std::string>("key"), "total");
  EXPECT_TRUE(total->getArray("values")->isNull(26));  // the 27th: before the first sample
  EXPECT_DOUBLE_EQ(total->getArray("values")->getElement<double>(27), 144 * kHvacWh);
  // The total's rows in the gap are partial: their value counts, marked.
  EXPECT_DOUBLE_EQ(total->getArray("values")->getElement<double>(28), (138 - 12) * kHvacWh + 12 * kOthersWh);
  EXPECT_EQ(total->getArray("gaps")->getElement<int>(0), 28);
  EXPECT_EQ(month->getObject("display")->getValue<std::string>("unit"), "kWh");
  EXPECT_DOUBLE_EQ(month->getObject("display")->getValue<double>("divisor"), 1000.0);
  const double marchWh = (144 + 126 + 144) * kHvacWh + 12 * kOthersWh;  // the sample at 00:00 on the 31st closes the 30th
  const Object::Ptr year = parse(get("/api/v1/consumptions/grand-total/year/2026"));
  ASSERT_EQ(year->getArray("labels")->size(), 12u);
  EXPECT_DOUBLE_EQ(year->getArray("series")->getObject(0)->getArray("values")->getElement<double>(2), marchWh);
  const Object::Ptr decade = parse(get("/api/v1/consumptions/grand-total/decade/2027"));
  EXPECT_EQ(decade->getValue<std::string>("date"), "2020");
  EXPECT_EQ(decade->getArray("labels")->getElement<std::string>(6), "2026");
}

TEST_F(ConsumptionRoutesTest, OverallTariffsAndCompareSplitUnitsAndCurrency) {
  writeHistory();
  const Object::Ptr overall = parse(get("/api/v1/consumptions/overall/day/2026-03-28"));
  const Array::Ptr rows = overall->getArray("rows");
  EXPECT_DOUBLE_EQ(rows->getObject(0)->getValue<double>("total"), 144 * kHvacWh);
  EXPECT_NEAR(rows->getObject(0)->getValue<double>("cost"), 144 * kPeakCost, 1e-9);
  EXPECT_EQ(rows->getObject(3)->getValue<std::string>("key"), "water");
  EXPECT_DOUBLE_EQ(rows->getObject(3)->getValue<double>("total"), 144 * kWaterDm3);
  EXPECT_TRUE(rows->getObject(1)->isNull("total"));  // no gas row was written
  const Object::Ptr tariffs = parse(get("/api/v1/consumptions/tariffs/total/electricity/day/2026-03-28"));
  EXPECT_NEAR(tariffs->getArray("tariffs")->getObject(0)->getValue<double>("total"), 144 * kPeakCost, 1e-9);
  EXPECT_DOUBLE_EQ(tariffs->getArray("tariffs")->getObject(1)->getValue<double>("total"), 0.0);
  // HVAC (Wh) against Water (dm3): by cost only.
  const Object::Ptr compare =
      parse(get(fmt::format("/api/v1/consumptions/compare/device-{}/device-{}/day/2026-03-28", hvac_, water_)));
  EXPECT_EQ(compare->getValue<std::string>("basis"), "currency");
  EXPECT_EQ(compare->getValue<std::string>("unit"), "EUR");
  EXPECT_NEAR(compare->getArray("series")->getObject(1)->getValue<double>("total"), 144 * kWaterDm3 / 1000 * 4.15, 1e-9);
  const Object::Ptr costs = parse(get(fmt::format("/api/v1/consumptions/tariffs/details/device-{}/day/2026-03-29", hvac_)));
  EXPECT_EQ(costs->getArray("series")->getObject(0)->getValue<std::string>("name"), "Peak");
  EXPECT_TRUE(costs->getArray("series")->getObject(0)->getArray("values")->isNull(9));
}

TEST_F(ConsumptionRoutesTest, DataloggerCsvHasTheSitesSeparatorsAndEmptyFieldsForGaps) {
  writeHistory();
  const Answer csv = get(fmt::format("/api/v1/consumptions/datalogger/device-{}/day/2026-03-29", hvac_));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.header("Content-Disposition").find("datalogger.csv"), std::string::npos);
  std::istringstream lines(csv.body);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  ASSERT_EQ(rows.size(), 24u);  // header + 23 hours
  EXPECT_EQ(rows[0], "date_time;HVAC (Wh);HVAC [Peak] (EUR);HVAC [Off-peak] (EUR);gap");
  EXPECT_EQ(rows[1], "2026-03-29 00:00:00+01:00;600,000;0,120000;0,000000;0");
  EXPECT_EQ(rows[3], "2026-03-29 03:00:00+02:00;600,000;0,120000;0,000000;0");
  EXPECT_EQ(rows[10], "2026-03-29 10:00:00+02:00;;;;1");
}

TEST_F(ConsumptionRoutesTest, DataloggerCsvNamesReadBackWithTheCsvReader) {
  // The device renamed with the separator, a quote and a comma: its header fields stay whole.
  std::ifstream scenario(fs::path(EWS_SOURCE_DIR) / "scenarios" / "default.yaml");
  std::string text(std::istreambuf_iterator<char>(scenario), {});
  for (std::size_t at = text.find("HVAC"); at != std::string::npos; at = text.find("HVAC", at + 30)) {
    text.replace(at, 4, R"("HVAC; floor \"1\", B")");
  }
  sitedb::saveConfig(*db_, text, "test", "renamed", now_);
  writeHistory();
  const Answer answer = get(fmt::format("/api/v1/consumptions/datalogger/device-{}/day/2026-03-29", hvac_));
  ASSERT_EQ(answer.status, 200) << answer.body;
  const csv::Table table = csv::read(answer.body);
  ASSERT_TRUE(table.problems.empty());
  ASSERT_EQ(table.records.size(), 24u);
  const auto& header = table.records[0].fields;
  ASSERT_EQ(header.size(), 5u);
  EXPECT_EQ(header[1].text, "HVAC; floor \"1\", B (Wh)");
  EXPECT_EQ(header[2].text, "HVAC; floor \"1\", B [Peak] (EUR)");
  EXPECT_EQ(table.records[1].fields[1].text, "600,000");
}

TEST_F(ConsumptionRoutesTest, BadInputIsRefusedNamingTheField) {
  const auto fieldOf = [this](const std::string& path, int status) {
    const Answer answer = get(path);
    EXPECT_EQ(answer.status, status) << path << ": " << answer.body;
    const Object::Ptr error = parse(answer)->getObject("error");
    return error->has("field") ? error->getValue<std::string>("field") : std::string();
  };
  EXPECT_EQ(fieldOf("/api/v1/consumptions/grand-total/week/2026", 422), "period");
  EXPECT_EQ(fieldOf("/api/v1/consumptions/grand-total/day/2026-02-30", 422), "date");
  EXPECT_EQ(fieldOf("/api/v1/consumptions/grand-total/month/2026-3", 422), "date");
  EXPECT_EQ(fieldOf("/api/v1/consumptions/details/device-999/day/2026-03-29", 404), "device");
  EXPECT_EQ(fieldOf("/api/v1/consumptions/details/load-1/day/2026-03-29", 422), "device");
  EXPECT_EQ(fieldOf("/api/v1/consumptions/partials/rooms/day/2026-03-29", 422), "subject");
  EXPECT_EQ(fieldOf("/api/v1/consumptions/tariffs/total/steam/day/2026-03-29", 422), "energy");
  EXPECT_EQ(fieldOf("/api/v1/consumptions/compare/device-1/banana/day/2026-03-29", 422), "second");
}

}  // namespace
}  // namespace ews::web
