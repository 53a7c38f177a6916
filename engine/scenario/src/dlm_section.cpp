// `dlm:` - Green'Up dynamic load management (manual 7.16.5.1 management configuration,
// 7.16.5.2 priority stations). References to devices are checked in references.cpp.
#include <fmt/format.h>

#include "sections.hpp"
#include "vocabulary.hpp"

namespace ews::scenario::detail {

void readDlm(MapReader& top, Scenario& scenario) {
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
