// `dlm:` - Green'Up dynamic load management (manual 7.16.5.1 management configuration,
// 7.16.5.2 priority stations, the release notes' load control, control logic, hold, waiting and
// skip times, and the per-session commands of the management page, 8.3.2). References to
// devices are checked in references.cpp.
#include <fmt/format.h>

#include "sections.hpp"
#include "vocabulary.hpp"

namespace ews::scenario::detail {

namespace {

/// Bounds of the DLM timers: the release notes recommend 60 s, 90 s and 300 s; beyond these a
/// value is a unit mistake rather than a setting.
constexpr DurationRange kHoldTimeRange{Duration::zero(), hours(1)};
constexpr DurationRange kWaitingTimeRange{seconds(1), days(1)};
constexpr DurationRange kSkipTimeRange{Duration::zero(), days(1)};
constexpr DurationRange kSettleTimeRange{Duration::zero(), minutes(10)};

/// One command of the management page: {at, station, startWait and/or priority}.
DlmOverrideSpec readOverride(DiagnosticSink& sink, const Located& item, const RunSettings& run,
                             const date::time_zone* zone) {
  DlmOverrideSpec command;
  MapReader entry(sink, item, &command.fieldLocs);
  command.loc = entry.loc();
  // An unreadable run.start leaves the epoch (and is reported): no window to compare with.
  if (entry.require("at") && entry.readDateTime("at", command.at, zone) && run.start != Time{} &&
      (command.at < run.start || command.at >= run.start + run.duration)) {
    entry.error("at", fmt::format("must be within the run (from {} for {}), got {}", run.startLocal,
                                  formatDuration(run.duration), entry.get("at")->node.Scalar()));
  }
  if (entry.require("station")) entry.read("station", command.station);
  bool value = false;
  if (entry.readEnum("startWait", value, kStartWait)) command.start = value;
  if (entry.readEnum("priority", value, kSessionPriorities)) command.priority = value;
  if (!entry.has("startWait") && !entry.has("priority")) {
    sink.error(entry.loc(), entry.path(),
               "an override sets startWait (start or wait), priority (normal or priority), or both");
  }
  entry.reportUnknownKeys();
  return command;
}

}  // namespace

void readDlm(MapReader& top, Scenario& scenario, const date::time_zone* zone) {
  DlmSpec& dlm = scenario.dlm;
  MapReader section = top.child("dlm", &dlm.fieldLocs);
  dlm.loc = section.loc();
  section.read("on", dlm.on);
  section.read("totalMeter", dlm.totalMeter);
  section.readEnum("scope", dlm.scope, kMeterScopes);
  const bool maxGiven = section.readQuantity("maxCurrent", dlm.maxCurrentA, kCurrentUnits, RealRange::above(0.0));
  // "these two parameters can be equal" (7.16.5.1): when only one is given, they are.
  if (!section.readQuantity("maxChargingCurrent", dlm.maxChargingCurrentA, kCurrentUnits, RealRange::above(0.0)) &&
      !section.has("maxChargingCurrent")) {
    dlm.maxChargingCurrentA = dlm.maxCurrentA;
  }
  const auto percent = RealRange::between(0.0, 100.0);
  section.readQuantity("hysteresis", dlm.hysteresisPct, kPercentUnits, percent);
  const bool firstGiven = section.readQuantity("firstStep", dlm.firstStepPct, kPercentUnits, percent);
  const bool secondGiven = section.readQuantity("secondStep", dlm.secondStepPct, kPercentUnits, percent);
  section.readQuantity("minCharge", dlm.minChargeAh, kChargeUnits, RealRange::atLeast(0.0));
  section.readStringList("priorityStations", dlm.priorityStations);
  section.read("loadControl", dlm.loadControl);
  section.read("controlLogic", dlm.controlLogic);
  section.read("holdTime", dlm.holdTime, kHoldTimeRange);
  section.read("waitingTime", dlm.waitingTime, kWaitingTimeRange);
  section.read("skipTime", dlm.skipTime, kSkipTimeRange);
  section.read("settleTime", dlm.settleTime, kSettleTimeRange);
  for (const auto& item : section.list("overrides")) {
    dlm.overrides.push_back(readOverride(section.sink(), item, scenario.run, zone));
  }

  if (dlm.on) {
    section.require("totalMeter");
    section.require("maxCurrent");
  }
  if (maxGiven && dlm.maxChargingCurrentA > dlm.maxCurrentA) {
    section.error("maxChargingCurrent", fmt::format("must not exceed maxCurrent ({:g} A), got {:g} A", dlm.maxCurrentA,
                                                    dlm.maxChargingCurrentA));
  }
  if ((firstGiven || secondGiven) && dlm.secondStepPct > dlm.firstStepPct) {
    section.error(secondGiven ? "secondStep" : "firstStep",
                  fmt::format("the second reduction step ({:g} %) must not exceed the first ({:g} %)",
                              dlm.secondStepPct, dlm.firstStepPct));
  }
  section.reportUnknownKeys();
}

}  // namespace ews::scenario::detail
