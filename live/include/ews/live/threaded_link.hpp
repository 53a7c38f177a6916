#pragma once
// ThreadedLink: the AsyncLink of the live EWS (wall clock) over any blocking Link (TcpLink,
// RtuLink). One worker thread per line owns the Link — a libmodbus context is not thread-safe,
// so exactly one thread ever touches it — and blocks in transact(); the completion is posted to
// the engine's input queue (docs/design.md decision 8), so the poller only ever runs on the engine
// thread and a slow line never holds up the others or the engine (docs/live.md, "Live mode").
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ews/kernel/engine.hpp"
#include "ews/link/async_link.hpp"

namespace ews::live {

class ThreadedLink final : public link::AsyncLink {
 public:
  /// `engine` must outlive this object; the worker thread starts here.
  ThreadedLink(Engine& engine, std::unique_ptr<link::Link> line);
  /// stop().
  ~ThreadedLink() override;
  ThreadedLink(const ThreadedLink&) = delete;
  ThreadedLink& operator=(const ThreadedLink&) = delete;

  /// Any thread (the poller calls it on the engine thread). Hands the request to the worker and
  /// returns at once; `done` runs on the engine thread with the outcome, whose duration is the
  /// wall time from this call to the end of the transaction. Throws std::logic_error when a
  /// submission is still in flight (the AsyncLink contract: one per line) or after stop().
  void submit(const link::Request& request, Completion done) override;
  /// The worker performs the requests back to back, stopping after the first that is not Ok,
  /// and posts one completion: a device's poll of several blocks crosses threads once each way.
  /// Each result's duration runs from this call to the end of its own transaction.
  bool batches() const override { return true; }
  void submitBatch(std::span<const link::Request> requests, BatchCompletion done) override;
  std::string describe() const override { return description_; }

  /// Joins the worker. A transaction in progress is finished first (libmodbus cannot be
  /// interrupted from another thread; the link's response timeout bounds the wait); its
  /// completion, and any completion still in the engine's queue, is then dropped — never run —
  /// so the poller may be destroyed right after. Call it on the engine thread or while the
  /// engine is not running. Idempotent.
  void stop();
  /// Transactions the worker has completed (for benches and tests); any thread.
  std::uint64_t transactions() const;

 private:
  struct Job {
    std::vector<link::Request> requests;
    BatchCompletion done;
    std::chrono::steady_clock::time_point submittedAt;
  };
  void handOver(Job job);
  void work();

  Engine* engine_;
  std::unique_ptr<link::Link> line_;  ///< worker thread only (after construction)
  std::string description_;           ///< cached: describe() must not touch the Link
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Job> job_;      ///< handed over, not yet taken by the worker
  bool inFlight_ = false;       ///< from submit() until the completion ran (or was dropped)
  bool stopping_ = false;
  std::uint64_t transactions_ = 0;
  /// Shared with every posted completion: false once stopped, so a completion that reaches
  /// the engine afterwards does nothing (its poller may be gone).
  std::shared_ptr<bool> alive_;
  std::thread worker_;  ///< last: starts once everything above is built
};

}  // namespace ews::live
