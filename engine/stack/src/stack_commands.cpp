#include "ews/stack/stack_commands.hpp"

#include <fmt/format.h>

#include <memory>

#include "ews/link/link.hpp"
#include "ews/stack/ews_stack.hpp"
#include "ews/stack/panel_commands.hpp"

namespace ews::stack {

namespace {
CommandOutcome refused(std::string field, std::string message) {
  return {CommandOutcome::Kind::Refused, std::move(field), std::move(message)};
}

/// Collects the outcomes of a command's writes and answers once, after the last.
struct WriteBatch {
  std::size_t pending = 0;
  std::optional<CommandOutcome> failure;  ///< the first write that failed
  StackCommands::Done done;
};
}  // namespace

StackCommands::StackCommands(Engine& engine, std::function<EwsStack*()> current)
    : engine_(engine), current_(std::move(current)) {}

void StackCommands::writeFields(int deviceId, std::vector<FieldWrite> writes, Done done) {
  engine_.post([this, deviceId, writes = std::move(writes), done = std::move(done)] {
    EwsStack* ews = current_();
    const acquisition::DevicePlan* plan = ews != nullptr ? ews->poller().planOf(deviceId) : nullptr;
    if (plan == nullptr) {
      done({CommandOutcome::Kind::NotFound, {}, fmt::format("no polled device {}", deviceId)});
      return;
    }
    if (writes.empty()) {
      done(refused("writes", "no write asked"));
      return;
    }
    for (std::size_t i = 0; i < writes.size(); ++i) {
      if (!isPanelCommand(*plan, writes[i].quantity)) {
        done(refused(fmt::format("writes[{}].quantity", i),
                     fmt::format("'{}' is not a command of '{}'", writes[i].quantity, plan->device->name)));
        return;
      }
      if (const std::string error = panelValueError(*plan, writes[i].quantity, writes[i].value); !error.empty()) {
        done(refused(fmt::format("writes[{}].value", i), error));
        return;
      }
    }
    auto batch = std::make_shared<WriteBatch>(WriteBatch{writes.size(), std::nullopt, done});
    const std::string deviceName = plan->device->name;
    for (const FieldWrite& write : writes) {
      ews->poller().write(deviceId, write.quantity, write.value,
                          [batch, deviceName](const acquisition::WriteOutcome& outcome) {
                            if (!outcome.ok() && !batch->failure) {
                              batch->failure = CommandOutcome{
                                  CommandOutcome::Kind::DeviceError, {},
                                  fmt::format("'{}' did not apply {} = {}: {}", deviceName, outcome.quantity,
                                              outcome.value, outcome.describe())};
                            }
                            if (--batch->pending == 0) batch->done(batch->failure.value_or(CommandOutcome{}));
                          });
    }
  });
}

void StackCommands::sessionCommand(int deviceId, std::optional<bool> start, std::optional<bool> priority, Done done) {
  engine_.post([this, deviceId, start, priority, done = std::move(done)] {
    EwsStack* ews = current_();
    DlmRunner* dlm = ews != nullptr ? ews->dlm() : nullptr;
    if (dlm == nullptr) {
      done(refused(start ? "start" : "priority", "the Green'Up load management is OFF on this site"));
      return;
    }
    const auto& stations = dlm->controller().settings().stations;
    for (std::size_t i = 0; i < stations.size(); ++i) {
      if (stations[i].deviceId != deviceId) continue;
      if (!dlm->controller().session(i).connected) {
        done(refused(start ? "start" : "priority",
                     fmt::format("no charge in progress at '{}': Start/Wait and Normal/Priority act on the current "
                                 "charge only",
                                 stations[i].name)));
        return;
      }
      dlm::applySessionCommand(dlm->controller(), dlm::SessionCommand{engine_.now(), i, start, priority});
      done({});
      return;
    }
    done({CommandOutcome::Kind::NotFound, {}, fmt::format("no charging station {} under the load management", deviceId)});
  });
}

}  // namespace ews::stack
