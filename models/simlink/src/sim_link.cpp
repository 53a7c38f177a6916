#include "ews/simlink/sim_link.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "ews/simlink/rtu_frames.hpp"

namespace ews::simlink {

using link::ExceptionCode;
using link::Result;
using link::Status;

SimLink::SimLink(std::string name, LineSettings line, std::function<Time()> now, RngStream faultRng,
                 Duration adapterLatency)
    : name_(std::move(name)),
      timing_(line),
      now_(std::move(now)),
      adapterLatency_(adapterLatency),
      faults_(std::move(faultRng)) {
  if (!now_) throw std::invalid_argument(fmt::format("SimLink '{}': no clock", name_));
  if (adapterLatency_ < Duration{0}) {
    throw std::invalid_argument(fmt::format("SimLink '{}': negative adapter latency", name_));
  }
}

void SimLink::attach(std::uint8_t unitId, models::SimDevice& device) {
  // Unit 0 is the broadcast address: no device answers it.
  if (unitId < 1 || unitId > 247) {
    throw std::invalid_argument(fmt::format("SimLink '{}': unit id {} is out of range 1..247", name_, unitId));
  }
  if (devices_[unitId] != nullptr) {
    throw std::invalid_argument(fmt::format("SimLink '{}': unit id {} is already attached", name_, unitId));
  }
  devices_[unitId] = &device;
}

std::string SimLink::describe() const {
  return fmt::format("sim RS485 {} '{}'", formatLineSettings(timing_.line()), name_);
}

Result SimLink::finish(Status status, Duration duration, ExceptionCode exception) {
  ++stats_.byStatus[static_cast<std::size_t>(status)];
  return Result{.status = status, .exception = exception, .duration = duration};
}

Result SimLink::occupy(Time now, Time start, Time outcome, Time lineFree, Status status, ExceptionCode exception) {
  stats_.busy += lineFree - start;
  lineFreeAt_ = lineFree;
  return finish(status, outcome - now, exception);
}

Result SimLink::transact(const link::Request& request) {
  const Time now = now_();
  ++stats_.transactions;
  if (!link::validateRequest(request).empty()) return finish(Status::InvalidRequest, Duration{0});

  // A request asked while the line is busy goes out when it frees (back-to-back batches ask
  // at one instant): that is when it tries the gateway too.
  const Time start = std::max(now, lineFreeAt_);
  FaultVerdict verdict;
  if (!faults_.empty()) verdict = faults_.evaluate(request.unitId, start, start);
  // The caller cannot reach the gateway: it gives up after its timeout (libmodbus bounds a
  // TCP connect by the response timeout) and nothing reaches the line.
  if (verdict.gatewayDown) return finish(Status::Disconnected, start - now + timing_.line().timeout);

  const Duration timeout = timing_.line().timeout;
  const Time requestEnd = start + adapterLatency_ + timing_.frameTime(rtu::requestBytes(request));
  models::SimDevice* device = devices_[request.unitId];
  if (device == nullptr || verdict.deviceOffline || verdict.injected == FaultKind::Timeout) {
    // The request went out; nothing answers; the master waits its timeout from the frame's end.
    return occupy(now, start, requestEnd + timeout, requestEnd + timeout, Status::Timeout);
  }

  // The device sees the request once t3.5 of silence has ended the frame.
  const Time servedAt = requestEnd + timing_.silence();
  const Time answerStart = servedAt + device->turnaround();
  ExceptionCode answer = verdict.exception;  // an injected exception replaces the device's answer
  if (verdict.injected != FaultKind::Exception) answer = device->serve(request, servedAt);
  const int answerBytes = answer == ExceptionCode::None ? rtu::responseBytes(request) : rtu::kExceptionResponseBytes;
  const Time answerEnd = answerStart + timing_.frameTime(answerBytes) + timing_.silence();

  // The master's timeout bounds the wait for the first byte of the answer: a device slower
  // than that is a timeout, though its late answer still holds the line until it ends.
  const Time deadline = requestEnd + timeout;
  if (answerStart > deadline) return occupy(now, start, deadline, std::max(deadline, answerEnd), Status::Timeout);
  if (verdict.injected == FaultKind::CrcError) return occupy(now, start, answerEnd, answerEnd, Status::CrcError);
  if (answer != ExceptionCode::None) return occupy(now, start, answerEnd, answerEnd, Status::Exception, answer);
  return occupy(now, start, answerEnd, answerEnd, Status::Ok);
}

}  // namespace ews::simlink
