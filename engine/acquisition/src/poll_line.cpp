#include "poll_line.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ews::acquisition {

Poller::Line::Line(Poller& poller, const installation::Gateway& gateway, link::AsyncLink& link,
                   const std::vector<const DevicePlan*>& plans)
    : poller_(&poller), gateway_(&gateway), link_(&link) {
  members_.reserve(plans.size());
  for (const DevicePlan* plan : plans) members_.push_back(Member{plan, DeviceDecoder(*plan)});
}

int Poller::Line::memberOf(int deviceId) const {
  const auto it = std::find_if(members_.begin(), members_.end(), [&](const Member& m) { return m.id() == deviceId; });
  return it == members_.end() ? -1 : static_cast<int>(it - members_.begin());
}

void Poller::Line::start() {
  if (started_) return;
  started_ = true;
  startCycle();
}

// ---- the cycle ----

void Poller::Line::startCycle() {
  cycleStart_ = now();
  stage_ = Stage::Fast;
  fastNext_ = probeNext_ = slowVisited_ = slowPolled_ = 0;
  advance();
}

void Poller::Line::advance() {
  if (inFlight_) return;
  if (!tests_.empty()) {
    // A Test waits only for the transaction in flight, never for a whole cycle.
    Job test = std::move(tests_.front());
    tests_.pop_front();
    begin(std::move(test));
    return;
  }
  if (stage_ == Stage::Fast) {
    if (startFast()) return;
    stage_ = Stage::Probes;
  }
  if (stage_ == Stage::Probes) {
    if (startDueProbe()) return;
    stage_ = Stage::Slow;
  }
  if (stage_ == Stage::Slow) {
    if (startSlow()) return;
    endCycle();
  }
}

bool Poller::Line::startFast() {
  while (fastNext_ < members_.size()) {
    const std::size_t m = fastNext_++;
    const Member& member = members_[m];
    if (!member.fast || !polled(member) || member.inError) continue;
    begin(Job{JobKind::Poll, m, 0, 0, now(), {}});
    return true;
  }
  return false;
}

bool Poller::Line::startDueProbe() {
  while (probeNext_ < members_.size()) {
    const std::size_t m = probeNext_++;
    const Member& member = members_[m];
    if (!member.inError || !polled(member) || now() < member.probeDue) continue;
    begin(Job{JobKind::BackoffProbe, m, 0, 0, now(), {}});
    return true;
  }
  return false;
}

bool Poller::Line::startSlow() {
  const Time cycleEnd = cycleStart_ + poller_->settings_.cyclePeriod;
  while (slowVisited_ < members_.size()) {
    const std::size_t m = slowCursor_;
    const Member& member = members_[m];
    if (member.fast || !polled(member) || member.inError) {
      ++slowVisited_;
      slowCursor_ = (slowCursor_ + 1) % members_.size();
      continue;
    }
    // At least one slow device per cycle, so every device is read even on an overloaded line;
    // beyond that only what fits, so the fast devices keep their period.
    if (slowPolled_ > 0 && now() + member.lastPollTime > cycleEnd) return false;
    ++slowVisited_;
    ++slowPolled_;
    slowCursor_ = (slowCursor_ + 1) % members_.size();
    begin(Job{JobKind::Poll, m, 0, 0, now(), {}});
    return true;
  }
  return false;
}

void Poller::Line::endCycle() {
  stage_ = Stage::Waiting;
  ++stats_.cycles;
  stats_.lastCycleTime = now() - cycleStart_;
  stats_.maxCycleTime = std::max(stats_.maxCycleTime, stats_.lastCycleTime);
  // An overrun cycle is not made up for: the next one starts when this one ends (no queue).
  const Time next = std::max(cycleStart_ + poller_->settings_.cyclePeriod, now());
  poller_->engine_->schedule(next, EventPhase::Update, [this] { startCycle(); });
}

// ---- transactions ----

void Poller::Line::begin(Job job) {
  job_ = std::move(job);
  submit();
}

void Poller::Line::submit() {
  const Member& member = members_[job_.member];
  const PlannedBlock& block = member.plan->blocks[job_.block];
  inFlight_ = true;
  ++stats_.transactions;
  link_->submit(requestFor(*member.plan, block, buffer_), [this](const link::Result& result) { onResult(result); });
}

void Poller::Line::onResult(const link::Result& result) {
  inFlight_ = false;
  if (!result.ok()) ++stats_.failures;
  switch (job_.kind) {
    case JobKind::Poll:
      onPollResult(result);
      break;
    case JobKind::BackoffProbe:
      onBackoffProbeResult(result);
      break;
    case JobKind::Test: {
      ++stats_.probes;
      const profiles::ReadBlock& read = members_[job_.member].plan->blocks.front().read;
      ProbeCallback done = std::move(job_.done);
      done(probeResultOf(result, read.count, profiles::isBitSpace(profiles::addressSpaceOf(read.function))));
      break;
    }
  }
  // A transaction may have been started from a callback above (a retry, the next block).
  advance();
}

void Poller::Line::onPollResult(const link::Result& result) {
  Member& member = members_[job_.member];
  // Switched OFF while its transaction was on the line: the poll is dropped, not counted.
  if (!polled(member)) {
    if (result.ok()) member.decoder.decodeBlock(job_.block, buffer_, *poller_->measurements_, now());
    return;
  }
  if (!result.ok()) {
    if (job_.attempt < poller_->settings_.retries) {
      ++job_.attempt;
      submit();
      return;
    }
    pollFailed(member, result);
    return;
  }
  member.decoder.decodeBlock(job_.block, buffer_, *poller_->measurements_, now());
  if (++job_.block < member.plan->blocks.size()) {
    job_.attempt = 0;
    submit();
    return;
  }
  ++stats_.polls;
  member.failedPolls = 0;
  member.lastPollTime = now() - job_.started;
  if (auto event = member.decoder.feedCounter(*poller_->measurements_, now())) poller_->emit(*event);
  notify(PollNotice::Kind::Poll, member, true);
}

void Poller::Line::pollFailed(Member& member, const link::Result& result) {
  ++stats_.failedPolls;
  member.decoder.markStaleFrom(job_.block);
  ++member.failedPolls;
  if (!member.inError && member.failedPolls >= poller_->settings_.failuresBeforeError) {
    member.inError = true;
    member.backoff = poller_->settings_.cyclePeriod;
    member.probeDue = now() + member.backoff;
    poller_->measurements_->markAllStale(member.id());
    setStatus(member, DeviceStatus::CommunicationError,
              fmt::format("{} consecutive failed polls ({})", member.failedPolls, link::describe(result)));
  }
  notify(PollNotice::Kind::FailedPoll, member, false);
}

void Poller::Line::onBackoffProbeResult(const link::Result& result) {
  ++stats_.probes;
  Member& member = members_[job_.member];
  if (!polled(member) || !member.inError) return;
  if (result.ok()) {
    member.decoder.decodeBlock(0, buffer_, *poller_->measurements_, now());
    member.inError = false;
    member.failedPolls = 0;
    setStatus(member, DeviceStatus::On, "answers again");
  } else {
    // Exponential back-off: a device that stays dead costs its line less and less.
    member.backoff = std::min(member.backoff * 2, poller_->settings_.maxBackoff);
    member.probeDue = now() + member.backoff;
  }
  notify(PollNotice::Kind::BackoffProbe, member, result.ok());
}

// ---- ON/OFF and Test ----

void Poller::Line::setDeviceOn(std::size_t m, bool on) {
  Member& member = members_[m];
  if (member.on == on) return;
  member.on = on;
  member.inError = false;
  member.failedPolls = 0;
  if (gatewayOn_) setStatus(member, on ? DeviceStatus::On : DeviceStatus::Off, on ? "switched ON" : "switched OFF");
}

void Poller::Line::setGatewayOn(bool on) {
  if (gatewayOn_ == on) return;
  gatewayOn_ = on;
  for (Member& member : members_) {
    if (!member.on) continue;
    member.inError = false;
    member.failedPolls = 0;
    setStatus(member, on ? DeviceStatus::On : DeviceStatus::Off, on ? "gateway switched ON" : "gateway switched OFF");
  }
}

void Poller::Line::test(std::size_t m, ProbeCallback done) {
  tests_.push_back(Job{JobKind::Test, m, 0, 0, now(), std::move(done)});
  advance();
}

// ---- observers ----

void Poller::Line::setStatus(Member& member, DeviceStatus status, std::string_view why) {
  Measurements& measurements = *poller_->measurements_;
  const DeviceStatus old = measurements.status(member.id());
  if (old == status) return;
  measurements.setStatus(member.id(), status);
  poller_->emit(recording::Event{now(), member.id(), "status",
                                 fmt::format("{} -> {}: {}", deviceStatusName(old), deviceStatusName(status), why)});
}

void Poller::Line::notify(PollNotice::Kind kind, const Member& member, bool ok) {
  if (poller_->observer_) poller_->observer_(PollNotice{kind, member.id(), job_.started, now(), ok});
}

}  // namespace ews::acquisition
