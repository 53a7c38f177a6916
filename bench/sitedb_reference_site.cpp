#include "sitedb_reference_site.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "ews/history/row_series.hpp"
#include "ews/link/async_link.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/stack/ews_stack.hpp"
#include "ews/stack/scenario_settings.hpp"

namespace ews::bench {

namespace {

const std::string kReferencePath = std::string(EWS_SOURCE_DIR) + "/scenarios/reference-255.yaml";

/// Copies what the stack's recorder publishes; the copies own their costs, and the pointers
/// into the site (names, statistics) are dropped: the writer uses neither.
class CaptureSink final : public recording::SampleSink {
 public:
  explicit CaptureSink(std::vector<CapturedInstant>& instants) : instants_(instants) {}

  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override {
    CapturedInstant& instant = instants_.emplace_back();
    instant.at = t;
    for (recording::DeviceSample row : samples) {
      row.deviceName = nullptr;
      row.stats = {};
      row.costByTariff = keep(instant, row.costByTariff);
      instant.samples.push_back(row);
    }
  }

  void onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) override {
    if (instants_.empty() || instants_.back().at != t) return;
    CapturedInstant& instant = instants_.back();
    for (recording::AggregateSample row : aggregates) {
      row.name = nullptr;
      row.costByTariff = keep(instant, row.costByTariff);
      instant.aggregates.push_back(row);
    }
  }

 private:
  /// A copy the row's span points to (an inner vector's buffer stays put when `costs` grows).
  static std::span<const double> keep(CapturedInstant& instant, std::span<const double> costs) {
    if (costs.empty()) return {};
    return instant.costs.emplace_back(costs.begin(), costs.end());
  }

  std::vector<CapturedInstant>& instants_;
};

}  // namespace

std::string referenceSiteWithTariffsYaml() {
  return scenario::readScenarioText(kReferencePath) + R"yaml(
tariffs:   # added by bench/sitedb_reference_site.cpp: two electricity tariffs, every row priced
  electricity:
    tariffs:
      - {name: Peak, colour: "#D62728", prices: [{price: 0.2068}]}
      - {name: Off-peak, colour: "#1F77B4", prices: [{price: 0.1615}]}
    rules:
      - {tariff: Off-peak, time: ["00:00", "05:59"]}
      - {tariff: Peak, time: ["06:00", "21:59"]}
      - {tariff: Off-peak, time: ["22:00", "23:59"]}
)yaml";
}

ReferenceRows captureReferenceRows(int samples) {
  scenario::Scenario scenario = scenario::parseScenario(referenceSiteWithTariffsYaml(), kReferencePath);
  ReferenceRows rows;
  rows.timeZone = scenario.ews.timezone;
  rows.sampleRate = scenario.ews.sampleRate;
  site::RunOverrides overrides;
  overrides.duration = rows.sampleRate * samples;
  site::SimulatedSite site(std::move(scenario), overrides);
  stack::EwsStack ews(site.engine(), site.installation(), site.deviceProfiles(), site.zone(),
                      stack::stackSettingsOf(site.scenario(), site.installation()));
  std::vector<std::unique_ptr<link::VirtualTimeLink>> lines;
  for (const site::SiteLink& line : site.links()) {
    lines.push_back(std::make_unique<link::VirtualTimeLink>(site.engine(), *line.link));
    ews.attachLine(*line.gateway, *lines.back());
  }
  CaptureSink capture(rows.instants);
  ews.addSink(capture);
  ews.start();
  site.runToEnd();
  rows.resume = sitedb::ResumeState{ews.counterStates(), ews.recorder().state()};
  return rows;
}

std::vector<HistorySubject> historySubjectsOf(const ReferenceRows& rows) {
  struct Sum {
    double total = 0.0;
    bool priced = false;
  };
  std::map<std::pair<int, int>, Sum> sums;  // (kind, id)
  const auto addTo = [&sums](history::SeriesKey key, double delta, bool priced) {
    Sum& sum = sums[{static_cast<int>(key.kind), key.id}];
    sum.total += delta;
    sum.priced = sum.priced || priced;
  };
  std::size_t instants = 0;
  for (std::size_t i = 0; i < rows.instants.size(); ++i) {
    const bool counted = i > 0;  // the first interval has no reading yet: every row a gap
    const double weight = counted ? 1.0 : 0.0;
    instants += counted ? 1 : 0;
    for (const recording::DeviceSample& row : rows.instants[i].samples) {
      addTo(history::SeriesKey::device(row.deviceId), weight * row.delta, !row.costByTariff.empty());
    }
    for (const recording::AggregateSample& row : rows.instants[i].aggregates) {
      addTo(history::seriesOf(row), weight * row.delta, !row.costByTariff.empty());
      if (row.kind == recording::AggregateSample::Kind::GasTotal) {
        addTo(history::SeriesKey::total(history::SeriesKind::GasWhEquivalent), weight * history::gasWhEquivalentOf(row),
              false);
      }
    }
  }
  const double hoursCaptured = toSeconds(rows.sampleRate) / 3600.0 * static_cast<double>(std::max<std::size_t>(instants, 1));
  std::vector<HistorySubject> subjects;
  for (const auto& [key, sum] : sums) {
    subjects.push_back({static_cast<history::SeriesKind>(key.first), key.second, sum.total / hoursCaptured, sum.priced});
  }
  return subjects;
}

}  // namespace ews::bench
