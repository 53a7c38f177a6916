// `loadProfiles:` - the power a simulated load draws over time: constant, daily breakpoints,
// a recorded trace (read here, so its errors come with the scenario's), or seeded office and
// home days (drawn per device by ews::models::LoadProfile).
#include <fmt/format.h>

#include "file_text.hpp"
#include "sections.hpp"
#include "trace_csv.hpp"
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

using Kind = LoadProfileSpec::Kind;

constexpr unsigned bitOf(Kind kind) { return 1U << static_cast<unsigned>(kind); }

/// Keys that belong to some kinds only: written on another kind they are errors (a value that
/// would be silently ignored is a mistake to point out).
struct KindSpecificKey {
  std::string_view key;
  unsigned kinds;
  std::string_view which;  ///< for the message: "kind daily", "kinds office and home"
};

inline constexpr std::array<KindSpecificKey, 9> kKindSpecificKeys{{
    {"power", bitOf(Kind::Constant), "kind constant"},
    {"points", bitOf(Kind::Daily), "kind daily"},
    {"weekendFactor", bitOf(Kind::Daily), "kind daily"},
    {"file", bitOf(Kind::Trace), "kind trace"},
    {"interpolation", bitOf(Kind::Trace), "kind trace"},
    {"end", bitOf(Kind::Trace), "kind trace"},
    {"period", bitOf(Kind::Trace), "kind trace"},
    {"peakPower", bitOf(Kind::Office) | bitOf(Kind::Home), "kinds office and home"},
    {"basePower", bitOf(Kind::Office) | bitOf(Kind::Home), "kinds office and home"},
}};

/// Where a trace file's relative path and its rows' times are resolved.
struct TraceContext {
  const date::time_zone* zone;
  Time runStart;
};

/// The default loop period: first to last point, plus the last interval (24 hourly samples
/// 00:00 ... 23:00 loop every 24 h).
Duration defaultPeriod(const std::vector<std::pair<Duration, double>>& points) {
  if (points.size() < 2) return days(1);  // a single value: any period replays it
  const Duration span = points.back().first - points.front().first;
  return span + (points.back().first - points[points.size() - 2].first);
}

std::string formatSpan(Duration d) { return d == Duration::zero() ? "0s" : formatDuration(d); }

void readTrace(MapReader& entry, LoadProfileSpec& profile, const TraceContext& context) {
  entry.readEnum("interpolation", profile.interpolation, kInterpolations);
  entry.readEnum("end", profile.traceEnd, kTraceEnds);
  const bool periodGiven = entry.read("period", profile.tracePeriod, DurationRange{microseconds(1), days(36600)});
  const bool hold = profile.traceEnd == LoadProfileSpec::TraceEnd::Hold;
  if (hold && periodGiven) entry.error("period", "'period' applies only to end: loop");
  if (!entry.require("file") || !entry.read("file", profile.traceFile)) return;
  if (profile.traceFile.empty()) {
    entry.error("file", "expected the path of a CSV trace file (relative to the scenario file)");
    return;
  }
  DiagnosticSink& sink = entry.sink();
  profile.tracePath = resolveBesideScenario(sink.file(), profile.traceFile);
  const auto text = readFileText(profile.tracePath, fmt::format("trace file '{}'", profile.tracePath),
                                 kMaxDataFileBytes);
  if (!text) {
    entry.error("file", text.error);
    return;
  }
  const std::size_t errorsBefore = sink.count();
  TraceCsv trace = parseTraceCsv(*text.value, profile.tracePath,
                                 TraceCsvContext{context.zone, context.runStart, entry.pathOf("file")}, sink);
  if (sink.count() != errorsBefore) return;
  if (trace.pointsW.empty()) {
    entry.error("file", fmt::format("trace file '{}' has no data rows (time, power in W)", profile.tracePath));
    return;
  }
  profile.traceOrigin = trace.origin;
  profile.tracePointsW = std::move(trace.pointsW);
  if (hold) {
    profile.tracePeriod = Duration::zero();
    return;
  }
  const Duration span = profile.tracePointsW.back().first - profile.tracePointsW.front().first;
  if (!periodGiven) {
    profile.tracePeriod = defaultPeriod(profile.tracePointsW);
  } else if (profile.tracePeriod <= span) {
    entry.error("period", fmt::format("must be longer than the trace (first to last row: {}), got {}",
                                      formatSpan(span), formatSpan(profile.tracePeriod)));
  }
}

/// Office and home: the building's peak and standby power.
void readStochastic(MapReader& entry, LoadProfileSpec& profile) {
  if (entry.require("peakPower")) entry.readQuantity("peakPower", profile.peakPowerW, kPowerUnits, RealRange::above(0.0));
  const bool base = entry.readQuantity("basePower", profile.basePowerW, kPowerUnits, RealRange::atLeast(0.0));
  if (base && profile.peakPowerW > 0.0 && profile.basePowerW > profile.peakPowerW) {
    entry.error("basePower", fmt::format("must not exceed peakPower ({:g} W), got {:g} W", profile.peakPowerW,
                                         profile.basePowerW));
  }
}

LoadProfileSpec readProfile(DiagnosticSink& sink, const Located& item, const TraceContext& context) {
  LoadProfileSpec profile;
  MapReader entry(sink, item, &profile.fieldLocs);
  profile.loc = entry.loc();
  if (entry.require("name")) entry.read("name", profile.name);
  const bool kindKnown = entry.require("kind") && entry.readEnum("kind", profile.kind, kProfileKinds);
  if (kindKnown) {
    switch (profile.kind) {
      case Kind::Constant:
        if (entry.require("power")) entry.readQuantity("power", profile.powerW, kPowerUnits, RealRange::atLeast(0.0));
        break;
      case Kind::Daily: readDailyPoints(entry, profile); break;
      case Kind::Trace: readTrace(entry, profile, context); break;
      case Kind::Office:
      case Kind::Home: readStochastic(entry, profile); break;
    }
    for (const auto& rule : kKindSpecificKeys) {
      if ((rule.kinds & bitOf(profile.kind)) == 0 && entry.has(rule.key)) {
        entry.error(rule.key, fmt::format("'{}' applies only to {}", rule.key, rule.which));
      }
    }
  } else {
    // Without a valid kind the kind-specific keys cannot be judged; do not call them unknown.
    for (const auto& rule : kKindSpecificKeys) entry.has(rule.key);
  }
  entry.read("weekendFactor", profile.weekendFactor, RealRange::atLeast(0.0));
  entry.readQuantity("noise", profile.noiseFraction, kFractionUnits, RealRange::between(0.0, 1.0));
  entry.reportUnknownKeys();
  return profile;
}

}  // namespace

void readLoadProfiles(MapReader& top, Scenario& scenario, const date::time_zone* zone) {
  const TraceContext context{zone, scenario.run.start};
  for (const auto& item : top.list("loadProfiles")) {
    scenario.loadProfiles.push_back(readProfile(top.sink(), item, context));
  }
}

}  // namespace ews::scenario::detail
