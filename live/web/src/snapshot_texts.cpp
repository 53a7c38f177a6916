#include "snapshot_texts.hpp"

#include <fmt/format.h>

#include <array>

#include "ews/reports/json_writer.hpp"
#include "link_texts.hpp"

namespace ews::web::detail {

std::string quoted(std::string_view text) { return "\"" + reports::JsonWriter::escape(text) + "\""; }

namespace {
const stack::LiveSnapshot::Value* valueOf(const stack::LiveSnapshot::Device& device, std::string_view quantity) {
  for (const auto& value : device.values) {
    if (value.quantity == quantity) return &value;
  }
  return nullptr;
}
}  // namespace

/// The selection button's status (manual 8.2.1): a station that reports an error while it
/// answers is "station-failure".
std::string_view statusName(const stack::LiveSnapshot::Device& device) {
  switch (device.status) {
    case acquisition::DeviceStatus::On: {
      const auto* error = valueOf(device, "station.error");
      return error != nullptr && error->value != 0.0 ? "station-failure" : "on";
    }
    case acquisition::DeviceStatus::CommunicationError: return "communication-error";
    case acquisition::DeviceStatus::ConfigurationError: return "configuration-error";
    case acquisition::DeviceStatus::Off: break;
  }
  return "off";
}

namespace {

/// breaker.state's code (docs/register-maps.md) as the button's symbol; empty: no such state.
std::string_view breakerStateName(const stack::LiveSnapshot::Device& device) {
  const auto* state = valueOf(device, "breaker.state");
  if (state == nullptr) return {};
  if (state->value == 1.0) return "closed";
  if (state->value == 2.0) return "tripped";
  return "open";
}

// Written with fmt rather than through a JSON object tree: a 255-device snapshot is ~25 000
// values a second, and the texts must be ready well within that second.

using Out = fmt::memory_buffer;

void writeStrings(Out& out, const std::vector<std::string>& texts) {
  out.push_back('[');
  for (std::size_t i = 0; i < texts.size(); ++i) fmt::format_to(std::back_inserter(out), "{}{}", i ? "," : "", quoted(texts[i]));
  out.push_back(']');
}

/// What every list of devices shows of one (the selection button, manual 8.2.1 and 8.3.2),
/// members of an object already opened.
void writeButton(Out& out, const stack::LiveSnapshot::Device& device) {
  fmt::format_to(std::back_inserter(out),
                 R"("id":{},"name":{},"status":"{}","address":{},"family":"{}","model":{},"gatewayId":{},"gateway":{},)"
                 R"("panelBoard":{},"medium":"{}","groups":)",
                 device.id, quoted(device.name), statusName(device), quoted(device.addressLabel), device.family,
                 quoted(device.model), device.gatewayId, quoted(device.gatewayName),
                 device.panelBoard.empty() ? "null" : quoted(device.panelBoard), device.medium);
  writeStrings(out, device.groups);
  fmt::format_to(std::back_inserter(out), R"(,"functions":)");
  writeStrings(out, device.functions);
  const std::string_view breaker = breakerStateName(device);
  fmt::format_to(std::back_inserter(out), R"(,"breakerState":{},"commands":)", breaker.empty() ? "null" : quoted(breaker));
  writeStrings(out, device.commands);
}

std::string overviewJson(const stack::LiveSnapshot* snapshot) {
  if (snapshot == nullptr) return R"({"at":null,"dlm":null,"devices":[]})";
  Out out;
  fmt::format_to(std::back_inserter(out), R"({{"at":"{}","configVersion":{},"sequence":{},"dlm":)", formatUtc(snapshot->at),
                 snapshot->configVersion, snapshot->sequence);
  if (!snapshot->dlm) {
    fmt::format_to(std::back_inserter(out), "null");
  } else {
    fmt::format_to(std::back_inserter(out), R"({{"zone":{}}})", quoted(snapshot->dlm->zone));
  }
  fmt::format_to(std::back_inserter(out), R"(,"devices":[)");
  bool first = true;
  for (const auto& device : snapshot->devices) {
    fmt::format_to(std::back_inserter(out), "{}{{", first ? "" : ",");
    writeButton(out, device);
    out.push_back('}');
    first = false;
  }
  fmt::format_to(std::back_inserter(out), "]}}");
  return fmt::to_string(out);
}

std::string deviceJson(const stack::LiveSnapshot& snapshot, const stack::LiveSnapshot::Device& device) {
  Out out;
  fmt::format_to(std::back_inserter(out), R"({{"at":"{}","sequence":{},)", formatUtc(snapshot.at), snapshot.sequence);
  writeButton(out, device);
  fmt::format_to(std::back_inserter(out), R"(,"values":{{)");
  bool first = true;
  for (const auto& value : device.values) {
    // fmt's shortest round-trip form of the double: exact, no exponent surprises for JSON.
    fmt::format_to(std::back_inserter(out), R"({}{}:{{"value":{},"at":"{}"{}}})", first ? "" : ",", quoted(value.quantity),
                   value.value, formatUtc(value.at), value.stale ? R"(,"stale":true)" : "");
    first = false;
  }
  fmt::format_to(std::back_inserter(out), "}}}}");
  return fmt::to_string(out);
}

/// A value of the device as a JSON number, null when the device has no such reading.
std::string numberOf(const stack::LiveSnapshot::Device& device, std::string_view quantity) {
  const auto* value = valueOf(device, quantity);
  return value != nullptr ? fmt::format("{}", value->value) : std::string("null");
}

/// station.state's code (docs/register-maps.md) as the Green'Up button's state (8.3.2).
std::string_view stationStateName(const stack::LiveSnapshot::Device& device) {
  const auto* state = valueOf(device, "station.state");
  if (state == nullptr || device.status != acquisition::DeviceStatus::On) return {};
  static constexpr std::array<std::string_view, 5> kNames = {"available", "charging", "waiting", "error", "complete"};
  const auto code = static_cast<std::size_t>(state->value);
  return code < kNames.size() ? kNames[code] : std::string_view();
}

std::string greenUpJson(const stack::LiveSnapshot* snapshot) {
  if (snapshot == nullptr) return R"({"at":null,"dlm":null,"stations":[]})";
  Out out;
  fmt::format_to(std::back_inserter(out), R"({{"at":"{}","sequence":{},"dlm":)", formatUtc(snapshot->at), snapshot->sequence);
  const stack::LiveSnapshot::Dlm* dlm = snapshot->dlm ? &*snapshot->dlm : nullptr;
  if (dlm == nullptr) {
    fmt::format_to(std::back_inserter(out), "null");
  } else {
    fmt::format_to(std::back_inserter(out),
                   R"({{"zone":{},"maxCurrentA":{},"maxChargingCurrentA":{},"hysteresisPct":{},"totalMeterId":{},)"
                   R"("meterValid":{},"currentsA":[{},{},{}]}})",
                   quoted(dlm->zone), dlm->maxCurrentA, dlm->maxChargingCurrentA, dlm->hysteresisPct, dlm->totalMeterId,
                   dlm->meterValid, dlm->meterCurrentsA[0], dlm->meterCurrentsA[1], dlm->meterCurrentsA[2]);
  }
  fmt::format_to(std::back_inserter(out), R"(,"stations":[)");
  bool first = true;
  for (const auto& device : snapshot->devices) {
    if (device.family != "charging-station") continue;
    fmt::format_to(std::back_inserter(out), "{}{{", first ? "" : ",");
    first = false;
    writeButton(out, device);
    const std::string_view state = stationStateName(device);
    fmt::format_to(std::back_inserter(out),
                   R"(,"state":{},"stationError":{},"chargeError":{},"currentsA":[{},{},{}],"powerW":{},)"
                   R"("sessionEnergyWh":{},"energyWh":{},"setpointA":{},"ratedCurrentA":{},"phases":{},)"
                   R"("evPlugEnabled":{},"domesticPlugEnabled":{},"session":)",
                   state.empty() ? "null" : quoted(state), numberOf(device, "station.error"),
                   numberOf(device, "station.chargeError"), numberOf(device, "current.L1"), numberOf(device, "current.L2"),
                   numberOf(device, "current.L3"), numberOf(device, "power.active.total"),
                   numberOf(device, "station.energy.active.import"), numberOf(device, "energy.active.import"),
                   numberOf(device, "station.setpointA"), numberOf(device, "station.ratedCurrentA"),
                   numberOf(device, "station.phase"), numberOf(device, "station.evPlugEnabled"),
                   numberOf(device, "station.domesticPlugEnabled"));
    const stack::LiveSnapshot::Station* session = nullptr;
    if (dlm != nullptr) {
      for (const auto& station : dlm->stations) {
        if (station.deviceId == device.id) session = &station;
      }
    }
    if (session == nullptr) {
      fmt::format_to(std::back_inserter(out), "null}}");
      continue;
    }
    fmt::format_to(std::back_inserter(out),
                   R"({{"connected":{},"waiting":{},"authorised":{},"level":"{}","priority":{},"defaultPriority":{},)"
                   R"("startWait":"{}","chargeAh":{}}}}})",
                   session->connected, session->waiting, session->authorised, session->level, session->priority,
                   session->defaultPriority, session->startWait, session->chargeAh);
  }
  fmt::format_to(std::back_inserter(out), "]}}");
  return fmt::to_string(out);
}
}  // namespace

SnapshotTexts::Texts textsOf(const stack::LiveSnapshot* snapshot) {
  SnapshotTexts::Texts texts;
  texts.sequence = snapshot != nullptr ? snapshot->sequence : 0;
  texts.overview = std::make_shared<const std::string>(overviewJson(snapshot));
  texts.greenUp = std::make_shared<const std::string>(greenUpJson(snapshot));
  texts.links = std::make_shared<const std::string>(linksJson(snapshot));
  if (snapshot != nullptr) {
    for (const auto& device : snapshot->devices) {
      texts.devices[device.id] = std::make_shared<const std::string>(deviceJson(*snapshot, device));
    }
  }
  return texts;
}

SnapshotTexts::SnapshotTexts(const stack::SnapshotBoard& board, std::chrono::milliseconds poll)
    : board_(board), texts_(std::make_shared<const Texts>(textsOf(board.latest().get()))) {
  worker_ = std::thread([this, poll] { run(poll); });
}

SnapshotTexts::~SnapshotTexts() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stopped_.notify_all();
  worker_.join();
}

std::shared_ptr<const SnapshotTexts::Texts> SnapshotTexts::current() const {
  const std::lock_guard lock(mutex_);
  return texts_;
}

void SnapshotTexts::run(std::chrono::milliseconds poll) {
  std::unique_lock lock(mutex_);
  while (!stopped_.wait_for(lock, poll, [this] { return stopping_; })) {
    const auto snapshot = board_.latest();
    if (!snapshot || snapshot->sequence == texts_->sequence) continue;
    lock.unlock();
    auto texts = std::make_shared<const Texts>(textsOf(snapshot.get()));
    lock.lock();
    texts_ = std::move(texts);
  }
}

}  // namespace ews::web::detail
