#pragma once
// The four energy registers of a meter, integrated exactly over piecewise-constant power:
// Ea+ (active import), Ea- (active export), Er+ (reactive, inductive) and Er- (reactive,
// capacitive). Import and export are separate registers that only ever grow, like a real
// four-quadrant meter's, rather than one signed net counter.
//
// Use: advanceTo(t) to the instant of a change, then setPower(...) - the new power holds from
// that instant. countersAt(t) is const and never mutates, so reading often or rarely gives
// identical counters (docs/design.md decision 11).
#include "ews/physics/piecewise_integral.hpp"

namespace ews::physics {

struct EnergyRegisters {
  double activeImportWh = 0.0;      ///< Ea+
  double activeExportWh = 0.0;      ///< Ea-
  double reactiveImportVarh = 0.0;  ///< Er+ (Q > 0, inductive)
  double reactiveExportVarh = 0.0;  ///< Er- (Q < 0, capacitive)
};

class EnergyCounters {
 public:
  explicit EnergyCounters(Time start, EnergyRegisters initial = {});

  /// Moves the counters' "now" to t (>= the last instant given; std::invalid_argument).
  void advanceTo(Time t);
  /// The power in force from now() on. P > 0 imports, Q > 0 is inductive.
  void setPower(double activeW, double reactiveVar);

  /// The registers at t >= now(), the power in force held since its last change.
  EnergyRegisters countersAt(Time t) const;

  Time now() const { return now_; }
  double activePowerW() const { return activeW_; }
  double reactivePowerVar() const { return reactiveVar_; }

 private:
  EnergyRegisters initial_;
  Time now_;
  double activeW_ = 0.0;
  double reactiveVar_ = 0.0;
  PiecewiseIntegral activeImport_;
  PiecewiseIntegral activeExport_;
  PiecewiseIntegral reactiveImport_;
  PiecewiseIntegral reactiveExport_;
};

}  // namespace ews::physics
