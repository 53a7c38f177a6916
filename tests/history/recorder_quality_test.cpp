// The recorder's THD, harmonics and state rows, and the weekly EN 50160 check (a subset of
// the standard, docs/history.md) of a gateway's EQ device.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "en50160_week.hpp"
#include "history_test_support.hpp"

namespace ews::history::testing {
namespace {

using acquisition::DeviceStatus;

/// Keeps copies of the quality rows, checks and events.
struct QualitySink : recording::SampleSink {
  void onSamples(Time, std::span<const recording::DeviceSample>) override { order.emplace_back("samples"); }
  void onAggregates(Time, std::span<const recording::AggregateSample>) override { order.emplace_back("aggregates"); }
  void onThd(Time t, std::span<const recording::ThdSample> rows) override {
    order.emplace_back("thd");
    for (const auto& r : rows) thd[t][{r.deviceId, std::string(r.quantity)}] = r.thdPercent;
  }
  void onHarmonics(Time t, std::span<const recording::HarmonicsSample> rows) override {
    order.emplace_back("harmonics");
    for (const auto& r : rows) {
      EXPECT_EQ(r.firstRank, 2);
      harmonics[t][{r.deviceId, std::string(r.quantity)}].assign(r.percentOfFundamental.begin(),
                                                                 r.percentOfFundamental.end());
    }
  }
  void onStates(Time t, std::span<const recording::StateSample> rows) override {
    order.emplace_back("states");
    for (const auto& r : rows) states[t][{r.deviceId, std::string(r.channel)}] = r.state;
  }
  void onQualityCheck(const recording::WeeklyQualityCheck& check) override { checks.push_back(check); }
  void onEvent(const recording::Event& event) override { events.push_back(event); }

  using Key = std::pair<int, std::string>;
  std::map<Time, std::map<Key, double>> thd;
  std::map<Time, std::map<Key, std::vector<double>>> harmonics;
  std::map<Time, std::map<Key, int>> states;
  std::vector<recording::WeeklyQualityCheck> checks;
  std::vector<recording::Event> events;
  std::vector<std::string> order;
};

TEST(RecorderQuality, PublishesGoodThdHarmonicsAndStatesOfEachSample) {
  Engine engine(EngineConfig{paris("2026-01-05 00:00"), 1});
  const auto installation = makeSite();
  acquisition::Measurements measurements;
  Recorder recorder(engine, installation, measurements, RecorderSettings{});
  QualitySink sink;
  recorder.addSink(sink);
  engine.schedule(paris("2026-01-05 00:05"), [&] {
    const Time t = paris("2026-01-05 00:05");
    measurements.setStatus(kMain, DeviceStatus::On);
    measurements.store(kMain, "thd.voltage.L1", 2.5, t);
    measurements.store(kMain, "thd.current.N", 12.0, t);
    measurements.store(kMain, "thd.voltage.L2", 3.0, t);
    measurements.markStale(kMain, "thd.voltage.L2");  // only Good values are published
    measurements.store(kMain, "harmonic.voltage.L1.h2", 1.0, t);
    measurements.store(kMain, "harmonic.voltage.L1.h3", 4.0, t);
    measurements.store(kMain, "harmonic.voltage.L1.h4", 0.5, t);
    measurements.store(kMain, "harmonic.voltage.L1.h6", 0.7, t);  // after a missing rank: left out
    measurements.store(kMain, "breaker.state", 2, t);
    measurements.store(kMain, "breaker.tripCause", 1, t);
    measurements.store(kMain, "power.active.total", 1000.0, t);  // not a state
    measurements.setStatus(kSockets, DeviceStatus::On);
    measurements.store(kSockets, "state.input.1", 1, t);
    measurements.store(kSockets, "output.2.state", 0, t);
    measurements.store(kSockets, "output.2.mode", 1, t);  // a setting, not a state
    measurements.setStatus(kLights, DeviceStatus::CommunicationError);
    measurements.store(kLights, "thd.voltage.L1", 9.0, t);  // a device in error publishes nothing
  });
  engine.runUntil(paris("2026-01-05 00:10"));
  const Time t = paris("2026-01-05 00:10");
  using Thd = std::map<QualitySink::Key, double>;
  EXPECT_EQ(sink.thd.at(t), (Thd{{{kMain, "voltage.L1"}, 2.5}, {{kMain, "current.N"}, 12.0}}));
  EXPECT_EQ(sink.harmonics.at(t).at({kMain, "voltage.L1"}), (std::vector<double>{1.0, 4.0, 0.5}));
  EXPECT_EQ(sink.harmonics.at(t).size(), 1U);
  using States = std::map<QualitySink::Key, int>;
  EXPECT_EQ(sink.states.at(t), (States{{{kMain, "breaker.state"}, 2},
                                       {{kMain, "breaker.tripCause"}, 1},
                                       {{kSockets, "state.input.1"}, 1},
                                       {{kSockets, "output.2.state"}, 0}}));
  // Between the instant's rows and its aggregates, so writers flush them together.
  EXPECT_EQ(sink.order, (std::vector<std::string>{"samples", "thd", "harmonics", "states", "aggregates"}));
}

// ---- the weekly check on synthetic 10-minute means ----

detail::QualityMeans means(double volts, double thdPercent, std::optional<double> hz = 50.0) {
  detail::QualityMeans m;
  m.voltage = {volts, volts, volts};
  m.thd = {thdPercent, thdPercent, thdPercent};
  m.frequency = hz;
  return m;
}

/// Feeds every interval of [from, to) with means(at interval start); returns the checks.
template <typename MeansAt>
std::vector<recording::WeeklyQualityCheck> feedWeek(detail::En50160Week& week, Time from, Time to, MeansAt meansAt) {
  std::vector<recording::WeeklyQualityCheck> checks;
  for (Time t = from; t < to; t += detail::kQualityInterval) {
    if (auto c = week.add(t + detail::kQualityInterval, meansAt(t))) checks.push_back(*c);
  }
  return checks;
}

TEST(En50160Week, AHealthyWeekIsOk) {
  detail::En50160Week week(parisZone(), kMain);
  const auto checks = feedWeek(week, paris("2026-01-05 00:00"), paris("2026-01-12 00:00"),
                               [](Time) { return means(231.0, 3.0); });
  ASSERT_EQ(checks.size(), 1U);
  const auto& c = checks[0];
  EXPECT_EQ(c.week, "2026-W02");
  EXPECT_EQ(c.weekStart, paris("2026-01-05 00:00"));
  EXPECT_EQ(c.weekEnd, paris("2026-01-12 00:00"));
  EXPECT_EQ(c.intervals, 7 * 144);
  EXPECT_EQ(c.voltageIntervals, 7 * 144);
  EXPECT_DOUBLE_EQ(*c.voltageInRangePercent, 100.0);
  EXPECT_DOUBLE_EQ(*c.thdWithinLimitPercent, 100.0);
  EXPECT_DOUBLE_EQ(*c.frequencyInRangePercent, 100.0);
  EXPECT_TRUE(c.ok);
  EXPECT_EQ(c.summary, "OK");
}

TEST(En50160Week, LowVoltageHighThdAndOffFrequencyAreKo) {
  detail::En50160Week week(parisZone(), kMain);
  const Time monday = paris("2026-01-05 00:00");
  // Tuesday: 200 V all day (1/7 = 14.3 % of the week, so 85.7 % within range); THD 9 % for
  // 2 days; the frequency at 49 Hz for one hour (6 intervals: 99.40 % < 99.5 %).
  const auto checks = feedWeek(week, monday, paris("2026-01-12 00:00"), [monday](Time t) {
    const double hoursIn = toSeconds(t - monday) / 3600.0;
    const double volts = (hoursIn >= 24 && hoursIn < 48) ? 200.0 : 230.0;
    const double thd = hoursIn >= 96 && hoursIn < 144 ? 9.0 : 2.0;
    const double hz = hoursIn >= 150 && hoursIn < 151 ? 49.0 : 50.0;
    return means(volts, thd, hz);
  });
  ASSERT_EQ(checks.size(), 1U);
  const auto& c = checks[0];
  EXPECT_FALSE(c.ok);
  EXPECT_NEAR(*c.voltageInRangePercent, 600.0 / 7.0, 1e-9);
  EXPECT_NEAR(*c.thdWithinLimitPercent, 500.0 / 7.0, 1e-9);
  EXPECT_NEAR(*c.frequencyInRangePercent, 100.0 * (1008 - 6) / 1008.0, 1e-9);
  EXPECT_EQ(c.summary,
            "KO (voltage within 230 V +/- 10 % 85.7 % < 95 %; voltage THD <= 8 % 71.4 % < 95 %; "
            "frequency within 50 Hz +/- 1 % 99.4 % < 99.5 %)");
}

TEST(En50160Week, OnePhaseOutOfRangeCountsAndMissingFrequencyIsNotChecked) {
  detail::En50160Week week(parisZone(), kMain);
  const Time monday = paris("2026-01-05 00:00");
  const auto checks = feedWeek(week, monday, paris("2026-01-12 00:00"), [monday](Time t) {
    auto m = means(230.0, 2.0, std::nullopt);
    if (t - monday < hours(12)) m.voltage[2] = 260.0;  // L3 high for 12 h: 92.9 % of the week
    return m;
  });
  ASSERT_EQ(checks.size(), 1U);
  EXPECT_FALSE(checks[0].ok);
  EXPECT_FALSE(checks[0].frequencyInRangePercent.has_value());
  EXPECT_EQ(checks[0].frequencyIntervals, 0);
  EXPECT_EQ(checks[0].summary, "KO (voltage within 230 V +/- 10 % 92.9 % < 95 %) [frequency not recorded]");
}

TEST(En50160Week, WeeksAreLocalAndTheSpringWeekHas167Hours) {
  detail::En50160Week week(parisZone(), kMain);
  // Monday 2026-03-23 to Monday 2026-03-30 (Paris): clocks go forward on Sunday the 29th.
  const auto checks = feedWeek(week, paris("2026-03-16 00:00"), paris("2026-04-06 00:00"),
                               [](Time) { return means(230.0, 2.0); });
  ASSERT_EQ(checks.size(), 3U);
  EXPECT_EQ(checks[0].week, "2026-W12");
  EXPECT_EQ(checks[1].week, "2026-W13");
  EXPECT_EQ(checks[1].weekStart, paris("2026-03-23 00:00"));
  EXPECT_EQ(checks[1].weekEnd, paris("2026-03-30 00:00"));
  EXPECT_EQ(checks[1].weekEnd - checks[1].weekStart, hours(167));
  EXPECT_EQ(checks[1].intervals, 167 * 6);
  EXPECT_EQ(checks[1].voltageIntervals, 167 * 6);
  EXPECT_EQ(checks[0].intervals, 168 * 6);
  // Local midnight, not UTC midnight: 2026-03-30 00:00 in Paris is 2026-03-29 22:00 UTC.
  EXPECT_EQ(checks[1].weekEnd, timeFromMicros(toMicros(paris("2026-03-29 00:00")) + toMicros(timeFromMicros(0) + hours(23))));
  // The autumn week has 169 hours.
  detail::En50160Week autumn(parisZone(), kMain);
  const auto autumnChecks = feedWeek(autumn, paris("2026-10-19 00:00"), paris("2026-10-26 00:00"),
                                     [](Time) { return means(230.0, 2.0); });
  ASSERT_EQ(autumnChecks.size(), 1U);
  EXPECT_EQ(autumnChecks[0].intervals, 169 * 6);
}

TEST(En50160Week, AWeekWithoutVoltageHasNoResultAndAGapClosesTheWeek) {
  detail::En50160Week week(parisZone(), kMain);
  detail::QualityMeans unknown;
  EXPECT_FALSE(feedWeek(week, paris("2026-01-05 00:00"), paris("2026-01-12 00:00"), [&](Time) { return unknown; })
                   .size());
  // Data on Friday only, then nothing until the next Wednesday: the week is reported when
  // the next interval arrives, with its coverage.
  detail::En50160Week gappy(parisZone(), kMain);
  EXPECT_TRUE(feedWeek(gappy, paris("2026-01-09 00:00"), paris("2026-01-10 00:00"),
                       [](Time) { return means(230.0, 2.0); }).empty());
  const auto c = gappy.add(paris("2026-01-14 00:10"), means(230.0, 2.0));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->week, "2026-W02");
  EXPECT_EQ(c->voltageIntervals, 144);
  EXPECT_TRUE(c->ok);
  EXPECT_EQ(c->summary, "OK [voltage known 144 of 1008 intervals]");
}

// ---- the recorder runs the check for each gateway's EQ device ----

installation::Installation siteWithEqDevice() {
  installation::InstallationSpec spec;
  spec.siteName = "EQ site";
  spec.variant = installation::Variant::Ews32;
  installation::GatewaySpec gateway;
  gateway.name = "GW";
  gateway.ip = "10.0.0.2";
  gateway.eqDevice = "Incomer";
  installation::DeviceSpec meter;
  meter.name = "Incomer";
  meter.family = installation::DeviceFamily::MultifunctionMeter;
  meter.address = 1;
  meter.model = "4 120 53";
  gateway.devices.push_back(meter);
  spec.gateways.push_back(gateway);
  return installation::Installation::build(spec);
}

TEST(RecorderQuality, TheEqDeviceGetsAWeeklyCheckAndAnEvent) {
  const Time start = paris("2026-01-04 23:00");  // Sunday: the first (partial) week ends soon
  Engine engine(EngineConfig{start, 1});
  const auto installation = siteWithEqDevice();
  const int id = installation.devices().front()->id;
  acquisition::Measurements measurements;
  RecorderSettings settings;
  settings.zone = &parisZone();
  settings.statTick = minutes(1);
  Recorder recorder(engine, installation, measurements, settings);
  QualitySink sink;
  recorder.addSink(sink);
  engine.every(minutes(1), start, EventPhase::Update, [&](Time t) {
    measurements.setStatus(id, DeviceStatus::On);
    // Wednesday 2026-01-07 the voltage sags to 195 V for 10 hours: 94.0 % of the week.
    const bool sag = t >= paris("2026-01-07 08:00") && t < paris("2026-01-07 18:00");
    for (const char* phase : {"voltage.L1N", "voltage.L2N", "voltage.L3N"}) {
      measurements.store(id, phase, sag ? 195.0 : 231.0, t);
    }
    for (const char* phase : {"thd.voltage.L1", "thd.voltage.L2", "thd.voltage.L3"}) {
      measurements.store(id, phase, 2.0, t);
    }
    measurements.store(id, "frequency", 50.01, t);
  });
  engine.runUntil(paris("2026-01-19 00:30"));
  ASSERT_EQ(sink.checks.size(), 3U);
  EXPECT_EQ(sink.checks[0].week, "2026-W01");  // the start's partial week, 50 minutes known
  EXPECT_TRUE(sink.checks[0].ok);
  EXPECT_EQ(sink.checks[0].voltageIntervals, 5);
  EXPECT_EQ(sink.checks[1].week, "2026-W02");
  EXPECT_FALSE(sink.checks[1].ok);
  EXPECT_NEAR(*sink.checks[1].voltageInRangePercent, 100.0 * (1008 - 60) / 1008.0, 1e-9);
  EXPECT_EQ(sink.checks[2].week, "2026-W03");
  EXPECT_TRUE(sink.checks[2].ok);
  EXPECT_EQ(sink.checks[2].summary, "OK");
  std::vector<std::string> details;
  for (const auto& e : sink.events) {
    if (e.kind != "en50160") continue;
    EXPECT_EQ(e.deviceId, id);
    details.push_back(e.detail);
  }
  ASSERT_EQ(details.size(), 3U);
  EXPECT_EQ(details[1], "LAST WEEK EN50160 CHECK: KO (voltage within 230 V +/- 10 % 94.0 % < 95 %)");
  EXPECT_EQ(details[2], "LAST WEEK EN50160 CHECK: OK");
  EXPECT_EQ(sink.events[2].at, paris("2026-01-19 00:00"));
}

TEST(RecorderQuality, NoZoneNoCheck) {
  Engine engine(EngineConfig{paris("2026-01-05 00:00"), 1});
  const auto installation = siteWithEqDevice();
  acquisition::Measurements measurements;
  Recorder recorder(engine, installation, measurements, RecorderSettings{});
  QualitySink sink;
  recorder.addSink(sink);
  engine.runUntil(paris("2026-01-13 00:00"));
  EXPECT_TRUE(sink.checks.empty());
}

}  // namespace
}  // namespace ews::history::testing
