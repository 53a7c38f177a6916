#include "bus_scan.hpp"

#include <array>
#include <stdexcept>

#include <fmt/format.h>

#include "ews/profiles/addressing.hpp"

namespace ews::cli {

namespace {

/// The EMS CX3 module addresses whose windows fit the register space (docs/devices.md).
constexpr int kMaxEmsModule = 59;

struct Attempt {
  link::Result result;
  std::array<std::uint16_t, link::kMaxReadRegisters> words{};
};

/// What a Modbus TCP gateway answers for a unit id nobody answers behind it: absent, as a
/// silence on a serial line.
bool absent(const link::Result& result) {
  return result.status == link::Status::Exception &&
         (result.exception == link::ExceptionCode::GatewayPathUnavailable ||
          result.exception == link::ExceptionCode::GatewayTargetFailedToRespond);
}

/// There: an answer, or an exception from the unit itself.
bool present(const link::Result& result) { return result.ok() || (result.status == link::Status::Exception && !absent(result)); }

Attempt readIdentification(link::Link& line, const IdentificationBlock& block, int unitId, int module, int retries,
                           int& transactions) {
  Attempt attempt;
  link::Request request;
  request.unitId = static_cast<std::uint8_t>(unitId);
  request.function = block.plan.read.function;
  request.address = static_cast<std::uint16_t>(block.plan.read.address + module * profiles::kEmsModuleStride);
  request.count = block.plan.read.count;
  request.readBuffer = std::span(attempt.words).first(block.plan.read.count);
  for (int tries = 0; tries <= retries; ++tries) {
    ++transactions;
    attempt.result = line.transact(request);
    // An answer, even an exception, says the unit is there: no point asking again.
    if (present(attempt.result)) break;
  }
  return attempt;
}

UnitFound decoded(const IdentificationBlock& block, int unitId, int module, const Attempt& attempt) {
  UnitFound found;
  found.unitId = unitId;
  found.module = module;
  if (!attempt.result.ok()) {
    found.exception = attempt.result.exception;
    return found;
  }
  const profiles::DeviceIdentity identity = profiles::decodeIdentity(
      *block.map, block.plan, std::span<const std::uint16_t>(attempt.words).first(block.plan.read.count));
  found.modelCode = identity.modelCode;
  found.firmware = identity.firmware;
  return found;
}

}  // namespace

IdentificationBlock identificationBlockOf(const profiles::ProfileCatalogue& profiles) {
  std::optional<IdentificationBlock> chosen;
  for (const auto& map : profiles.profiles()) {
    auto plan = profiles::identificationReadOf(*map);
    if (!plan) continue;
    if (!chosen) {
      chosen = IdentificationBlock{map.get(), std::move(*plan)};
      continue;
    }
    const profiles::Field& mine = map->field(plan->modelField);
    const profiles::Field& theirs = chosen->map->field(chosen->plan.modelField);
    if (mine.readFunction != theirs.readFunction || mine.address != theirs.address || mine.type != theirs.type ||
        mine.wordOrder != theirs.wordOrder) {
      throw std::runtime_error(fmt::format("register maps '{}' and '{}' put ident.model in different places: a scan "
                                           "reads one place on every unit",
                                           chosen->map->id(), map->id()));
    }
  }
  if (!chosen) throw std::runtime_error("no register map has identification registers (ident.model)");
  return std::move(*chosen);
}

ScanReport scanLine(link::Link& line, const IdentificationBlock& block, const ScanRange& range,
                    const std::function<void(int unitId, const UnitFound* found)>& onUnit) {
  ScanReport report;
  const auto started = std::chrono::steady_clock::now();
  for (int unitId = range.first; unitId <= range.last; ++unitId) {
    ++report.addressesProbed;
    const Attempt attempt = readIdentification(line, block, unitId, 0, range.retries, report.transactions);
    if (!present(attempt.result)) {
      if (onUnit) onUnit(unitId, nullptr);
      continue;
    }
    report.found.push_back(decoded(block, unitId, 0, attempt));
    if (onUnit) onUnit(unitId, &report.found.back());
    if (attempt.result.ok()) continue;
    // There, without identification at its own window: an EMS CX3 interface in remote
    // addressing answers for its modules only, each at module x 0x0400.
    for (int module = 1; module <= kMaxEmsModule; ++module) {
      const Attempt inWindow = readIdentification(line, block, unitId, module, 0, report.transactions);
      if (!inWindow.result.ok()) continue;
      report.found.push_back(decoded(block, unitId, module, inWindow));
      if (onUnit) onUnit(unitId, &report.found.back());
    }
  }
  report.elapsed = std::chrono::steady_clock::now() - started;
  return report;
}

}  // namespace ews::cli
