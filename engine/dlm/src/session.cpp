#include "session.hpp"

#include <algorithm>

namespace ews::dlm::detail {

void endSession(Session& session) {
  // Only what the station shows survives: its state and its last reading.
  Session idle;
  idle.state = session.state;
  idle.measuredA = session.measuredA;
  idle.drawA = session.measuredA;
  session = idle;
}

void beginSession(Session& session, const StationConfig& station, Time at) {
  endSession(session);
  session.connected = true;
  session.connectedAt = at;
  session.priority = station.priority;
  session.linesDrawn = stationLines(station);
}

PhaseCurrents predictedDrawA(const Session& session) { return predictedDrawA(session, session.pending); }

PhaseCurrents predictedDrawA(const Session& session, const PendingCommand& command) {
  using Effect = PendingCommand::Effect;
  PhaseCurrents drawA = session.measuredA;
  for (std::size_t p = 0; p < drawA.size(); ++p) {
    switch (command.effect) {
      case Effect::None:
        break;
      case Effect::Stop:
        drawA[p] = 0.0;
        break;
      // A start or a raise is assumed to take all it is allowed: predicting less would let
      // the next decision give the same room away twice.
      case Effect::Start:
      case Effect::Raise:
        if (command.lines[p]) drawA[p] = command.setpointA;
        break;
      // A vehicle already drawing less than the new setpoint keeps drawing what it draws.
      case Effect::Lower:
        if (command.lines[p]) drawA[p] = std::min(drawA[p], command.setpointA);
        break;
    }
  }
  return drawA;
}

}  // namespace ews::dlm::detail
