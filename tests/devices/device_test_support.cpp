#include "device_test_support.hpp"

#include <gtest/gtest.h>

#include <array>

#include "ews/profiles/addressing.hpp"
#include "ews/profiles/read_plan.hpp"
#include "ews/scenario/loader.hpp"

namespace ews::devices::test {

namespace {

struct Target {
  const installation::Device* device;
  link::Link* link;
  profiles::UnitAddress address;
  std::shared_ptr<const profiles::RegisterMap> map;
  std::string prefix;
};

Target targetOf(site::SimulatedSite& site, const std::string& deviceName) {
  const installation::Device* device = site.installation().findDevice(deviceName);
  if (device == nullptr) throw std::invalid_argument("no device " + deviceName);
  Target target{device, &site.linkOf(site.installation().gatewayOf(*device)), profiles::unitAddressOf(*device),
                profiles::unitProfileOf(site.installation(), site.deviceProfiles(), *device), {}};
  if (!target.map) throw std::invalid_argument("no profile for " + deviceName);
  target.prefix = profiles::fieldPrefixOf(*device, *target.map);
  return target;
}

}  // namespace

std::unique_ptr<site::SimulatedSite> siteFrom(const std::string& yaml) {
  return std::make_unique<site::SimulatedSite>(scenario::parseScenario(yaml, "test.yaml"));
}

std::map<std::string, double> readAll(site::SimulatedSite& site, const std::string& deviceName) {
  const Target target = targetOf(site, deviceName);
  std::vector<std::size_t> wanted;
  for (const std::size_t i : profiles::readableFields(*target.map)) {
    if (target.map->field(i).name.starts_with(target.prefix)) wanted.push_back(i);
  }
  std::map<std::string, double> values;
  std::array<std::uint16_t, 2000> buffer{};
  for (const profiles::ReadBlock& block : profiles::planReads(*target.map, wanted)) {
    link::Request request;
    request.unitId = target.address.unitId;
    request.function = block.function;
    request.address = static_cast<std::uint16_t>(block.address + target.address.registerOffset);
    request.count = block.count;
    request.readBuffer = buffer;
    const link::Result result = target.link->transact(request);
    EXPECT_TRUE(result.ok()) << deviceName << " block at 0x" << std::hex << request.address << ": "
                             << link::describe(result);
    if (!result.ok()) continue;
    for (const std::size_t i : block.fields) {
      const profiles::Field& field = target.map->field(i);
      values[field.name.substr(target.prefix.size())] = profiles::decode(field, block.wordsOf(field, buffer));
    }
  }
  return values;
}

link::Result writeField(site::SimulatedSite& site, const std::string& deviceName, const std::string& field,
                        double value) {
  const Target target = targetOf(site, deviceName);
  const auto index = target.map->find(target.prefix + field);
  if (!index) throw std::invalid_argument("no field " + target.prefix + field);
  const profiles::Field& f = target.map->field(*index);
  std::array<std::uint16_t, profiles::kMaxFieldWords> words{};
  profiles::encode(f, value, words);
  link::Request request;
  request.unitId = target.address.unitId;
  request.address = static_cast<std::uint16_t>(f.address + target.address.registerOffset);
  request.count = f.words();
  if (f.space() == profiles::AddressSpace::Coils) {
    request.function = link::Function::WriteSingleCoil;
  } else {
    request.function = f.words() == 1 ? link::Function::WriteSingleRegister : link::Function::WriteMultipleRegisters;
  }
  request.writeValues = std::span<const std::uint16_t>(words.data(), f.words());
  return target.link->transact(request);
}

void runFor(site::SimulatedSite& site, Duration span) { site.runUntil(site.engine().now() + span); }

BreakerStatus& breakerStatusOf(site::SimulatedSite& site, const std::string& deviceName) {
  const Target target = targetOf(site, deviceName);
  auto* unit = site.unit(site.installation().gatewayOf(*target.device), target.address.unitId);
  return *unit->find<BreakerStatus>(*target.device);
}

}  // namespace ews::devices::test
