#include "ews/dlm/runner.hpp"

namespace ews::dlm {

void applySessionCommand(Controller& controller, const SessionCommand& command) {
  if (command.start) {
    controller.setStartWait(command.station, *command.start ? StartWaitOverride::Start : StartWaitOverride::Wait);
  }
  if (command.priority) controller.setSessionPriority(command.station, *command.priority);
}

}  // namespace ews::dlm
