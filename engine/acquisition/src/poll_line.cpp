#include "poll_line.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "ews/profiles/identification.hpp"

namespace ews::acquisition {

Poller::Line::Line(Poller& poller, const installation::Gateway& gateway, link::AsyncLink& link,
                   const std::vector<const DevicePlan*>& plans)
    : poller_(&poller), gateway_(&gateway), link_(&link) {
  members_.reserve(plans.size());
  std::size_t largestPoll = 0;  // values
  for (const DevicePlan* plan : plans) {
    members_.push_back(Member{plan, DeviceDecoder(*plan)});
    std::size_t values = 0;
    for (const PlannedBlock& block : plan->blocks) values += block.read.count;
    largestPoll = std::max(largestPoll, values);
  }
  if (link_->batches()) batchBuffer_.resize(kMaxBatchDevices * largestPoll);
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
  gatewayProbedThisCycle_ = false;
  criticalProbedThisCycle_ = false;
  advance();
}

void Poller::Line::advance() {
  if (inFlight_) return;
  // A Test or a command waits only for the transaction in flight, never for a whole cycle.
  if (startQueued()) return;
  if (gatewayInError_ && stage_ != Stage::Waiting) {
    // The line is unreachable: no polls, only the gateway's back-off probe when it is due.
    if (startGatewayProbe()) return;
    endCycle();
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
  const auto m = takeFast();
  if (m) begin(newJob(JobKind::Poll, *m));
  return m.has_value();
}

std::optional<std::size_t> Poller::Line::takeFast() {
  while (fastNext_ < members_.size()) {
    const std::size_t m = fastNext_++;
    const Member& member = members_[m];
    if (!member.fast || !polled(member) || member.inError) continue;
    return m;
  }
  return std::nullopt;
}

bool Poller::Line::startDueProbe() {
  while (probeNext_ < members_.size()) {
    const std::size_t m = probeNext_++;
    const Member& member = members_[m];
    if (!member.inError || !polled(member) || now() < member.probeDue) continue;
    // The short back-off of the critical devices must not starve the line: one per cycle, the
    // others stay due for the next cycles.
    if (member.fast && criticalProbedThisCycle_) continue;
    criticalProbedThisCycle_ = criticalProbedThisCycle_ || member.fast;
    // A device in Configuration error answers: what is checked again is what it says it is.
    begin(newJob(member.identity == Identity::Contradicted ? JobKind::Identify : JobKind::BackoffProbe, m));
    return true;
  }
  return false;
}

bool Poller::Line::startSlow() {
  const auto m = takeSlow(Duration{0});
  if (m) begin(newJob(JobKind::Poll, *m));
  return m.has_value();
}

std::optional<std::size_t> Poller::Line::takeSlow(Duration planned) {
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
    if (slowPolled_ > 0 && now() + planned + member.lastPollTime > cycleEnd) return std::nullopt;
    ++slowVisited_;
    ++slowPolled_;
    slowCursor_ = (slowCursor_ + 1) % members_.size();
    return m;
  }
  return std::nullopt;
}

bool Poller::Line::startGatewayProbe() {
  if (gatewayProbedThisCycle_ || now() < gatewayProbeDue_) return false;
  // One cheap request: the first block of the first active device.
  for (std::size_t m = 0; m < members_.size(); ++m) {
    if (!polled(members_[m])) continue;
    gatewayProbedThisCycle_ = true;
    begin(newJob(JobKind::GatewayProbe, m));
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
  nextCycle_ = poller_->engine_->schedule(next, EventPhase::Update, [this] { startCycle(); });
}

Poller::Line::~Line() { poller_->engine_->cancel(nextCycle_); }

// ---- transactions ----

Poller::Line::Job Poller::Line::newJob(JobKind kind, std::size_t member) const {
  Job job;
  job.kind = kind;
  job.member = member;
  job.started = now();
  return job;
}

void Poller::Line::begin(Job job) {
  job_ = std::move(job);
  submit();
}

void Poller::Line::submit() {
  const Member& member = members_[job_.member];
  if (job_.kind == JobKind::Poll && job_.block == 0 && job_.attempt == 0 && link_->batches()) {
    submitBatch();
    return;
  }
  inFlight_ = true;
  ++stats_.transactions;
  const link::Request request = job_.kind == JobKind::Write      ? writeRequest()
                                : job_.kind == JobKind::Identify ? identifyRequest()
                                                                 : requestFor(*member.plan, member.plan->blocks[job_.block], buffer_);
  link_->submit(request, [this](const link::Result& result) { onResult(result); });
}

void Poller::Line::submitBatch() {
  batch_.clear();
  batchMembers_.clear();
  std::size_t offset = 0;
  Duration planned{};
  // The job's device, then the next ones its stage would poll, while nothing else waits.
  for (std::optional<std::size_t> m = job_.member; m; ) {
    const Member& member = members_[*m];
    for (const PlannedBlock& block : member.plan->blocks) {
      batch_.push_back(requestFor(*member.plan, block, std::span(batchBuffer_).subspan(offset, block.read.count)));
      offset += block.read.count;
    }
    batchMembers_.push_back(*m);
    // A device not polled yet has no known poll time: it goes alone, so that a first cycle of
    // unknown devices does not become one batch.
    planned += member.lastPollTime > Duration{0} ? member.lastPollTime : kMaxBatchLineTime;
    if (batchMembers_.size() == kMaxBatchDevices || planned >= kMaxBatchLineTime || !queued_.empty()) break;
    m = stage_ == Stage::Fast ? takeFast() : stage_ == Stage::Slow ? takeSlow(planned) : std::nullopt;
  }
  inFlight_ = true;
  stats_.transactions += batch_.size();
  link_->submitBatch(batch_, [this](std::span<const link::Result> results) { onBatchResult(results); });
}

void Poller::Line::onBatchResult(std::span<const link::Result> results) {
  inFlight_ = false;
  // What the batch could not do counts as if it had been submitted on its own.
  stats_.transactions -= batch_.size() - results.size();
  for (const link::Result& result : results) {
    if (result.status != link::Status::Disconnected) lineDisconnects_ = 0;
  }
  const Time batchStarted = job_.started;
  std::size_t request = 0;
  std::size_t offset = 0;
  for (const std::size_t m : batchMembers_) {
    // After a failure the batch stopped: the devices behind it wait for their next turn.
    if (request == results.size()) break;
    Member& member = members_[m];
    job_ = newJob(JobKind::Poll, m);
    // Each transaction's duration runs from the batch's submission: its values are stamped
    // with the instant it ended, as if it had been delivered on its own.
    job_.started = request == 0 ? batchStarted : batchStarted + results[request - 1].duration;
    Time ended = job_.started;
    for (; job_.block < member.plan->blocks.size(); ++job_.block, ++request) {
      const link::Result& result = results[request];
      if (!result.ok()) {
        ++stats_.failures;
        onPollResult(result);  // retries that block on its own, or fails the poll
        advance();
        return;
      }
      ended = batchStarted + result.duration;
      const auto values = std::span<const std::uint16_t>(batchBuffer_).subspan(offset);
      member.decoder.decodeBlock(job_.block, values, *poller_->measurements_, ended);
      offset += member.plan->blocks[job_.block].read.count;
    }
    if (polled(member)) completePoll(member, ended);
  }
  advance();
}

link::Request Poller::Line::writeRequest() {
  const DevicePlan& plan = *members_[job_.member].plan;
  const profiles::Field& field = plan.map->fields()[job_.field];
  link::Request request;
  request.unitId = plan.address.unitId;
  request.address = static_cast<std::uint16_t>(field.address + plan.address.registerOffset);
  const std::uint16_t words = field.words();
  if (field.type == profiles::Type::Bit) {
    request.function = link::Function::WriteSingleCoil;
  } else {
    request.function = words == 1 ? link::Function::WriteSingleRegister : link::Function::WriteMultipleRegisters;
  }
  request.count = words;
  request.writeValues = std::span<const std::uint16_t>(job_.words.data(), words);
  return request;
}

void Poller::Line::onResult(const link::Result& result) {
  inFlight_ = false;
  if (!result.ok()) ++stats_.failures;
  // Anything but Disconnected (an answer, an exception, even a silent device) reached the gateway.
  if (result.status != link::Status::Disconnected) lineDisconnects_ = 0;
  switch (job_.kind) {
    case JobKind::Poll:
      onPollResult(result);
      break;
    case JobKind::BackoffProbe:
      onBackoffProbeResult(result);
      break;
    case JobKind::GatewayProbe:
      onGatewayProbeResult(result);
      break;
    case JobKind::Write:
      onWriteResult(result);
      break;
    case JobKind::Identify:
      onIdentifyResult(result);
      break;
    case JobKind::Test: {
      if (gatewayInError_ && result.status != link::Status::Disconnected) leaveGatewayError(result);
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
  completePoll(member, now());
}

void Poller::Line::completePoll(Member& member, Time ended) {
  ++stats_.polls;
  member.failedPolls = 0;
  member.lastPollTime = ended - job_.started;
  // Put in error by its gateway, the device confirms its own status with its first full poll.
  if (poller_->measurements_->status(member.id()) == DeviceStatus::CommunicationError) {
    setStatus(member, DeviceStatus::On, "answers again");
  }
  if (auto event = member.decoder.feedCounter(*poller_->measurements_, ended)) poller_->emit(*event);
  identifyWhenReached(static_cast<std::size_t>(&member - members_.data()));
  notify(PollNotice::Kind::Poll, member, true, ended);
}

void Poller::Line::pollFailed(Member& member, const link::Result& result) {
  ++stats_.failedPolls;
  member.decoder.markStaleFrom(job_.block);
  ++member.failedPolls;
  if (countLineFailure(result)) {
    // The gateway went to Communication error, with every device of the line.
  } else if (!member.inError && member.failedPolls >= poller_->settings_.failuresBeforeError) {
    member.inError = true;
    forgetIdentity(member);
    member.backoff = poller_->settings_.cyclePeriod;
    member.probeDue = now() + member.backoff;
    poller_->measurements_->markAllStale(member.id());
    setStatus(member, DeviceStatus::CommunicationError,
              fmt::format("{} consecutive failed polls ({})", member.failedPolls, link::describe(result)));
  }
  notify(PollNotice::Kind::FailedPoll, member, false, now());
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
    identifyWhenReached(job_.member);
  } else {
    // Exponential back-off: a device that stays dead costs its line less and less.
    member.backoff = std::min(member.backoff * 2, maxBackoffOf(member));
    member.probeDue = now() + member.backoff;
    countLineFailure(result);
  }
  notify(PollNotice::Kind::BackoffProbe, member, result.ok(), now());
}

Duration Poller::Line::maxBackoffOf(const Member& member) const {
  const PollerSettings& settings = poller_->settings_;
  return member.fast ? std::min(settings.criticalMaxBackoff, settings.maxBackoff) : settings.maxBackoff;
}

Duration Poller::Line::gatewayMaxBackoff() const {
  Duration cap = poller_->settings_.maxBackoff;
  for (const Member& member : members_) {
    if (member.fast && member.on) cap = std::min(cap, maxBackoffOf(member));
  }
  return cap;
}

// ---- the gateway's Communication error ----

bool Poller::Line::countLineFailure(const link::Result& result) {
  if (result.status != link::Status::Disconnected || gatewayInError_) return false;
  if (++lineDisconnects_ < poller_->settings_.failuresBeforeError) return false;
  enterGatewayError(result);
  return true;
}

void Poller::Line::enterGatewayError(const link::Result& result) {
  gatewayInError_ = true;
  ++stats_.gatewayErrors;
  gatewayBackoff_ = poller_->settings_.cyclePeriod;
  gatewayProbeDue_ = now() + gatewayBackoff_;
  emitGatewayStatus(DeviceStatus::On, DeviceStatus::CommunicationError,
                    fmt::format("{} consecutive failed polls ({})", lineDisconnects_, link::describe(result)));
  const std::string why = fmt::format("gateway '{}' in communication error", gateway_->name);
  for (Member& member : members_) {
    member.failedPolls = 0;
    forgetIdentity(member);
    if (!polled(member)) continue;
    poller_->measurements_->markAllStale(member.id());
    setStatus(member, DeviceStatus::CommunicationError, why);
  }
}

void Poller::Line::leaveGatewayError(const link::Result& result) {
  gatewayInError_ = false;
  lineDisconnects_ = 0;
  // Its devices stay in Communication error until their own next poll answers (or fails K times).
  emitGatewayStatus(DeviceStatus::CommunicationError, DeviceStatus::On,
                    fmt::format("reachable again ({})", link::describe(result)));
}

void Poller::Line::onGatewayProbeResult(const link::Result& result) {
  ++stats_.gatewayProbes;
  Member& member = members_[job_.member];
  const bool reached = result.status != link::Status::Disconnected;
  if (gatewayInError_) {
    if (reached) {
      leaveGatewayError(result);
      if (result.ok() && polled(member)) {
        member.decoder.decodeBlock(0, buffer_, *poller_->measurements_, now());
        if (!member.inError) {
          setStatus(member, DeviceStatus::On, "answers again");
          identifyWhenReached(job_.member);
        }
      }
    } else {
      // The same exponential back-off as a device's: an unreachable gateway costs one
      // connection attempt per interval.
      gatewayBackoff_ = std::min(gatewayBackoff_ * 2, gatewayMaxBackoff());
      gatewayProbeDue_ = now() + gatewayBackoff_;
    }
  }
  notify(PollNotice::Kind::GatewayProbe, member, reached, now());
}

DeviceStatus Poller::Line::gatewayStatus() const {
  if (!gatewayOn_) return DeviceStatus::Off;
  return gatewayInError_ ? DeviceStatus::CommunicationError : DeviceStatus::On;
}

void Poller::Line::emitGatewayStatus(DeviceStatus old, DeviceStatus status, std::string_view why) {
  poller_->emit(recording::Event{now(), 0, "status",
                                 fmt::format("gateway '{}' (id {}): {} -> {}: {}", gateway_->name, gateway_->id,
                                             deviceStatusName(old), deviceStatusName(status), why)});
}

// ---- ON/OFF and Test ----

void Poller::Line::setDeviceOn(std::size_t m, bool on) {
  Member& member = members_[m];
  if (member.on == on) return;
  member.on = on;
  member.inError = false;
  member.failedPolls = 0;
  forgetIdentity(member);
  if (!gatewayOn_) return;
  if (on && gatewayInError_) {
    poller_->measurements_->markAllStale(member.id());
    setStatus(member, DeviceStatus::CommunicationError,
              fmt::format("switched ON, gateway '{}' in communication error", gateway_->name));
  } else {
    setStatus(member, on ? DeviceStatus::On : DeviceStatus::Off, on ? "switched ON" : "switched OFF");
  }
}

void Poller::Line::setGatewayOn(bool on) {
  if (gatewayOn_ == on) return;
  if (!on && gatewayInError_) {
    gatewayInError_ = false;
    emitGatewayStatus(DeviceStatus::CommunicationError, DeviceStatus::Off, "switched OFF");
  }
  lineDisconnects_ = 0;
  gatewayOn_ = on;
  for (Member& member : members_) {
    if (!member.on) continue;
    member.inError = false;
    member.failedPolls = 0;
    forgetIdentity(member);
    setStatus(member, on ? DeviceStatus::On : DeviceStatus::Off, on ? "gateway switched ON" : "gateway switched OFF");
  }
}

void Poller::Line::test(std::size_t m, ProbeCallback done) {
  Job job = newJob(JobKind::Test, m);
  job.done = std::move(done);
  queued_.push_back(std::move(job));
  advance();
}

void Poller::Line::write(std::size_t m, std::size_t field, double value, WriteCallback done) {
  if (!polled(members_[m])) {
    // Nothing goes to a device that is OFF (or behind an OFF gateway).
    if (done) done(writeOutcome(m, field, value, link::Result{link::Status::Disconnected, link::ExceptionCode::None, {}}));
    return;
  }
  Job job = newJob(JobKind::Write, m);
  job.field = field;
  job.value = value;
  job.written = std::move(done);
  profiles::encode(members_[m].plan->map->fields()[field], value, job.words);
  queued_.push_back(std::move(job));
  advance();
}

void Poller::Line::onWriteResult(const link::Result& result) {
  if (!result.ok() && result.status != link::Status::InvalidRequest && polled(members_[job_.member]) &&
      job_.attempt < poller_->settings_.retries) {
    ++job_.attempt;
    submit();
    return;
  }
  if (!job_.written) return;
  WriteCallback done = std::move(job_.written);
  done(writeOutcome(job_.member, job_.field, job_.value, result));
}

WriteOutcome Poller::Line::writeOutcome(std::size_t m, std::size_t field, double value,
                                        const link::Result& result) const {
  const DevicePlan& plan = *members_[m].plan;
  return WriteOutcome{plan.device->id, plan.map->fields()[field].name.substr(plan.prefix.size()), value, result, {}};
}

// ---- identification ----

void Poller::Line::forgetIdentity(Member& member) {
  member.identity = Identity::Unknown;
}

void Poller::Line::identifyWhenReached(std::size_t m) {
  Member& member = members_[m];
  if (!member.plan->identification || member.identity != Identity::Unknown || member.identifyQueued) return;
  member.identifyQueued = true;
  queued_.push_front(newJob(JobKind::Identify, m));
}

bool Poller::Line::startQueued() {
  while (!queued_.empty()) {
    Job job = std::move(queued_.front());
    queued_.pop_front();
    Member& member = members_[job.member];
    if (job.kind == JobKind::Write && member.identity == Identity::Contradicted) {
      const DevicePlan& plan = *member.plan;
      poller_->refuseWrite(member.id(), plan.map->fields()[job.field].name.substr(plan.prefix.size()), job.value,
                           poller_->writeRefusal(member.id()), job.written);
      continue;
    }
    if (job.kind == JobKind::Write && member.identity == Identity::Unknown && member.plan->identification &&
        polled(member)) {
      // Nothing is written to a device before it has said what it is.
      const std::size_t m = job.member;
      queued_.push_front(std::move(job));
      member.identifyQueued = true;
      begin(newJob(JobKind::Identify, m));
      return true;
    }
    begin(std::move(job));
    return true;
  }
  return false;
}

link::Request Poller::Line::identifyRequest() {
  const Member& member = members_[job_.member];
  return requestFor(*member.plan, member.plan->identification->block, buffer_);
}

void Poller::Line::onIdentifyResult(const link::Result& result) {
  ++stats_.identifications;
  Member& member = members_[job_.member];
  member.identifyQueued = false;
  if (!polled(member)) return;
  const IdentificationPlan& plan = *member.plan->identification;
  const Identity before = member.identity;
  if (!result.ok()) {
    if (result.status == link::Status::Disconnected) countLineFailure(result);
    if (before == Identity::Contradicted) {
      member.backoff = std::min(member.backoff * 2, maxBackoffOf(member));
      member.probeDue = now() + member.backoff;
    } else {
      // A device without identification registers (a map the installer supplied, an old
      // firmware) or one that did not answer this once: nothing holds against it. It is read
      // again when next reached.
      member.identity = Identity::Unverified;
    }
    return;
  }
  const profiles::DeviceIdentity identity = profiles::decodeIdentity(
      *member.plan->map, plan.read, std::span<const std::uint16_t>(buffer_).first(plan.read.read.count));
  const std::uint32_t modelCode = identity.modelCode;
  const std::string firmware = identity.firmware ? fmt::format("{:.2f}", *identity.firmware) : "unknown";
  if (modelCode == plan.expectedModelCode) {
    member.identity = Identity::Confirmed;
    if (before == Identity::Contradicted) {
      member.inError = false;
      member.failedPolls = 0;
      setStatus(member, DeviceStatus::On,
                fmt::format("identification matches the configuration again ({}, firmware {})",
                            profiles::describeModelCode(modelCode), firmware));
    }
    return;
  }
  if (before == Identity::Contradicted) {
    member.backoff = std::min(member.backoff * 2, poller_->settings_.maxBackoff);
    member.probeDue = now() + member.backoff;
    return;
  }
  enterConfigurationError(member, modelCode, firmware);
}

void Poller::Line::enterConfigurationError(Member& member, std::uint32_t modelCode, std::string_view firmware) {
  member.identity = Identity::Contradicted;
  member.inError = true;
  member.failedPolls = 0;
  member.backoff = poller_->settings_.cyclePeriod;
  member.probeDue = now() + member.backoff;
  // Its values are another device's: none of them is this device's measurement.
  poller_->measurements_->markAllStale(member.id());
  const installation::Device& device = *member.plan->device;
  const std::string detail =
      fmt::format("gateway '{}' address {}: the device identifies as {} (firmware {}), configured as {}", gateway_->name,
                  member.plan->address.unitId, profiles::describeModelCode(modelCode), firmware, device.model);
  setStatus(member, DeviceStatus::ConfigurationError, detail);
  poller_->emit(recording::Event{now(), member.id(), "configuration-error", detail});
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

void Poller::Line::notify(PollNotice::Kind kind, const Member& member, bool ok, Time ended) {
  if (poller_->observer_) poller_->observer_(PollNotice{kind, member.id(), job_.started, ended, ok});
}

}  // namespace ews::acquisition
