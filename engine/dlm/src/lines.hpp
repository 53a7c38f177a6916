#pragma once
// Per-line quantities shared by the controller and the KPI collector: which lines a station or
// a vehicle uses, and the session charge in Ah per phase (manual 7.16.5.1).
#include <array>

#include "ews/dlm/settings.hpp"

namespace ews::dlm::detail {

using PhaseCurrents = std::array<double, 3>;
using Lines = std::array<bool, 3>;

/// A line carries a vehicle's current above this; below it is measurement noise.
inline constexpr double kDrawThresholdA = 0.5;

/// The lines a station is wired to: its phaseIndex when single-phase, all three otherwise.
Lines stationLines(const StationConfig& station);
/// The lines drawing more than kDrawThresholdA; `fallback` when none does.
Lines linesDrawing(const PhaseCurrents& currentsA, const Lines& fallback);
int lineCount(const Lines& lines);
double worstLineA(const PhaseCurrents& currentsA);
/// The session charge per phase: energy / (voltage x phases drawn). 32 Ah at 230 V is
/// 22.08 kWh on three phases and 7.36 kWh on one.
double chargeAh(double sessionEnergyWh, double voltageV, int phasesDrawn);

}  // namespace ews::dlm::detail
