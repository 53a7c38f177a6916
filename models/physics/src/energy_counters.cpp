#include "ews/physics/energy_counters.hpp"

#include <algorithm>
#include <stdexcept>

namespace ews::physics {

EnergyCounters::EnergyCounters(Time start, EnergyRegisters initial)
    : initial_(initial),
      now_(start),
      activeImport_(start),
      activeExport_(start),
      reactiveImport_(start),
      reactiveExport_(start) {}

void EnergyCounters::advanceTo(Time t) {
  if (t < now_) throw std::invalid_argument("EnergyCounters: time runs backwards");
  now_ = t;
}

void EnergyCounters::setPower(double activeW, double reactiveVar) {
  activeW_ = activeW;
  reactiveVar_ = reactiveVar;
  // Each register integrates its own quadrant's part, so each grows monotonically.
  activeImport_.setRate(now_, std::max(activeW, 0.0));
  activeExport_.setRate(now_, std::max(-activeW, 0.0));
  reactiveImport_.setRate(now_, std::max(reactiveVar, 0.0));
  reactiveExport_.setRate(now_, std::max(-reactiveVar, 0.0));
}

EnergyRegisters EnergyCounters::countersAt(Time t) const {
  return EnergyRegisters{initial_.activeImportWh + activeImport_.valueAt(t),
                         initial_.activeExportWh + activeExport_.valueAt(t),
                         initial_.reactiveImportVarh + reactiveImport_.valueAt(t),
                         initial_.reactiveExportVarh + reactiveExport_.valueAt(t)};
}

}  // namespace ews::physics
