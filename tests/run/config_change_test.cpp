// The configuration service and the site host: every kind of change applied while acquisition
// runs over a simulated site, with the history continuous across it (the main meter's day in
// the site database equals the simulation's ground truth within one sample interval), the CSV
// tree's version bumped only where the structure changed, a refused change leaving everything
// as it was, and seed -> export -> re-seed giving the same site.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ews/run/config_service.hpp"
#include "ews/run/simulated_lines.hpp"
#include "ews/run/site_host.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/sitedb/config_store.hpp"
#include "ews/sitedb/history_reader.hpp"
#include "ews/stores/store_layout.hpp"

namespace ews::run {
namespace {

namespace fs = std::filesystem;
const std::string kDefault = std::string(EWS_SOURCE_DIR) + "/scenarios/default.yaml";

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("ews-run-test-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  return dir;
}

int deviceId(const SiteConfig& config, const std::string& name) {
  for (const auto* device : config.installation->devices()) {
    if (device->name == name) return device->id;
  }
  return 0;
}

ConfigChange set(const std::string& path, const std::string& value, const std::string& summary) {
  return {"installer", summary, {{ConfigEdit::Op::Set, path, value}}};
}

TEST(ConfigChange, EveryKindAppliedWhileRunningKeepsTheHistoryContinuous) {
  const fs::path dir = freshDir("changes");
  site::SimulatedSite site(scenario::loadScenarioFile(kDefault));
  SiteData data(dir, kDefault, "test", site.start());
  SiteHost host(site.engine(), data, site.deviceProfiles(), simulatedLines(site), "test");
  ConfigService service(data);
  host.start();
  const int mainMeter = deviceId(data.config(), "Main meter");
  ASSERT_GT(mainMeter, 0);
  const int firstCsvVersion = host.csvVersion();

  struct Step {
    ConfigChange change;
    bool structural;  ///< the CSV tree's columns change (manual 8.4.3: a new version)
  };
  const std::vector<Step> steps = {
      {set("ews.sampleRate", "5min", "sample rate 5 min"), false},
      {set("dlm.hysteresis", "10", "DLM hysteresis 10 %"), false},
      {set("tariffs.electricity.rules[2].time", "[\"07:00\", \"21:59\"]", "peak from 07:00"), false},
      {set("installation.gateways[0].devices[4].load", "Heating", "Kitchen meter on the Heating load"), true},
      {set("installation.gateways[0].devices[4].groups", "[Car park]", "Kitchen meter in the Car park group"), true},
      {set("installation.gateways[0].devices[5].name", "Cold water", "rename Water"), true},
      {{"installer", "remove the gas counter", {{ConfigEdit::Op::Remove, "installation.gateways[0].devices[6]", ""}}}, true},
      {{"installer", "add the gas counter back",
        {{ConfigEdit::Op::Append, "installation.gateways[0].devices",
          "{name: Gas, family: pulse-counter, model: Gas counter, concentrator: \"4 120 65\", address: 5, position: 2, "
          "medium: gas, sim: {profile: gas-boiler}}"}}},
       true},
  };
  Time at = site.start();
  int version = data.config().version;
  for (const Step& step : steps) {
    SCOPED_TRACE(step.change.summary);
    at += hours(2);
    site.runUntil(at);
    const int csvBefore = host.csvVersion();
    const SiteConfig next = service.apply(step.change, site.engine().now());
    EXPECT_EQ(next.version, ++version);
    host.reconfigure(next);
    EXPECT_EQ(host.csvVersion(), step.structural ? csvBefore + 1 : csvBefore);
  }
  EXPECT_GT(host.csvVersion(), firstCsvVersion);
  EXPECT_EQ(host.builds(), 1 + static_cast<int>(steps.size()));

  // A refused change: a duplicate address, named by its field; nothing stored, nothing rebuilt.
  const std::string before = data.config().yaml;
  try {
    service.apply(set("installation.gateways[0].devices[1].address", "1", "duplicate address"), site.engine().now());
    FAIL() << "a duplicate address was accepted";
  } catch (const ValidationError& error) {
    EXPECT_NE(std::string(error.what()).find("address"), std::string::npos) << error.what();
  }
  try {
    service.apply(set("installation.gateways[9].name", "x", "no such gateway"), site.engine().now());
    FAIL() << "a path to nothing was accepted";
  } catch (const ValidationError& error) {
    EXPECT_NE(std::string(error.what()).find("installation.gateways[9].name"), std::string::npos) << error.what();
  }
  EXPECT_EQ(data.config().yaml, before);
  EXPECT_EQ(sitedb::latestConfig(data.db())->version, version);
  EXPECT_EQ(host.builds(), 1 + static_cast<int>(steps.size()));

  // The day through every change: the main meter's recorded consumption equals the
  // simulation's own counter within one sample interval (10 min, the longest used).
  const Time end = site.start() + days(1);
  site.runUntil(end - minutes(10));
  const double truthBefore = site.counters().at(mainMeter);
  site.runUntil(end);
  const double truth = site.counters().at(mainMeter);
  host.close();
  const sitedb::HistoryReader reader(data.db());
  const auto recorded =
      reader.queries(host.zone()).total(history::SeriesKey::device(mainMeter), history::Period::Day, site.start());
  EXPECT_GT(truth, 100000.0);
  EXPECT_NEAR(recorded.value, truth, truth - truthBefore) << "recorded " << recorded.value << " Wh, truth " << truth;
  EXPECT_EQ(recorded.gapSamples, 0u);
  fs::remove_all(dir);
}

TEST(ConfigChange, SeedExportReseedGivesTheSameSite) {
  const fs::path first = freshDir("seed1");
  const fs::path second = freshDir("seed2");
  const Time now = timeFromMicros(1'760'000'000'000'000);
  std::string exported;
  {
    SiteData data(first, kDefault, "test", now);
    ConfigService service(data);
    service.apply(set("dlm.maxCurrent", "90", "a stored change"), now);
    exported = sitedb::latestConfig(data.db())->scenarioYaml;
  }
  const fs::path file = second.parent_path() / "ews-export-test.yaml";
  { std::ofstream(file) << exported; }
  SiteData reseeded(second, file.string(), "test", now);
  const SiteData reopened(first, std::nullopt, "test2", now);  // the first folder again, from its database
  EXPECT_EQ(reseeded.config().yaml, exported);
  const auto layout = [](const SiteConfig& c) { return stores::layoutOf(*c.installation, c.scenario->tariffs.plan, c.scenario->ews.currency); };
  EXPECT_EQ(layout(reseeded.config()), layout(reopened.config()));
  EXPECT_DOUBLE_EQ(reseeded.config().scenario->dlm.maxCurrentA, 90.0);
  EXPECT_EQ(reseeded.config().scenario->ews.sampleRate, reopened.config().scenario->ews.sampleRate);
  fs::remove_all(first);
  fs::remove_all(second);
  fs::remove(file);
}

TEST(DataFolder, ASecondHolderIsRefusedNamingTheFirst) {
  const fs::path dir = freshDir("lock");
  const Time now = timeFromMicros(1'760'000'000'000'000);
  SiteData first(dir, kDefault, "ews live first", now);
  try {
    SiteData second(dir, std::nullopt, "ews live second", now);
    FAIL() << "two holders of one data folder";
  } catch (const reports::FolderBusy& error) {
    EXPECT_NE(std::string(error.what()).find("ews live first"), std::string::npos) << error.what();
  }
  fs::remove_all(dir);
}

TEST(DataFolder, AnEmptyDatabaseWithoutASeedAndABadSeedStoreNothing) {
  const fs::path dir = freshDir("empty");
  const Time now = timeFromMicros(1'760'000'000'000'000);
  EXPECT_THROW(SiteData(dir, std::nullopt, "test", now), std::runtime_error);
  const fs::path bad = dir / "bad.yaml";
  { std::ofstream(bad) << "ews: {sampleRate: 7min}\ninstallation: {}\n"; }
  EXPECT_THROW(SiteData(dir, bad.string(), "test", now), ValidationError);
  const sitedb::Database db(dir / SiteData::kDatabaseFile, sitedb::Database::Mode::ReadOnly);
  EXPECT_FALSE(sitedb::latestConfig(db).has_value());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ews::run
