#pragma once
// Green'Up dynamic load management settings (manual 7.16.5.1 "Management configuration",
// 7.16.5.2 "Priority stations", and the newer firmware's Load control / Control logic / Hold,
// Waiting and Skip times of the release notes). Plain data: the controller reads them, Python
// and sweeps change them between slices.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ews/kernel/time.hpp"

namespace ews::dlm {

/// Manual images 1 and 2: the total meter measures the whole site (the charging budget moves
/// with the other loads) or only the charging part (a fixed budget).
enum class MeterScope : std::uint8_t { WholeSite, ChargingOnly };

/// One charging point the DLM manages (a Premium station, or one side of an old-range one).
struct StationConfig {
  int deviceId = 0;
  std::string name;
  int phases = 1;           ///< 1 or 3
  int phaseIndex = 0;       ///< single-phase: the line it sits on, 0 = L1, 1 = L2, 2 = L3
  double ratedCurrentA = 16.0;
  bool priority = false;    ///< the station's default (7.16.5.2); a session may override it (8.3.2)
};

struct Settings {
  MeterScope scope = MeterScope::WholeSite;
  double maxCurrentA = 0.0;          ///< yellow/red threshold ("Maximum current available")
  double maxChargingCurrentA = 0.0;  ///< green/yellow threshold ("... available for the charging")
  double hysteresisPct = 0.0;        ///< % of maxCurrentA: the dead band below each threshold
  double firstStepPct = 75.0;        ///< % of each station's rated current
  double secondStepPct = 50.0;
  double minChargeAh = 32.0;         ///< minimum guaranteed charging quantity
  /// OFF: "infinite current" available for charging (no zone other than green).
  bool loadControl = true;
  /// OFF: the EWS grants and denies nothing and commands no reduction (commissioning).
  bool controlLogic = true;
  Duration holdTime = seconds(60);     ///< a waiting station is authorised no earlier than this
  Duration waitingTime = seconds(90);  ///< authorised without drawing longer than this: skipped
  Duration skipTime = seconds(300);    ///< ... and ignored for this long
  /// How long a command's effect is taken on trust before the measurements must show it: the
  /// station's response delay (IEC 61851-1 allows the vehicle 5 s) plus one poll. Until then
  /// the controller predicts the site current from what it commanded (docs/dlm.md).
  Duration settleTime = seconds(5);
  /// A total meter reading older than this is not trusted: the fail-safe applies.
  Duration meterMaxAge = seconds(10);
  double voltageV = 230.0;  ///< line-to-neutral, to turn session energy into Ah per phase
  std::vector<StationConfig> stations;
};

}  // namespace ews::dlm
