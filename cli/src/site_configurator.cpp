#include "site_configurator.hpp"
#include "site_control.hpp"  // variantNumber

#include <fmt/format.h>

#include <chrono>
#include <future>

#include "ews/acquisition/probe.hpp"
#include "ews/installation/limits.hpp"
#include "ews/run/config_service.hpp"

namespace ews::cli {

namespace {
/// Longer than a rebuild of the largest site's stack (255 devices: well under a second), short
/// enough to free the web server's thread when the engine has stopped.
constexpr auto kSaveWait = std::chrono::seconds(20);

run::ConfigEdit::Op opOf(web::ConfigurationEdit::Op op) {
  switch (op) {
    case web::ConfigurationEdit::Op::Set: return run::ConfigEdit::Op::Set;
    case web::ConfigurationEdit::Op::Append: return run::ConfigEdit::Op::Append;
    case web::ConfigurationEdit::Op::Remove: break;
  }
  return run::ConfigEdit::Op::Remove;
}

/// The installation's gateway of a gateway of the scenario (named by its IP when unnamed).
const installation::Gateway* gatewayOf(const run::SiteConfig& config, const installation::GatewaySpec& spec) {
  return config.installation->findGateway(spec.name.empty() ? spec.ip : spec.name);
}

web::TestOutcome notFound(std::string message) {
  web::TestOutcome outcome;
  outcome.found = false;
  outcome.message = std::move(message);
  return outcome;
}
}  // namespace

SiteConfigurator::SiteConfigurator(Engine& engine, run::SiteData& data, run::SiteHost& host)
    : engine_(engine), data_(data), host_(host) {
  publish(data_.config());
}

void SiteConfigurator::publish(const run::SiteConfig& config) {
  web::ConfigurationState state;
  state.version = config.version;
  state.yaml = config.yaml;
  const installation::Variant variant = config.scenario->installation.variant;
  state.variant = variantNumber(variant);
  state.maxDevices = installation::maxDevices(variant);
  state.maxDevicesPerGateway = installation::kMaxAddressesPerLine;
  state.usedDevices = static_cast<int>(config.installation->devices().size());
  for (const installation::GatewaySpec& spec : config.scenario->installation.gateways) {
    const installation::Gateway* gateway = gatewayOf(config, spec);
    if (gateway == nullptr) continue;
    web::ConfiguredGateway named{{gateway->id, gateway->name}, {}};
    for (const installation::Device* device : config.installation->devicesOfGateway(*gateway)) {
      named.devices.push_back({device->id, device->name});
    }
    state.gateways.push_back(std::move(named));
  }
  const std::lock_guard lock(mutex_);
  state_ = std::move(state);
}

web::ConfigurationState SiteConfigurator::current() const {
  const std::lock_guard lock(mutex_);
  return state_;
}

web::SaveOutcome SiteConfigurator::save(int baseVersion, const std::string& author, const std::string& summary,
                                        const std::vector<web::ConfigurationEdit>& edits) {
  run::ConfigChange change{author, summary, {}};
  for (const auto& edit : edits) change.edits.push_back({opOf(edit.op), edit.path, edit.valueYaml});
  auto promise = std::make_shared<std::promise<web::SaveOutcome>>();
  std::future<web::SaveOutcome> future = promise->get_future();
  engine_.post([this, baseVersion, change = std::move(change), promise] {
    web::SaveOutcome outcome;
    if (data_.config().version != baseVersion) {
      outcome.kind = web::SaveOutcome::Kind::Stale;
      outcome.version = data_.config().version;
      outcome.message = fmt::format("the configuration was changed meanwhile (version {} is in force, this change "
                                    "was made on version {}): reload and make it again",
                                    data_.config().version, baseVersion);
      promise->set_value(std::move(outcome));
      return;
    }
    try {
      const run::SiteConfig next = run::ConfigService(data_).apply(change, engine_.now());
      host_.reconfigure(next);
      publish(next);
      outcome.version = next.version;
    } catch (const ValidationError& error) {
      outcome.kind = web::SaveOutcome::Kind::Invalid;
      for (const Diagnostic& d : error.diagnostics()) outcome.problems.push_back({d.field, d.reason});
    }
    promise->set_value(std::move(outcome));
  });
  if (future.wait_for(kSaveWait) != std::future_status::ready) {
    return {web::SaveOutcome::Kind::Unavailable, 0, {},
            fmt::format("the running site did not take the change within {} s (is it stopping?)", kSaveWait.count())};
  }
  return future.get();
}

void SiteConfigurator::test(int gateway, std::optional<int> device, std::function<void(web::TestOutcome)> done) {
  engine_.post([this, gateway, device, done = std::move(done)] {
    const run::SiteConfig& config = data_.config();
    const auto& gateways = config.scenario->installation.gateways;
    if (gateway < 0 || gateway >= static_cast<int>(gateways.size())) {
      done(notFound(fmt::format("no gateway {} in configuration version {}", gateway, config.version)));
      return;
    }
    const auto& spec = gateways[static_cast<std::size_t>(gateway)];
    const installation::Gateway* found = gatewayOf(config, spec);
    if (found == nullptr) {
      done(notFound(fmt::format("gateway {} is not in the running configuration", gateway)));
      return;
    }
    const std::vector<const installation::Device*> devices = config.installation->devicesOfGateway(*found);
    if (!device && devices.empty()) {
      // A gateway has no register of its own: its line is tested through a device on it.
      web::TestOutcome outcome;
      outcome.message = fmt::format("Test failed: gateway '{}' has no device to test its line with", found->name);
      outcome.gateway = found->name;
      done(std::move(outcome));
      return;
    }
    const int index = device.value_or(0);
    if (index < 0 || index >= static_cast<int>(devices.size())) {
      done(notFound(fmt::format("gateway '{}' has no device {}", found->name, index)));
      return;
    }
    const installation::Device& probed = *devices[static_cast<std::size_t>(index)];
    const std::string gatewayName = found->name;
    const std::string deviceName = probed.name;
    host_.ews().poller().probe(probed, [done, gatewayName, deviceName](const acquisition::ProbeResult& result) {
      web::TestOutcome outcome;
      outcome.ok = result.ok;
      outcome.message = result.text;
      outcome.elapsedMs = static_cast<double>(toMicros(result.roundTrip)) / 1000.0;
      outcome.gateway = gatewayName;
      outcome.device = deviceName;
      done(std::move(outcome));
    });
  });
}

}  // namespace ews::cli
