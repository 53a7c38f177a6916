#pragma once
// Steady-state AC electricity of one measuring point, as phasors (Eigen complex vectors).
//
// A state gives, per phase, the RMS line-to-neutral voltage, the RMS current and the angle by
// which the current lags its voltage (> 0 inductive, < 0 capacitive). Everything a meter shows
// derives from it: complex power S = V x conj(I) per phase (P = Re S, Q = Im S), line-to-line
// voltages from phasor differences, the neutral current as |I1 + I2 + I3|.
//
// Conventions (documented in docs/physics.md):
// - voltage phasors: L1 at 0 deg, L2 at -120 deg, L3 at +120 deg (direct sequence);
// - P > 0 is consumption (import), Q > 0 is inductive (lagging) reactive power;
// - total apparent power is the arithmetic sum of the phases' (IEC 61557-12 "arithmetic"),
//   so the total power factor P / S never exceeds any phase's and reads 1 only when every
//   phase is at unity;
// - a phase with no current has power factor 1 (meters show 1.000, not NaN).
#include <Eigen/Core>
#include <array>

#include "ews/physics/quantities.hpp"

namespace ews::physics {

struct ThreePhaseState {
  Eigen::Vector3d voltageV = Eigen::Vector3d::Constant(kNominalVoltageLnV);  ///< RMS, line-to-neutral
  Eigen::Vector3d currentA = Eigen::Vector3d::Zero();                        ///< RMS
  Eigen::Vector3d currentLagRad = Eigen::Vector3d::Zero();  ///< current behind voltage; > 0 inductive
  double frequencyHz = kNominalFrequencyHz;
};

/// A single-phase measuring point (a single-phase meter, a single-phase station).
struct SinglePhaseState {
  double voltageV = kNominalVoltageLnV;
  double currentA = 0.0;
  double currentLagRad = 0.0;
  double frequencyHz = kNominalFrequencyHz;
};

struct PowerTriangle {
  double activeW = 0.0;
  double reactiveVar = 0.0;
  double apparentVA = 0.0;
  double powerFactor = 1.0;  ///< P / S, negative when exporting; 1 when S = 0
};

struct ThreePhasePower {
  std::array<PowerTriangle, kPhaseCount> phase{};
  PowerTriangle total;  ///< P and Q summed; S the arithmetic sum of the phases' S
};

/// Whether the reactive part of a demand is drawn (inductive loads: motors, transformers)
/// or supplied (capacitive loads: capacitor banks, lightly loaded electronics).
enum class Reactive : std::uint8_t { Inductive, Capacitive };

/// Voltage phasors V_k = |V_k| e^{j theta_k}, theta = (0, -120, +120) degrees.
Eigen::Vector3cd voltagePhasorsV(const ThreePhaseState& state);
/// Current phasors I_k = |I_k| e^{j (theta_k - lag_k)}.
Eigen::Vector3cd currentPhasorsA(const ThreePhaseState& state);

PowerTriangle powerOf(const SinglePhaseState& state);
ThreePhasePower powerOf(const ThreePhaseState& state);

/// (U12, U23, U31) = |V1 - V2|, |V2 - V3|, |V3 - V1|: 400 V for a balanced 230 V supply.
Eigen::Vector3d lineToLineVoltagesV(const ThreePhaseState& state);
/// |I1 + I2 + I3|: zero for a balanced load, the phase current for a single loaded phase.
double neutralCurrentA(const ThreePhaseState& state);

/// The state that draws `activePowerW` per phase at `powerFactor` (magnitude in (0, 1]) from
/// a supply at `voltageV`: I = |P| / (V x PF), lag = acos(PF) (or -acos for capacitive). A
/// negative P (a phase exporting) puts the current in the second/third quadrant, keeping the
/// reactive sense. Throws std::invalid_argument for a power factor outside (0, 1] or a
/// non-positive voltage.
ThreePhaseState stateForDemand(const Eigen::Vector3d& activePowerW, double powerFactor,
                               Reactive reactive = Reactive::Inductive, double voltageV = kNominalVoltageLnV,
                               double frequencyHz = kNominalFrequencyHz);
SinglePhaseState stateForDemand(double activePowerW, double powerFactor, Reactive reactive = Reactive::Inductive,
                                double voltageV = kNominalVoltageLnV, double frequencyHz = kNominalFrequencyHz);

/// The state that draws S_k = P_k + j Q_k on each phase from a supply at `voltageV` (per
/// phase): I_k = |S_k| / V_k, lag_k = arg(S_k) (a phase without current: lag 0). Loads of
/// different power factors summed on one line give the line's true current and angle.
ThreePhaseState stateForPowers(const Eigen::Vector3d& activeW, const Eigen::Vector3d& reactiveVar,
                               const Eigen::Vector3d& voltageV, double frequencyHz = kNominalFrequencyHz);

}  // namespace ews::physics
