#include "ews/stack/live_snapshot.hpp"

#include <algorithm>
#include <initializer_list>

#include "ews/dlm/controller.hpp"
#include "ews/installation/catalogue.hpp"
#include "ews/installation/defaults.hpp"
#include "ews/stack/ews_stack.hpp"
#include "ews/stack/panel_commands.hpp"

namespace ews::stack {

namespace {
void describe(const installation::Installation& installation, const acquisition::Poller& poller,
              const installation::Device& device, LiveSnapshot::Device& out) {
  out.addressLabel = installation::addressLabel(device);
  out.family = installation::familyName(device.family);
  out.model = device.model;
  const installation::Gateway& gateway = installation.gatewayOf(device);
  out.gatewayId = gateway.id;
  out.gatewayName = gateway.name;
  if (const installation::PanelBoard* board = installation.panelBoardOf(gateway)) out.panelBoard = board->name;
  for (const installation::Group* group : installation.groupsOf(device)) out.groups.push_back(group->name);
  out.medium = installation::mediumName(device.medium);
  const acquisition::DevicePlan* plan = poller.planOf(device.id);
  if (plan == nullptr) return;
  out.commands = panelCommandsOf(*plan);
  const auto provides = [plan](std::initializer_list<std::string_view> prefixes) {
    return std::any_of(plan->quantities.begin(), plan->quantities.end(), [&](const std::string& quantity) {
      return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return quantity.starts_with(p); });
    });
  };
  // Pulse counters poll "count" and "weight" (their position's prefix stripped).
  if (provides({"energy.", "power.", "voltage.", "current.", "frequency", "count", "analogInput."})) {
    out.functions.emplace_back("measure");
  }
  if (provides({"breaker.state", "state.", "input.", "output.", "station.state"})) out.functions.emplace_back("state");
  if (!out.commands.empty()) out.functions.emplace_back("command");
}

LiveSnapshot::Dlm dlmOf(const DlmRunner& runner) {
  const dlm::Controller& controller = runner.controller();
  const dlm::Settings& settings = controller.settings();
  LiveSnapshot::Dlm out;
  out.zone = controller.failSafe() ? "fail-safe" : std::string(dlm::zoneName(controller.zone()));
  out.maxCurrentA = settings.maxCurrentA;
  out.maxChargingCurrentA = settings.maxChargingCurrentA;
  out.hysteresisPct = settings.hysteresisPct;
  out.totalMeterId = runner.settings().totalMeterId;
  out.meterValid = runner.lastObservation().meter.valid;
  out.meterCurrentsA = runner.lastObservation().meter.currentsA;
  for (std::size_t i = 0; i < settings.stations.size(); ++i) {
    const dlm::StationConfig& station = settings.stations[i];
    const dlm::SessionView& session = controller.session(i);
    LiveSnapshot::Station& row = out.stations.emplace_back();
    row.deviceId = station.deviceId;
    row.connected = session.connected;
    row.waiting = session.waiting;
    row.authorised = session.authorised;
    row.level = dlm::levelName(session.level);
    row.priority = session.priority;
    row.defaultPriority = station.priority;
    row.startWait = session.startWait == dlm::StartWaitOverride::Start  ? "start"
                    : session.startWait == dlm::StartWaitOverride::Wait ? "wait"
                                                                        : "none";
    row.chargeAh = session.chargeAh;
    row.ratedCurrentA = station.ratedCurrentA;
    row.phases = station.phases;
  }
  return out;
}
}  // namespace

LiveSnapshot takeSnapshot(const EwsStack& ews, const installation::Installation& installation, Time now,
                          int configVersion, std::uint64_t sequence) {
  LiveSnapshot snapshot;
  snapshot.at = now;
  snapshot.configVersion = configVersion;
  snapshot.sequence = sequence;
  const acquisition::Measurements& measurements = ews.measurements();
  for (const installation::Device* device : installation.devices()) {
    LiveSnapshot::Device& out = snapshot.devices.emplace_back();
    out.id = device->id;
    out.name = device->name;
    out.status = measurements.status(device->id);
    for (const auto& [quantity, reading] : measurements.readings(device->id)) {
      out.values.push_back({quantity, reading.value, reading.at, reading.quality != acquisition::Quality::Good});
    }
    describe(installation, ews.poller(), *device, out);
    // The link symbol (8.2.3): the module takes part in a link, as its link table was read.
    const bool linked = std::any_of(out.values.begin(), out.values.end(), [](const LiveSnapshot::Value& value) {
      return value.quantity.starts_with("link.") && value.quantity.ends_with(".role") && value.value != 0.0;
    });
    if (linked) out.functions.emplace_back("link");
  }
  if (const DlmRunner* dlm = ews.dlm()) snapshot.dlm = dlmOf(*dlm);
  return snapshot;
}

}  // namespace ews::stack
