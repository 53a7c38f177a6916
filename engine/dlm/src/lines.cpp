#include "lines.hpp"

#include <algorithm>

namespace ews::dlm::detail {

Lines stationLines(const StationConfig& station) {
  if (station.phases == 3) return {true, true, true};
  Lines lines{};
  lines.at(static_cast<std::size_t>(station.phaseIndex)) = true;
  return lines;
}

Lines linesDrawing(const PhaseCurrents& currentsA, const Lines& fallback) {
  Lines lines{};
  for (std::size_t p = 0; p < lines.size(); ++p) lines[p] = currentsA[p] > kDrawThresholdA;
  return lineCount(lines) > 0 ? lines : fallback;
}

int lineCount(const Lines& lines) { return static_cast<int>(std::count(lines.begin(), lines.end(), true)); }

double worstLineA(const PhaseCurrents& currentsA) { return *std::max_element(currentsA.begin(), currentsA.end()); }

double chargeAh(double sessionEnergyWh, double voltageV, int phasesDrawn) {
  return sessionEnergyWh / (voltageV * phasesDrawn);
}

}  // namespace ews::dlm::detail
