// Every shipped profile is served: a unit built for the first model of each profile binds
// every field to a behaviour and answers every planned read (no engine: idle sources).
#include <gtest/gtest.h>

#include <array>

#include "ews/devices/unit_factory.hpp"
#include "ews/profiles/read_plan.hpp"

namespace {

using ews::installation::DeviceFamily;

TEST(EveryProfile, IsServedWholeByItsUnit) {
  const auto catalogue = ews::profiles::ProfileCatalogue::loadDirectory(ews::profiles::defaultProfileDirectory());
  ews::devices::UnitContext context;
  context.profiles = &catalogue;
  const ews::Time start = ews::timeFromMicros(1'767'567'600'000'000);
  context.start = start;
  ASSERT_GE(catalogue.profiles().size(), 20u);
  for (const auto& map : catalogue.profiles()) {
    SCOPED_TRACE(map->id());
    // WSMEASURE values are served by a slave EWS's SlaveRegisters, not by a simulated unit
    // (tests/master_slave reads them back through this profile).
    if (map->family() == DeviceFamily::WsMeasure) continue;
    ews::installation::Device device;
    device.name = "device of " + map->id();
    device.family = map->family();
    device.model = map->models().front();
    device.catalogue = ews::installation::findModel(device.family, device.model);
    ASSERT_NE(device.catalogue, nullptr);
    device.address = 1;
    ews::profiles::Unit unit{1, ews::profiles::UnitKind::Device, {&device}};
    if (device.family == DeviceFamily::PulseCounter) {
      device.position = 1;
      unit.kind = ews::profiles::UnitKind::PulseHost;
    } else if (device.catalogue->sidesShareAddress) {
      device.side = 1;
      unit.kind = ews::profiles::UnitKind::StationSides;
    } else if (device.family == DeviceFamily::ChargingStation && device.catalogue->singlePhase) {
      device.phase = ews::installation::LinePhase::L1;
    }
    const auto served = ews::devices::makeUnit(unit, context);
    ASSERT_NE(served, nullptr);
    const auto fields = ews::profiles::readableFields(*map);
    std::array<std::uint16_t, 2000> buffer{};
    for (const auto& block : ews::profiles::planReads(*map, fields)) {
      ews::link::Request request;
      request.unitId = 1;
      request.function = block.function;
      request.address = block.address;
      request.count = block.count;
      request.readBuffer = buffer;
      EXPECT_EQ(served->serve(request, start + ews::hours(1)), ews::link::ExceptionCode::None)
          << "block at " << block.address;
    }
  }
}

}  // namespace
