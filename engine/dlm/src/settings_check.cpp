#include "settings_check.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace ews::dlm::detail {
namespace {

void require(bool ok, const std::string& field, const std::string& reason) {
  if (!ok) throw std::invalid_argument(fmt::format("dlm settings: {}: {}", field, reason));
}

bool finite(double value) { return std::isfinite(value); }

void checkStation(const StationConfig& station, std::size_t index) {
  const std::string field = fmt::format("stations[{}]", index);
  require(station.phases == 1 || station.phases == 3, field + ".phases", "must be 1 or 3");
  require(station.phaseIndex >= 0 && station.phaseIndex <= 2, field + ".phaseIndex", "must be 0 (L1), 1 (L2) or 2 (L3)");
  require(finite(station.ratedCurrentA) && station.ratedCurrentA > 0.0, field + ".ratedCurrentA", "must be > 0");
}

}  // namespace

void checkSettings(const Settings& s) {
  require(finite(s.maxCurrentA) && s.maxCurrentA >= 0.0, "maxCurrentA", "must be >= 0");
  // With load control OFF the thresholds are not used, so a blank 0 is accepted.
  require(!s.loadControl || s.maxCurrentA > 0.0, "maxCurrentA", "must be > 0 with load control ON");
  require(finite(s.maxChargingCurrentA) && s.maxChargingCurrentA >= 0.0, "maxChargingCurrentA", "must be >= 0");
  require(s.maxChargingCurrentA <= s.maxCurrentA, "maxChargingCurrentA", "must not exceed maxCurrentA");
  require(finite(s.hysteresisPct) && s.hysteresisPct >= 0.0 && s.hysteresisPct < 100.0, "hysteresisPct",
          "must be in [0, 100)");
  require(finite(s.firstStepPct) && s.firstStepPct > 0.0 && s.firstStepPct <= 100.0, "firstStepPct",
          "must be in (0, 100]");
  require(finite(s.secondStepPct) && s.secondStepPct > 0.0, "secondStepPct", "must be > 0");
  require(s.secondStepPct <= s.firstStepPct, "secondStepPct", "must not exceed firstStepPct");
  require(finite(s.minChargeAh) && s.minChargeAh >= 0.0, "minChargeAh", "must be >= 0");
  require(s.holdTime >= Duration::zero(), "holdTime", "must be >= 0");
  require(s.waitingTime >= Duration::zero(), "waitingTime", "must be >= 0");
  require(s.skipTime >= Duration::zero(), "skipTime", "must be >= 0");
  require(s.settleTime >= Duration::zero(), "settleTime", "must be >= 0");
  require(s.meterMaxAge >= Duration::zero(), "meterMaxAge", "must be >= 0");
  require(finite(s.voltageV) && s.voltageV > 0.0, "voltageV", "must be > 0");
  for (std::size_t i = 0; i < s.stations.size(); ++i) checkStation(s.stations[i], i);
}

}  // namespace ews::dlm::detail
