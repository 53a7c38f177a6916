#pragma once
// How the poller uses a Link without blocking the engine: it submits a transaction and gets
// the result back on the engine thread, at the simulated or wall instant the transaction
// ends. Two implementations:
//   * VirtualTimeLink (here): transacts at once (a SimLink returns the simulated duration)
//     and schedules the completion at now + duration — a line is busy in virtual time only;
//   * a threaded adapter in live/: a worker thread per line blocks on libmodbus and posts the
//     completion to the engine's input queue (wall clock).
// Either way the poller sees one transaction in flight per line and gateways in parallel.
#include <functional>
#include <span>
#include <vector>

#include "ews/kernel/engine.hpp"
#include "ews/link/link.hpp"

namespace ews::link {

class AsyncLink {
 public:
  using Completion = std::function<void(const Result&)>;
  using BatchCompletion = std::function<void(std::span<const Result>)>;
  virtual ~AsyncLink() = default;
  /// The request's buffers must stay valid until `done` runs. `done` runs on the engine's
  /// thread when the transaction has ended. At most one submission in flight per AsyncLink.
  virtual void submit(const Request& request, Completion done) = 0;
  /// True when submitBatch hands several transactions over at once. A threaded line then
  /// crosses threads twice per device poll instead of twice per block: the hand-over, not
  /// the wire, is what a loopback or LAN transaction mostly costs.
  virtual bool batches() const { return false; }
  /// Performs `requests` in order, one after the other, and stops after the first that is not
  /// Ok; `done` gets the results of those performed, each with its duration counted from the
  /// submission (so a result's end is the submission + its duration). Same rules as submit (buffers valid until
  /// `done`, one submission in flight). Only when batches(): throws std::logic_error otherwise.
  virtual void submitBatch(std::span<const Request> requests, BatchCompletion done);
  virtual std::string describe() const = 0;
};

/// An AsyncLink over any synchronous Link in virtual time (SimLink). The submission in flight
/// is kept in the link itself (its completion and results), so the engine event that delivers
/// it carries nothing but the link: no allocation per transaction. A caller that breaks the
/// one-in-flight rule still gets every completion (that submission carries its own).
///
/// Over a link that queues behind its busy line (Link::queuesBehindBusyLine, a SimLink) it
/// batches: the requests are transacted at once, back to back on the simulated line, and one
/// engine event delivers their results when the last one ends. Each device still answers at
/// its own instant on the line; only the delivery is shared, as over a threaded line.
class VirtualTimeLink final : public AsyncLink {
 public:
  VirtualTimeLink(Engine& engine, Link& link) : engine_(&engine), link_(&link) {}
  ~VirtualTimeLink() override;
  VirtualTimeLink(const VirtualTimeLink&) = delete;
  VirtualTimeLink& operator=(const VirtualTimeLink&) = delete;
  void submit(const Request& request, Completion done) override;
  bool batches() const override { return link_->queuesBehindBusyLine(); }
  void submitBatch(std::span<const Request> requests, BatchCompletion done) override;
  std::string describe() const override { return link_->describe(); }

 private:
  void complete();
  void completeBatch();

  Engine* engine_;
  Link* link_;
  Completion pending_;  ///< the completion of the submission in flight, empty when none
  Result result_{};     ///< its result
  BatchCompletion pendingBatch_;      ///< the completion of the batch in flight, empty when none
  std::vector<Result> batchResults_;  ///< its results
  std::vector<Result> spareResults_;  ///< the storage of the batch before: no allocation per batch
  EventId inFlight_{};       ///< the engine event delivering pending_
  EventId batchInFlight_{};  ///< the engine event delivering pendingBatch_
};

}  // namespace ews::link
