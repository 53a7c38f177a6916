// Properties of the DLM over many seeded random sites, run through the whole stack (poller,
// Modbus writes, simulated stations): no vehicle ever draws more than its station's rating;
// no session is stopped before its minimum guaranteed charge; an overshoot above the maximum
// current never outlasts the control reaction; the same seed gives the same run, event for
// event. Each site's other loads stay below what the stations at their second step leave, so
// reductions alone can always bring it back (a site that cannot be is the manual's "stop"
// case, covered by the controller tests).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "ews/kernel/rng.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/site/simulated_stack.hpp"

namespace {

using ews::Time;

constexpr int kSites = 12;
constexpr double kMaxCurrentA = 100.0;

class EventLog final : public ews::recording::SampleSink {
 public:
  void onSamples(Time, std::span<const ews::recording::DeviceSample>) override {}
  void onEvent(const ews::recording::Event& event) override {
    lines.push_back(fmt::format("{} {} {} {}", ews::formatUtc(event.at), event.deviceId, event.kind, event.detail));
  }
  std::vector<std::string> lines;
};

/// A random site: 3 to 6 stations (three-phase 32 A, or single-phase 16 A on a random line),
/// other loads wandering over the day below what the stations at their second step leave
/// under the maximum current, and one or two vehicles per station over eight hours.
std::string randomSite(std::uint64_t seed) {
  ews::RngStream rng(seed, "dlm-property-site");
  const int stations = 3 + static_cast<int>(rng.uniform(0.0, 4.0));
  std::string devices;
  std::string names;
  std::string sessions;
  double secondStepA = 0.0;  // worst line, every station at its second step (50 %)
  std::array<double, 3> lineA{};
  for (int i = 0; i < stations; ++i) {
    const std::string name = fmt::format("S{}", i + 1);
    const bool threePhase = rng.uniform(0.0, 1.0) < 0.5;
    if (threePhase) {
      devices += fmt::format("        - {{name: {}, family: charging-station, model: \"0 590 14\", address: {}, sim: {{}}}}\n",
                             name, i + 2);
      for (double& a : lineA) a += 16.0;
    } else {
      const int line = static_cast<int>(rng.uniform(0.0, 3.0));
      devices += fmt::format(
          "        - {{name: {}, family: charging-station, model: \"0 590 10\", address: {}, phase: L{}, sim: {{}}}}\n",
          name, i + 2, line + 1);
      lineA[static_cast<std::size_t>(line)] += 8.0;
    }
    names += (i == 0 ? "" : ", ") + name;
    int minute = static_cast<int>(rng.uniform(5.0, 120.0));
    for (int visit = 0; visit < 2 && minute < 400; ++visit) {
      const int stay = static_cast<int>(rng.uniform(60.0, 240.0));
      sessions += fmt::format(
          "  - {{station: {}, arrival: \"2026-01-05T{:02}:{:02}\", departure: \"2026-01-05T{:02}:{:02}\", "
          "energyWanted: {:.0f}kWh, battery: 60, initialSoc: {:.0f}}}\n",
          name, minute / 60, minute % 60, (minute + stay) / 60, (minute + stay) % 60, rng.uniform(5.0, 40.0),
          rng.uniform(5.0, 50.0));
      minute += stay + static_cast<int>(rng.uniform(1.0, 60.0));
    }
  }
  for (const double a : lineA) secondStepA = std::max(secondStepA, a);
  // Other loads, balanced, at unity power factor: 690 W per ampere of line current.
  const double roomA = kMaxCurrentA - secondStepA - 2.0;
  // A new level every quarter of an hour, reached within a minute: steps the DLM must follow.
  std::string points;
  for (int quarter = 0; quarter < 96; ++quarter) {
    const double powerW = 690.0 * rng.uniform(0.1, 1.0) * roomA;
    const int minute = quarter * 15;
    points += fmt::format("{}[\"{:02}:{:02}\", {:.0f}], [\"{:02}:{:02}\", {:.0f}]", quarter == 0 ? "" : ", ",
                          minute / 60, minute % 60, powerW, (minute + 14) / 60, (minute + 14) % 60, powerW);
  }
  return fmt::format(R"(name: dlm-property-{0}
ews: {{variant: "32", timezone: Europe/Paris}}
run: {{start: "2026-01-05T00:00", duration: 8h, seed: {0}}}
installation:
  gateways:
    - name: Local
      kind: local
      devices:
        - {{name: Main, family: multifunction-meter, model: "4 120 53", address: 1,
           sim: {{profile: building, powerFactor: 1, downstream: [{1}]}}}}
{2}loadProfiles:
  - {{name: building, kind: daily, points: [{3}, ["24:00", 0]]}}
sessions:
{4}dlm:
  on: true
  totalMeter: Main
  maxCurrent: {5}
  maxChargingCurrent: {6:.0f}
  hysteresis: {7:.0f}
  holdTime: {8}s
)",
                     seed, names, devices, points, sessions, kMaxCurrentA, rng.uniform(85.0, 100.0),
                     rng.uniform(0.0, 5.0), static_cast<int>(rng.uniform(0.0, 90.0)));
}

struct Outcome {
  ews::dlm::RunKpis kpis;
  std::vector<std::string> events;
  double worstExcessOverRatingA = 0.0;  ///< max over stations and seconds of draw - rating
};

Outcome run(const std::string& yaml) {
  ews::site::SimulatedSite site(ews::scenario::parseScenario(yaml));
  ews::site::SimulatedStack twin(site);
  ews::stack::EwsStack& stack = twin.ews();
  EventLog log;
  stack.addSink(log);
  twin.start();
  Outcome outcome;
  // Every second, after the models moved: what each vehicle draws against its station's rating.
  site.engine().every(ews::seconds(1), site.engine().now(), ews::EventPhase::Publish, [&](Time t) {
    for (const auto* device : site.installation().devices()) {
      const auto* model = site.stationModel(*device);
      if (model == nullptr) continue;
      const auto snapshot = model->station().snapshotAt(t);
      outcome.worstExcessOverRatingA = std::max(outcome.worstExcessOverRatingA,
                                                snapshot.currentPerPhaseA - model->station().settings().ratedCurrentA);
    }
  });
  site.runToEnd();
  outcome.kpis = stack.dlm()->kpis().finish(site.engine().now());
  outcome.events = std::move(log.lines);
  return outcome;
}

TEST(DlmProperties, HoldOnSeededRandomSites) {
  int sitesWithOvershoot = 0;
  int sessions = 0;
  for (std::uint64_t seed = 1; seed <= kSites; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    const std::string yaml = randomSite(seed);
    const Outcome outcome = run(yaml);
    sessions += outcome.kpis.sessions;
    EXPECT_LE(outcome.worstExcessOverRatingA, 1e-9) << "a vehicle drew more than its station's rating";
    EXPECT_EQ(outcome.kpis.sessionsStoppedBeforeMin, 0);
    // Seeing it (one control period), the writes, the vehicles' 2 s response, the next polls,
    // and once more if the first reduction was not enough: two settle times at most.
    EXPECT_LE(outcome.kpis.longestOvershootS, 2 * 5.0 + 2 * 1.0);
    if (outcome.kpis.overshootS > 0.0) ++sitesWithOvershoot;
  }
  // The sites are not trivial: vehicles came, and some sites were pushed over their limit.
  EXPECT_GT(sessions, 3 * kSites);
  EXPECT_GT(sitesWithOvershoot, 0);
}

TEST(DlmProperties, TheSameSeedGivesTheSameRunEventForEvent) {
  const std::string yaml = randomSite(5);
  const Outcome first = run(yaml);
  const Outcome second = run(yaml);
  EXPECT_GT(first.events.size(), 20u);
  EXPECT_EQ(first.events, second.events);
  // As text: the unknown figures are NaN, which never compares equal.
  const auto text = [](const ews::dlm::RunKpis& kpis) {
    std::string line;
    for (const auto& [name, value] : ews::dlm::kpiColumns(kpis)) line += fmt::format("{}={} ", name, value);
    return line;
  };
  EXPECT_EQ(text(first.kpis), text(second.kpis));
}

}  // namespace
