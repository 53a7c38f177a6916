#include "ews/link/async_link.hpp"

#include <stdexcept>
#include <utility>

namespace ews::link {

void AsyncLink::submitBatch(std::span<const Request>, BatchCompletion) {
  throw std::logic_error(describe() + ": this link performs one transaction per submission");
}

VirtualTimeLink::~VirtualTimeLink() {
  // A stack rebuilt on a configuration change drops its lines mid-transaction: the answer must
  // not arrive at a destroyed link (a stale id cancels nothing).
  engine_->cancel(inFlight_);
  engine_->cancel(batchInFlight_);
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
  inFlight_ = engine_->scheduleIn(result.duration, EventPhase::Input, [this] { complete(); });
}

void VirtualTimeLink::submitBatch(std::span<const Request> requests, BatchCompletion done) {
  if (!batches()) return AsyncLink::submitBatch(requests, std::move(done));  // refuses
  if (requests.empty()) throw std::invalid_argument(describe() + ": an empty batch");
  std::vector<Result> results = std::move(spareResults_);
  results.clear();
  for (const Request& request : requests) {
    // Each result's duration runs from now: the line queues the request behind the previous one.
    results.push_back(link_->transact(request));
    if (!results.back().ok()) break;
  }
  const Duration duration = results.back().duration;
  if (pendingBatch_) {
    // Outside the contract (two in flight): this one carries its own completion and results.
    engine_->scheduleIn(duration, EventPhase::Input,
                        [done = std::move(done), results = std::move(results)] { done(results); });
    return;
  }
  pendingBatch_ = std::move(done);
  batchResults_ = std::move(results);
  batchInFlight_ = engine_->scheduleIn(duration, EventPhase::Input, [this] { completeBatch(); });
}

void VirtualTimeLink::completeBatch() {
  // Taken out first: the completion usually submits the next batch (into the spare storage).
  const BatchCompletion done = std::move(pendingBatch_);
  pendingBatch_ = nullptr;
  std::vector<Result> results = std::move(batchResults_);
  done(results);
  spareResults_ = std::move(results);
}

void VirtualTimeLink::complete() {
  // Taken out first: the completion usually submits the next transaction.
  const Completion done = std::move(pending_);
  pending_ = nullptr;
  const Result result = result_;
  done(result);
}

}  // namespace ews::link
