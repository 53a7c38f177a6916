#pragma once
// A hand-driven site for the DLM tests: the other loads and each station's state, current and
// session energy are set by hand; the total meter reads the other loads plus what the stations
// draw, as on a real site (manual 7.16.5.1, image 1). Commands and events come back as short
// strings so each test writes its expectations out as the manual's rules give them.
#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

#include "ews/dlm/controller.hpp"

namespace ews::dlm::test {

using Strings = std::vector<std::string>;

inline constexpr Time kT0 = timeFromMicros(1'767'571'200'000'000);  // 2026-01-05T00:00:00Z
inline Time at(std::int64_t s) { return kT0 + seconds(s); }

/// A Premium three-phase station: 32 A, so 24 A at the first step and 16 A at the second.
inline StationConfig threePhase(std::string name, bool priority = false) {
  return {.deviceId = 0, .name = std::move(name), .phases = 3, .phaseIndex = 0, .ratedCurrentA = 32.0, .priority = priority};
}

/// A single-phase station: 16 A, so 12 A at the first step and 8 A at the second.
inline StationConfig singlePhase(std::string name, int phaseIndex, bool priority = false) {
  return {.deviceId = 0, .name = std::move(name), .phases = 1, .phaseIndex = phaseIndex, .ratedCurrentA = 16.0,
          .priority = priority};
}

/// The tests' installation: 100 A, 80 A for the charging, default steps (75 %, 50 %) and
/// minimum charge (32 Ah), no hysteresis and no hold time, so each rule shows at once.
inline Settings siteSettings(std::vector<StationConfig> stations) {
  Settings s;
  s.maxCurrentA = 100.0;
  s.maxChargingCurrentA = 80.0;
  s.hysteresisPct = 0.0;
  s.holdTime = Duration::zero();
  s.settleTime = seconds(5);
  s.stations = std::move(stations);
  return s;
}

inline std::string describe(const Command& c) {
  switch (c.kind) {
    case Command::Kind::Start: return fmt::format("start #{} {:g}A", c.station, c.setpointA);
    case Command::Kind::Setpoint: return fmt::format("setpoint #{} {:g}A", c.station, c.setpointA);
    case Command::Kind::Wait: return fmt::format("wait #{}", c.station);
  }
  return "?";
}

inline std::string describe(const DlmEvent& e) {
  using Kind = DlmEvent::Kind;
  const std::string_view name = eventKindName(e.kind);
  switch (e.kind) {
    case Kind::Zone: return fmt::format("zone {}->{}", zoneName(e.from), zoneName(e.to));
    case Kind::FailSafe: return fmt::format("fail_safe {}", e.on ? "on" : "off");
    case Kind::Authorised:
    case Kind::Reduced:
    case Kind::Raised: return fmt::format("{} #{} {} {:g}A", name, e.station, levelName(e.level), e.setpointA);
    default: return fmt::format("{} #{}", name, e.station);
  }
}

class Harness {
 public:
  explicit Harness(Settings settings) : controller(std::move(settings)) {
    obs.stations.resize(controller.settings().stations.size());
    controller.setEventSink([this](const DlmEvent& e) {
      events.push_back(describe(e));
      raw.push_back(e);
    });
  }

  /// The other loads of the site, per line.
  void others(double l1A, double l2A, double l3A) { othersA_ = {l1A, l2A, l3A}; }
  void others(double eachA) { others(eachA, eachA, eachA); }
  void meterReadable(bool valid) { meterValid_ = valid; }

  /// A station's state, the current it draws on each of its lines, and its session energy.
  void station(std::size_t i, StationState state, double currentA = 0.0, double energyWh = 0.0) {
    const StationConfig& config = controller.settings().stations.at(i);
    StationObservation& s = obs.stations.at(i);
    s.state = state;
    s.currentsA = {};
    for (int p = 0; p < 3; ++p) {
      if (config.phases == 3 || config.phaseIndex == p) s.currentsA[static_cast<std::size_t>(p)] = currentA;
    }
    s.sessionEnergyWh = energyWh;
  }
  StationObservation& observed(std::size_t i) { return obs.stations.at(i); }

  /// Decides at kT0 + s; the commands as strings, this decision's events in `events`.
  Strings decide(std::int64_t s) {
    obs.at = at(s);
    obs.meter.valid = meterValid_;
    obs.meter.currentsA = othersA_;
    for (const StationObservation& st : obs.stations) {
      for (std::size_t p = 0; p < 3; ++p) obs.meter.currentsA[p] += st.currentsA[p];
    }
    events.clear();
    raw.clear();
    Strings out;
    for (const Command& c : controller.decide(obs)) out.push_back(describe(c));
    return out;
  }

  Controller controller;
  Observation obs;
  Strings events;
  std::vector<DlmEvent> raw;

 private:
  std::array<double, 3> othersA_{};
  bool meterValid_ = true;
};

}  // namespace ews::dlm::test
