#include "ews/live/threaded_link.hpp"

#include <stdexcept>

namespace ews::live {

ThreadedLink::ThreadedLink(Engine& engine, std::unique_ptr<link::Link> line)
    : engine_(&engine),
      line_(std::move(line)),
      description_(line_->describe()),
      alive_(std::make_shared<bool>(true)),
      worker_([this] { work(); }) {}

ThreadedLink::~ThreadedLink() { stop(); }

void ThreadedLink::submit(const link::Request& request, Completion done) {
  handOver(Job{{request},
               [done = std::move(done)](std::span<const link::Result> results) { done(results.front()); },
               std::chrono::steady_clock::now()});
}

void ThreadedLink::submitBatch(std::span<const link::Request> requests, BatchCompletion done) {
  if (requests.empty()) throw std::invalid_argument(description_ + ": an empty batch");
  handOver(Job{{requests.begin(), requests.end()}, std::move(done), std::chrono::steady_clock::now()});
}

void ThreadedLink::handOver(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw std::logic_error(description_ + ": submit after stop");
    if (inFlight_) throw std::logic_error(description_ + ": a transaction is already in flight");
    inFlight_ = true;
    job_ = std::move(job);
  }
  wake_.notify_one();
}

void ThreadedLink::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    // `alive_` is read only by posted completions, on the engine thread, which is this thread
    // or not running (the documented contract), so the plain bool needs no atomic.
    *alive_ = false;
  }
  wake_.notify_one();
  if (worker_.joinable()) worker_.join();
}

std::uint64_t ThreadedLink::transactions() const {
  std::lock_guard lock(mutex_);
  return transactions_;
}

void ThreadedLink::work() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || job_.has_value(); });
      if (stopping_) return;  // a job handed over but not started is dropped with its completion
      job = std::move(*job_);
      job_.reset();
    }
    std::vector<link::Result> results;
    results.reserve(job.requests.size());
    for (const link::Request& request : job.requests) {
      link::Result& result = results.emplace_back();
      try {
        result = line_->transact(request);
      } catch (const std::exception&) {
        // A Link reports failures as statuses; an exception here is a broken transport (e.g.
        // the serial port vanished mid-call). The poller must still get its completion.
        result.status = link::Status::Disconnected;
      }
      result.duration = std::chrono::duration_cast<Duration>(std::chrono::steady_clock::now() - job.submittedAt);
      if (!result.ok()) break;
    }
    {
      std::lock_guard lock(mutex_);
      transactions_ += results.size();
      if (stopping_) return;
    }
    // inFlight_ is cleared on the engine thread just before `done` runs, so the poller may
    // submit the next request from inside `done` and a submit can never overtake a completion.
    engine_->post([this, alive = alive_, done = std::move(job.done), results = std::move(results)] {
      if (!*alive) return;
      {
        std::lock_guard lock(mutex_);
        inFlight_ = false;
      }
      done(results);
    });
  }
}

}  // namespace ews::live
