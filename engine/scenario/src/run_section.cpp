// `run:` - when the run starts, how long it lasts and how time flows (docs/design.md decisions 1-3).
#include <fmt/format.h>

#include "sections.hpp"
#include "vocabulary.hpp"
#include "zoned_time.hpp"

namespace ews::scenario::detail {

namespace {
// Generous upper bounds that still keep every Time arithmetic far from int64 overflow.
constexpr Duration kMaxRunDuration = days(100 * 366);
constexpr double kMaxSpeed = 1e9;
}  // namespace

const date::time_zone* readRunSection(MapReader& top, Scenario& scenario) {
  MapReader run = top.child("run");
  RunSettings& settings = scenario.run;
  settings.loc = run.loc();

  // The zone of the run's date-times: its own, else the site's (reported by readEwsSection).
  const date::time_zone* zone = findZone(scenario.ews.timezone).value.value_or(nullptr);
  settings.timezone = scenario.ews.timezone;
  if (run.read("timezone", settings.timezone)) {
    const auto runZone = findZone(settings.timezone);
    if (!runZone) run.error("timezone", runZone.error);
    zone = runZone.value.value_or(nullptr);
  }

  if (run.require("start")) {
    run.read("start", settings.startLocal);
    run.readDateTime("start", settings.start, zone);
  }
  run.read("duration", settings.duration, DurationRange{microseconds(1), kMaxRunDuration});
  if (const auto seed = run.get("seed")) {
    if (const auto value = asUnsigned(run.sink(), *seed)) settings.seed = *value;
  }
  run.readEnum("clock", settings.clock, kClockModes);
  run.read("speed", settings.speed, RealRange{0.0, kMaxSpeed, true});
  if (run.read("controlPeriod", settings.controlPeriod, DurationRange{milliseconds(1), hours(1)}) &&
      scenario.ews.sampleRate % settings.controlPeriod != Duration::zero()) {
    // The recorder samples on model steps: a sample instant between two steps would not exist.
    run.error("controlPeriod", fmt::format("must divide ews.sampleRate ({}) evenly, got {}",
                                           formatDuration(scenario.ews.sampleRate),
                                           formatDuration(settings.controlPeriod)));
  }
  run.reportUnknownKeys();
  return zone;
}

}  // namespace ews::scenario::detail
