// libFuzzer target: what broken or malicious devices answer, as the EWS stack takes it. Every
// line of fuzz/device_answers_site.yaml (a device of every family, stations under the DLM, a
// virtual gateway of WSMEASURE points) is a ScriptedLine whose answers come from the input:
// each transaction's outcome (ok, timeout, CRC error, disconnected, refused, any exception
// code, even one Modbus does not define), its duration, and the register or bit values of a
// read. The poller decodes them, the DLM decides on them, the recorder and the history sum
// them, for as long as the input lasts (an hour of virtual time at most), then two sample
// periods of every line timing out.
// A crash, a sanitizer report, an exception escaping or a hang is a finding.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ews/link/async_link.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/stack/ews_stack.hpp"
#include "ews/stack/scenario_settings.hpp"

namespace {

using namespace ews;

/// A line whose every answer is read from the fuzzer's input.
class ScriptedLine final : public link::AsyncLink {
 public:
  ScriptedLine(Engine& engine, FuzzedDataProvider& input) : engine_(engine), input_(input) {}

  void submit(const link::Request& request, Completion done) override {
    link::Result result;
    // Ok first in the enumeration of outcomes below, so an exhausted input (0) reads as a
    // timeout: the devices then fail, are backed off, and the run ends.
    switch (input_.ConsumeIntegralInRange<int>(0, 5)) {
      case 0: result.status = link::Status::Timeout; break;
      case 1: result.status = link::Status::Ok; break;
      case 2: result.status = link::Status::CrcError; break;
      case 3: result.status = link::Status::Disconnected; break;
      case 4: result.status = link::Status::InvalidRequest; break;
      default:
        result.status = link::Status::Exception;
        result.exception = static_cast<link::ExceptionCode>(input_.ConsumeIntegral<std::uint8_t>());
        break;
    }
    if (result.ok() && link::isRead(request.function)) {
      for (std::size_t i = 0; i < request.count && i < request.readBuffer.size(); ++i) {
        request.readBuffer[i] = link::isBitFunction(request.function) ? input_.ConsumeIntegralInRange<std::uint16_t>(0, 1)
                                                                      : input_.ConsumeIntegral<std::uint16_t>();
      }
    }
    result.duration = microseconds(input_.ConsumeIntegralInRange<std::int64_t>(1, 2'000'000));
    engine_.scheduleIn(result.duration, EventPhase::Update, [done = std::move(done), result] { done(result); });
  }

  std::string describe() const override { return "scripted line"; }

 private:
  Engine& engine_;
  FuzzedDataProvider& input_;
};

const site::SimulatedSite& referenceSite() {
  // The installation, register maps and time zone, parsed once: only the answers vary.
  static const site::SimulatedSite site(scenario::loadScenarioFile(EWS_FUZZ_DEVICE_SITE));
  return site;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const site::SimulatedSite& reference = referenceSite();
  FuzzedDataProvider input(data, size);
  Engine engine(EngineConfig{reference.start(), reference.seed()});
  stack::EwsStack ews(engine, reference.installation(), reference.deviceProfiles(), reference.zone(),
                      stack::stackSettingsOf(reference.scenario(), reference.installation()));
  std::vector<std::unique_ptr<ScriptedLine>> lines;
  for (const installation::Gateway* gateway : reference.installation().gateways()) {
    lines.push_back(std::make_unique<ScriptedLine>(engine, input));
    ews.attachLine(*gateway, *lines.back());
  }
  ews.start();
  // As long as there are answers to give (at most an hour), then two sample periods more so the
  // recorder and the history take what was decoded: the run's length follows the input's.
  const Time limit = reference.start() + hours(1);
  while (input.remaining_bytes() > 0 && engine.now() < limit) engine.runUntil(engine.now() + seconds(10));
  engine.runUntil(engine.now() + minutes(2));
  return 0;
}
