// One Green'Up DLM decision (engine/dlm) on a busy site of 40 and 255 charging points: a third
// three-phase 32 A, the rest single-phase 16 A spread over the lines, 70 % of them with a
// vehicle charging and the others waiting. The vehicles follow each command at once, so the
// state the controller sees is the one its own commands made. Target: <= 20 us at 255.
//   queued:     every session reduced, a queue of requests that do not fit: each decision
//               re-examines everything and finds nothing more to do (the usual busy hour);
//   overloaded: red, every session at its second step, those with their minimum charge
//               stopped: nothing left to do either, through the red rules;
//   swinging:   the other loads swing between red and green every second: each decision
//               reduces, stops, authorises or raises dozens of sessions.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ews/dlm/controller.hpp"

namespace {

using namespace ews;
using namespace ews::dlm;

constexpr Time kStart = timeFromMicros(1'767'571'200'000'000);  // 2026-01-05T00:00:00Z

class BenchSite {
 public:
  explicit BenchSite(std::size_t stations) {
    settings_.hysteresisPct = 2.0;
    settings_.holdTime = Duration::zero();
    settings_.settleTime = seconds(1);
    double fullLoadPerLineA = 0.0;
    for (std::size_t i = 0; i < stations; ++i) {
      StationConfig station{.deviceId = static_cast<int>(i + 1), .name = "CS" + std::to_string(i + 1)};
      if (i % 3 == 0) {
        station.phases = 3;
        station.ratedCurrentA = 32.0;
        fullLoadPerLineA += 32.0;
      } else {
        station.phaseIndex = static_cast<int>(i % 3);
        fullLoadPerLineA += 16.0 / 3.0;
      }
      station.priority = i % 11 == 0;
      settings_.stations.push_back(station);
    }
    // The installation carries 60 % of the charging points at full current, other loads included.
    settings_.maxCurrentA = 0.6 * fullLoadPerLineA + kOthersA;
    settings_.maxChargingCurrentA = 0.9 * settings_.maxCurrentA;
    obs_.stations.resize(stations);
    for (std::size_t i = 0; i < stations; ++i) {
      StationObservation& s = obs_.stations[i];
      // Every other vehicle has had its guaranteed minimum already (32 Ah by default).
      const double chargeAh = i % 2 == 0 ? 38.0 : 4.0;
      s.sessionEnergyWh = chargeAh * settings_.voltageV * settings_.stations[i].phases;
      const bool charging = i % 10 < 7;
      s.state = charging ? StationState::Charging : StationState::Waiting;
      if (charging) draw(i, settings_.stations[i].ratedCurrentA);
    }
    others_ = kOthersA;
  }

  const Settings& settings() const { return settings_; }
  void setOthers(double currentA) { others_ = currentA; }

  /// The vehicles obey at once: the next observation shows the commanded currents.
  void follow(const std::vector<Command>& commands) {
    for (const Command& c : commands) {
      StationObservation& s = obs_.stations[c.station];
      switch (c.kind) {
        case Command::Kind::Start:
          s.state = StationState::Charging;
          draw(c.station, c.setpointA);
          break;
        case Command::Kind::Setpoint:
          if (s.state == StationState::Charging) draw(c.station, c.setpointA);
          break;
        case Command::Kind::Wait:
          s.state = StationState::Waiting;
          draw(c.station, 0.0);
          break;
      }
    }
  }

  const Observation& next() {
    obs_.at = obs_.at == Time{} ? kStart : obs_.at + seconds(1);
    obs_.meter.valid = true;
    obs_.meter.currentsA = {others_, others_, others_};
    for (const StationObservation& s : obs_.stations) {
      for (std::size_t p = 0; p < 3; ++p) obs_.meter.currentsA[p] += s.currentsA[p];
    }
    return obs_;
  }

  static constexpr double kOthersA = 40.0;

 private:
  void draw(std::size_t i, double currentA) {
    const StationConfig& station = settings_.stations[i];
    for (std::size_t p = 0; p < 3; ++p) {
      const bool onLine = station.phases == 3 || station.phaseIndex == static_cast<int>(p);
      obs_.stations[i].currentsA[p] = onLine ? currentA : 0.0;
    }
  }

  Settings settings_;
  Observation obs_;
  double others_ = 0.0;
};

enum class Load {
  Queued,      ///< other loads steady: charging sessions reduced, a queue of requests that do not fit
  Overloaded,  ///< other loads alone above the maximum: red for good, the stoppable stopped
  Swinging,    ///< other loads swing between red and green every second
};

void BM_DlmDecide(benchmark::State& state, Load load) {
  BenchSite site(static_cast<std::size_t>(state.range(0)));
  Controller controller(site.settings());
  std::int64_t events = 0;
  controller.setEventSink([&events](const DlmEvent&) { ++events; });
  const double maxA = site.settings().maxCurrentA;
  std::int64_t decision = 0;
  const auto step = [&] {
    switch (load) {
      case Load::Queued: break;
      case Load::Overloaded: site.setOthers(BenchSite::kOthersA + maxA); break;
      case Load::Swinging: site.setOthers(BenchSite::kOthersA + (decision % 2 == 0 ? 0.5 * maxA : -0.25 * maxA)); break;
    }
    const std::vector<Command>& commands = controller.decide(site.next());
    site.follow(commands);
    ++decision;
    return commands.size();
  };
  for (int warmUp = 0; warmUp < 600; ++warmUp) step();  // settle into the steady state
  std::size_t waiting = 0;
  for (std::size_t i = 0; i < site.settings().stations.size(); ++i) waiting += controller.session(i).waiting ? 1 : 0;
  if (load != Load::Swinging && waiting == 0) state.SkipWithError("the site should have requests waiting");
  if (load == Load::Overloaded && controller.zone() != Zone::Red) state.SkipWithError("the site should stay red");
  std::int64_t commands = 0;
  events = 0;
  for (auto _ : state) commands += static_cast<std::int64_t>(step());
  const auto perDecision = [&](std::int64_t n) {
    return benchmark::Counter(static_cast<double>(n) / static_cast<double>(state.iterations()));
  };
  state.counters["commands"] = perDecision(commands);
  state.counters["events"] = perDecision(events);
  state.counters["waiting"] = static_cast<double>(waiting);
}
BENCHMARK_CAPTURE(BM_DlmDecide, queued, Load::Queued)->Arg(40)->Arg(255)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DlmDecide, overloaded, Load::Overloaded)->Arg(40)->Arg(255)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DlmDecide, swinging, Load::Swinging)->Arg(40)->Arg(255)->Unit(benchmark::kMicrosecond);

}  // namespace
