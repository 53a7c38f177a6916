#include "ews/link/async_link.hpp"

#include <stdexcept>
#include <utility>

namespace ews::link {

void AsyncLink::submitBatch(std::span<const Request>, BatchCompletion) {
  throw std::logic_error(describe() + ": this link performs one transaction per submission");
}

void VirtualTimeLink::submit(const Request& request, Completion done) {
  const Result result = link_->transact(request);
  // The answer is known now but only "arrives" when the line time has elapsed.
  if (pending_) {
    // Outside the contract (two in flight): this one carries its own completion.
    engine_->scheduleIn(result.duration, EventPhase::Input, [done = std::move(done), result] { done(result); });
    return;
  }
  pending_ = std::move(done);
  result_ = result;
  engine_->scheduleIn(result.duration, EventPhase::Input, [this] { complete(); });
}

void VirtualTimeLink::complete() {
  // Taken out first: the completion usually submits the next transaction.
  const Completion done = std::move(pending_);
  pending_ = nullptr;
  const Result result = result_;
  done(result);
}

}  // namespace ews::link
