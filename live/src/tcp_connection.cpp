#include "tcp_connection.hpp"

#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace ews::live::detail {

namespace {

/// A response is at most 260 bytes and the socket's send buffer far larger: a short or blocked
/// write means the client stopped reading its answers. MSG_NOSIGNAL: a client gone meanwhile is
/// an error here, not a SIGPIPE for the process.
bool sendAll(int fd, std::span<const std::uint8_t> response) {
  const ssize_t sent = ::send(fd, response.data(), response.size(), MSG_NOSIGNAL);
  return sent == static_cast<ssize_t>(response.size());
}

}  // namespace

bool TcpConnection::silent(Clock::time_point now, Duration grace) const {
  if (!idle() || now - lastActivity_ < grace) return false;
  int pending = 0;
  return ::ioctl(fd(), FIONREAD, &pending) != 0 || pending == 0;
}

short TcpConnection::pollEvents() const { return answerDeadline_ ? short{0} : short{POLLIN}; }

void TcpConnection::onPollEvents(short revents, Clock::time_point now) {
  if (revents == 0 || !open()) return;
  if (answerDeadline_) {
    // Not polled for input while waiting: only a reset or failed connection is reported. The
    // request is dropped; a plain close (FIN) is noticed after the answer, when reading again.
    close();
    return;
  }
  // POLLHUP / POLLERR come with a recv that reports the close or the error.
  if (start_ > 0) {
    std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(start_),
              buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_), buffer_.begin());
    buffered_ -= start_;
    start_ = 0;
  }
  const ssize_t received = ::recv(fd(), buffer_.data() + buffered_, buffer_.size() - buffered_, 0);
  if (received == 0 || (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
    close();  // orderly close, reset or error
    return;
  }
  if (received < 0) return;
  lastActivity_ = now;
  spoken_ = true;
  buffered_ += static_cast<std::size_t>(received);
  serveBuffered(now);
}

void TcpConnection::serveBuffered(Clock::time_point now) {
  const std::size_t startedAt = start_;
  while (open() && !answerDeadline_) {
    const auto unprocessed = std::span<const std::uint8_t>(buffer_).subspan(start_, buffered_ - start_);
    const tcpframe::FrameScan scan = tcpframe::scanFrame(unprocessed);
    if (scan.framing == tcpframe::Framing::Invalid) {
      close();
      return;
    }
    if (scan.framing == tcpframe::Framing::Incomplete) break;
    frontFrameBytes_ = scan.aduBytes;
    // Reused when nobody else holds it (the usual case): no allocation per request.
    if (!pending_ || pending_.use_count() != 1) pending_ = std::make_shared<PendingRequest>(context_->mailbox);
    const auto answer = context_->responder.start(unprocessed.first(scan.aduBytes), pending_);
    if (!answer) {
      pending_->owner = this;
      answerDeadline_ = now + context_->answerTimeout;
      break;
    }
    finishRequest(*answer);
  }
  if (!open()) return;
  // The wait for a partial frame counts from the read that started it (or from the answer that
  // let the connection go on with the bytes that were waiting behind a request).
  if (answerDeadline_ || start_ == buffered_) {
    partialSince_.reset();
  } else if (start_ != startedAt || !partialSince_) {
    partialSince_ = now;
  }
}

void TcpConnection::finishRequest(link::ExceptionCode answer) {
  const auto frame = std::span<const std::uint8_t>(buffer_).subspan(start_, frontFrameBytes_);
  const auto response = context_->responder.respond(frame, pending_->request, answer);
  start_ += frontFrameBytes_;
  frontFrameBytes_ = 0;
  context_->responsesSent.fetch_add(1, std::memory_order_relaxed);
  if (!sendAll(fd(), response)) close();
}

void TcpConnection::onAnswer(Clock::time_point now) {
  if (!answerDeadline_ || !open()) return;
  lastActivity_ = now;
  answerDeadline_.reset();
  pending_->owner = nullptr;
  finishRequest(pending_->answer());
  serveBuffered(now);
}

void TcpConnection::onDeadlines(Clock::time_point now) {
  if (!open()) return;
  if (answerDeadline_ && now >= *answerDeadline_ && pending_->abandon()) {
    // The handler still holds the request's buffers: they are left to it, the next request
    // gets new ones. (When abandon fails the answer has just come and is in the mailbox.)
    answerDeadline_.reset();
    pending_->owner = nullptr;
    finishRequest(link::ExceptionCode::GatewayTargetFailedToRespond);
    pending_.reset();
    serveBuffered(now);
  }
  if (partialSince_ && now - *partialSince_ >= context_->partialFrameTimeout) close();
  if (open() && idle() && now - lastActivity_ >= context_->idleTimeout) close();
}

std::optional<TcpConnection::Clock::time_point> TcpConnection::nextDeadline() const {
  std::optional<Clock::time_point> earliest = answerDeadline_;
  if (partialSince_) {
    const auto partialDeadline = *partialSince_ + context_->partialFrameTimeout;
    if (!earliest || partialDeadline < *earliest) earliest = partialDeadline;
  }
  if (idle()) {
    const auto idleDeadline = lastActivity_ + context_->idleTimeout;
    if (!earliest || idleDeadline < *earliest) earliest = idleDeadline;
  }
  return earliest;
}

void TcpConnection::close() {
  if (answerDeadline_) {
    pending_->abandon();  // a completion arriving later is dropped ...
    pending_->owner = nullptr;  // ... or, if already in the mailbox, finds nobody to answer
    answerDeadline_.reset();
  }
  socket_.reset();
}

}  // namespace ews::live::detail
