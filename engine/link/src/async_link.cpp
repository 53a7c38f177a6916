#include "ews/link/async_link.hpp"

namespace ews::link {

void VirtualTimeLink::submit(const Request& request, Completion done) {
  const Result result = link_->transact(request);
  // The answer is known now but only "arrives" when the line time has elapsed.
  engine_->scheduleIn(result.duration, EventPhase::Input, [done = std::move(done), result] { done(result); });
}

}  // namespace ews::link
