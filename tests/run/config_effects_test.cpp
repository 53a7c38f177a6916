// When a saved change of the System configuration's site sections takes effect on the running
// stack (issue 16, manual 7.16.3-7.16.5), in virtual time over the default scenario's simulated
// site: a Green'Up setting at the next control period, a sample rate at its next boundary, a
// price from the change on with the costs already recorded left as they were.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>

#include "ews/run/config_service.hpp"
#include "ews/run/simulated_lines.hpp"
#include "ews/run/site_host.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/sitedb/history_reader.hpp"

namespace ews::run {
namespace {

namespace fs = std::filesystem;
const std::string kDefault = std::string(EWS_SOURCE_DIR) + "/scenarios/default.yaml";
const history::SeriesKey kTotal = history::SeriesKey::total(history::SeriesKind::ElectricityTotal);

/// The default scenario's site on a fresh data folder, polling.
struct Site {
  explicit Site(const std::string& name)
      : dir(fs::temp_directory_path() / ("ews-effects-test-" + std::to_string(::getpid()) + "-" + name)),
        simulated((fs::remove_all(dir), scenario::loadScenarioFile(kDefault))),
        data(dir, kDefault, "test", simulated.start()),
        host(simulated.engine(), data, simulated.deviceProfiles(), simulatedLines(simulated), "test"),
        service(data) {
    host.start();
  }
  ~Site() { fs::remove_all(dir); }

  void apply(const std::string& path, const std::string& value) {
    host.reconfigure(service.apply({"installer", path, {{ConfigEdit::Op::Set, path, value}}}, simulated.engine().now()));
  }
  /// The stored sample rows of `series` (the writer's own connection: what it wrote so far).
  std::vector<history::Bucket> samples(history::SeriesKey series) {
    return sitedb::HistoryReader(data.db()).range(series, history::Resolution::Sample, 0, INT64_MAX);
  }

  fs::path dir;
  site::SimulatedSite simulated;
  SiteData data;
  SiteHost host;
  ConfigService service;
};

TEST(ConfigEffects, AGreenUpSettingActsAtTheNextControlPeriod) {
  Site site("dlm");
  const Duration period = site.data.config().scenario->run.controlPeriod;
  // Mid-period, during the working day's charging.
  const Time changedAt = site.simulated.start() + hours(9) + period / 2;
  site.simulated.runUntil(changedAt);
  ASSERT_NE(site.host.ews().dlm(), nullptr);
  const double before = site.host.ews().dlm()->controller().settings().maxChargingCurrentA;
  ASSERT_NE(before, 40.0);
  site.apply("dlm.maxChargingCurrent", "40");
  site.simulated.runUntil(changedAt + period);
  const stack::DlmRunner* dlm = site.host.ews().dlm();
  ASSERT_NE(dlm, nullptr);
  EXPECT_DOUBLE_EQ(dlm->controller().settings().maxChargingCurrentA, 40.0);
  // The new settings decided within one control period of the change.
  EXPECT_GE(dlm->lastObservation().at, changedAt);
  EXPECT_LE(dlm->lastObservation().at, changedAt + period);
}

TEST(ConfigEffects, ANewSampleRateStartsAtItsNextBoundary) {
  Site site("rate");
  const Time changedAt = site.simulated.start() + hours(2) + minutes(3);  // 10-min samples until 02:00
  site.simulated.runUntil(changedAt);
  site.apply("ews.sampleRate", "15min");
  site.simulated.runUntil(changedAt + hours(1));
  std::vector<Time> after;
  for (const history::Bucket& bucket : site.samples(kTotal)) {
    if (timeFromMicros(bucket.key) > changedAt - minutes(10)) after.push_back(timeFromMicros(bucket.key));
  }
  const Time start = site.simulated.start();
  // 02:00 (the old rate), then 02:15 (the interval in progress ends at the new rate's next
  // boundary), then every 15 min.
  const std::vector<Time> expected = {start + hours(2), start + hours(2) + minutes(15), start + hours(2) + minutes(30),
                                      start + hours(2) + minutes(45), start + hours(3)};
  EXPECT_EQ(after, expected);
}

TEST(ConfigEffects, ANewPricePricesFromTheChangeOnAndRecordedCostsStay) {
  Site site("price");
  // The default scenario's Peak tariff (position 0) is in force 06:00-21:59 on weekdays.
  const Time changedAt = site.simulated.start() + hours(10) + minutes(5);
  site.simulated.runUntil(changedAt);
  const history::SeriesKey peakCost = history::SeriesKey::cost(kTotal, 0);
  const std::vector<history::Bucket> costsBefore = site.samples(peakCost);
  ASSERT_FALSE(costsBefore.empty());
  site.apply("tariffs.electricity.tariffs[0].prices", "[{price: 0.5}]");
  site.simulated.runUntil(changedAt + hours(1));

  const std::vector<history::Bucket> costs = site.samples(peakCost);
  const std::vector<history::Bucket> energy = site.samples(kTotal);
  std::map<std::int64_t, double> whByKey;
  for (const auto& bucket : energy) whByKey[bucket.key] = bucket.value;
  std::size_t kept = 0;
  std::size_t repriced = 0;
  for (const auto& bucket : costs) {
    const Time at = timeFromMicros(bucket.key);
    const double wh = whByKey.at(bucket.key);
    if (at < changedAt) {
      // Recorded before the change: as it was, at the old price.
      const auto old = std::find_if(costsBefore.begin(), costsBefore.end(), [&](const auto& b) { return b.key == bucket.key; });
      ASSERT_NE(old, costsBefore.end());
      EXPECT_EQ(bucket, *old);
      if (at >= site.simulated.start() + hours(6) + minutes(10)) {
        EXPECT_NEAR(bucket.value, wh / 1000.0 * 0.2068, 1e-9);
        ++kept;
      }
    } else {
      // The interval in progress at the change and every one after: the new price.
      EXPECT_NEAR(bucket.value, wh / 1000.0 * 0.5, 1e-9) << "sample at " << bucket.key;
      ++repriced;
    }
  }
  EXPECT_GT(kept, 20u);
  EXPECT_EQ(repriced, 6u);
}

}  // namespace
}  // namespace ews::run
