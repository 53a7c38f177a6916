#include "pending_request.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "ews/live/modbus_tcp_server.hpp"

namespace ews::live {

void Completion::operator()(link::ExceptionCode answer) {
  // Moved out: the handler's copy no longer pins the buffers, so the connection can reuse them.
  if (pending_) detail::PendingRequest::complete(std::move(pending_), answer);
}

namespace detail {

CompletionMailbox::CompletionMailbox() : event_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (!event_.valid()) throw std::system_error(errno, std::generic_category(), "eventfd");
}

void CompletionMailbox::signal() const {
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(event_.get(), &one, sizeof one);
}

void CompletionMailbox::post(std::shared_ptr<PendingRequest> done) {
  bool wasEmpty = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    wasEmpty = completed_.empty();
    completed_.push_back(std::move(done));
  }
  // Outside the lock: the server thread is not held up by the system call. The caller keeps
  // this mailbox alive (PendingRequest::complete holds a reference), so the eventfd is open.
  if (wasEmpty) signal();
}

void CompletionMailbox::requestStop() {
  stop_.store(true, std::memory_order_release);
  signal();
}

void CompletionMailbox::takeAll(std::vector<std::shared_ptr<PendingRequest>>& out) {
  std::uint64_t count = 0;
  [[maybe_unused]] const ssize_t read = ::read(event_.get(), &count, sizeof count);
  out.clear();
  std::lock_guard lock(mutex_);
  out.swap(completed_);  // both keep their capacity: no allocation in the steady state
}

void CompletionMailbox::close() {
  std::vector<std::shared_ptr<PendingRequest>> dropped;
  std::lock_guard lock(mutex_);
  closed_ = true;
  dropped.swap(completed_);  // released after the lock (declared first, destroyed last)
}

std::optional<link::ExceptionCode> PendingRequest::awaitAnswer() {
  std::uint32_t state = kInHandler;
  // acquire: the handler's writes to the buffers happen before its answer.
  if (state_.compare_exchange_strong(state, kWaiting, std::memory_order_acq_rel)) return std::nullopt;
  if (answered(state)) return static_cast<link::ExceptionCode>(state);
  return link::ExceptionCode::ServerDeviceFailure;  // not reached: only the server abandons
}

bool PendingRequest::abandon() {
  std::uint32_t state = state_.load(std::memory_order_acquire);
  while (state == kInHandler || state == kWaiting) {
    if (state_.compare_exchange_weak(state, kAbandoned, std::memory_order_acq_rel)) return true;
  }
  return false;
}

link::ExceptionCode PendingRequest::answer() const {
  return static_cast<link::ExceptionCode>(state_.load(std::memory_order_acquire));
}

void PendingRequest::complete(std::shared_ptr<PendingRequest> self, link::ExceptionCode answer) {
  const auto code = static_cast<std::uint32_t>(answer);
  std::uint32_t state = self->state_.load(std::memory_order_relaxed);
  while (state == kInHandler || state == kWaiting) {
    // release: the buffers the handler filled are visible to whoever sees the answer.
    if (self->state_.compare_exchange_weak(state, code, std::memory_order_acq_rel)) {
      if (state == kWaiting) {
        // Held here: the server thread may drop the request (and with it the mailbox's last
        // other owner) as soon as it is posted.
        const std::shared_ptr<CompletionMailbox> mailbox = self->mailbox;
        mailbox->post(std::move(self));
      }
      return;
    }
  }
  // Already answered or abandoned: nothing to do.
}

}  // namespace detail
}  // namespace ews::live
