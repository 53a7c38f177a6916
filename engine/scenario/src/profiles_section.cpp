// `loadProfiles:` - the power a simulated load draws over time.
#include <fmt/format.h>

#include "sections.hpp"
#include "vocabulary.hpp"

namespace ews::scenario::detail {

namespace {

/// Daily breakpoints: [["08:00", 5000], ...], strictly increasing times of day.
void readDailyPoints(MapReader& entry, LoadProfileSpec& profile) {
  if (!entry.require("points")) return;
  const auto points = entry.list("points");
  if (points.empty()) {
    entry.error("points", "a daily profile needs at least one point [\"HH:MM\", power]");
    return;
  }
  DiagnosticSink& sink = entry.sink();
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Located& point = points[i];
    profile.fieldLocs[fmt::format("points[{}]", i)] = point.loc;
    const auto pair = asList(sink, point);
    if (!pair) continue;
    if (pair->size() != 2) {
      sink.error(point.loc, point.path,
                 fmt::format("expected a pair [\"HH:MM\", power], got a list of {}", pair->size()));
      continue;
    }
    // Messages name the point (points[3]); the position is the offending element's.
    const Located time{(*pair)[0].node, point.path, (*pair)[0].loc};
    const Located power{(*pair)[1].node, point.path, (*pair)[1].loc};
    const auto at = asTimeOfDay(sink, time);
    const auto powerW = asQuantity(sink, power, kPowerUnits, RealRange::atLeast(0.0));
    if (!at || !powerW) continue;
    if (!profile.dailyPointsW.empty() && *at <= profile.dailyPointsW.back().first) {
      const auto previousMinutes = profile.dailyPointsW.back().first / minutes(1);
      sink.error(time.loc, time.path,
                 fmt::format("time {} must come after the previous point's ({:02d}:{:02d})", time.node.Scalar(),
                             previousMinutes / 60, previousMinutes % 60));
      continue;
    }
    profile.dailyPointsW.emplace_back(*at, *powerW);
  }
}

void rejectUnless(MapReader& entry, bool allowed, std::string_view key, std::string_view kind) {
  if (!allowed && entry.has(key)) entry.error(key, fmt::format("'{}' applies only to kind {}", key, kind));
}

LoadProfileSpec readProfile(DiagnosticSink& sink, const Located& item) {
  LoadProfileSpec profile;
  MapReader entry(sink, item, &profile.fieldLocs);
  profile.loc = entry.loc();
  if (entry.require("name")) entry.read("name", profile.name);
  const bool kindKnown = entry.require("kind") && entry.readEnum("kind", profile.kind, kProfileKinds);
  const bool constant = profile.kind == LoadProfileSpec::Kind::Constant;
  if (kindKnown) {
    if (constant && entry.require("power")) {
      entry.readQuantity("power", profile.powerW, kPowerUnits, RealRange::atLeast(0.0));
    }
    if (!constant) readDailyPoints(entry, profile);
    rejectUnless(entry, constant, "power", "constant");
    rejectUnless(entry, !constant, "points", "daily");
    rejectUnless(entry, !constant, "weekendFactor", "daily");
  } else {
    // Without a valid kind the kind-specific keys cannot be judged; do not call them unknown.
    entry.has("power");
    entry.has("points");
  }
  entry.read("weekendFactor", profile.weekendFactor, RealRange::atLeast(0.0));
  entry.readQuantity("noise", profile.noiseFraction, kFractionUnits, RealRange::between(0.0, 1.0));
  entry.reportUnknownKeys();
  return profile;
}

}  // namespace

void readLoadProfiles(MapReader& top, Scenario& scenario) {
  for (const auto& item : top.list("loadProfiles")) scenario.loadProfiles.push_back(readProfile(top.sink(), item));
}

}  // namespace ews::scenario::detail
