// The shipped profiles (models/profiles/data): they load, every catalogue model of a served
// family finds exactly one, and what they offer matches what the catalogue says a model does.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "ews/installation/catalogue.hpp"
#include "ews/profiles/identification.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/profiles/quantities.hpp"
#include "ews/profiles/read_plan.hpp"
#include "profiles_test_support.hpp"

namespace {

using namespace ews::profiles;
using namespace ews::profiles::test;
using ews::installation::CatalogueModel;
using ews::installation::DeviceFamily;

/// Families whose devices are polled with a profile file (generic meters build theirs from
/// four fields; WSMEASURE reads the slave's served value through wsmeasure.yaml).
bool servedByFile(DeviceFamily family) { return family != DeviceFamily::GenericModbus; }

bool hasField(const RegisterMap& map, std::string_view name) { return map.find(name).has_value(); }

/// Sets (or, with nullptr, clears) EWS_PROFILE_DIR for one scope, restoring it afterwards.
class ProfileDirOverride {
 public:
  explicit ProfileDirOverride(const char* value) {
    if (const char* old = std::getenv(kName)) old_ = old;
    if (value != nullptr) {
      ::setenv(kName, value, 1);
    } else {
      ::unsetenv(kName);
    }
  }
  ~ProfileDirOverride() {
    if (old_) {
      ::setenv(kName, old_->c_str(), 1);
    } else {
      ::unsetenv(kName);
    }
  }
  ProfileDirOverride(const ProfileDirOverride&) = delete;
  ProfileDirOverride& operator=(const ProfileDirOverride&) = delete;

 private:
  static constexpr const char* kName = "EWS_PROFILE_DIR";
  std::optional<std::string> old_;
};

TEST(ShippedProfiles, EveryFileStatesItsProvenanceAndEveryVendorMapItsSource) {
  const auto catalogue = ProfileCatalogue::loadDirectory(shippedDirectory());
  for (const auto& map : catalogue.profiles()) {
    const Provenance& p = map->provenance();
    if (p.kind == ProvenanceKind::Vendor) {
      EXPECT_FALSE(p.document.empty() || p.version.empty() || p.checked.empty()) << map->id();
    } else {
      EXPECT_EQ(p.kind, ProvenanceKind::Modelled) << map->id();
      EXPECT_FALSE(p.design.empty()) << map->id() << ": no provenance stated";
    }
  }
}

TEST(ShippedProfiles, LoadFromTheDefaultDirectory) {
  const ProfileDirOverride sourceTree(nullptr);
  EXPECT_EQ(defaultProfileDirectory(), shippedDirectory());
  const auto catalogue = ProfileCatalogue::loadDirectory(defaultProfileDirectory());
  EXPECT_GE(catalogue.profiles().size(), 11u);
  EXPECT_EQ(catalogue.profiles().size(), shipped().profiles().size());
}

TEST(ShippedProfiles, EnvironmentOverridesTheDefaultDirectory) {
  const ProfileDirOverride elsewhere("/somewhere/else");
  EXPECT_EQ(defaultProfileDirectory(), "/somewhere/else");
}

TEST(ShippedProfiles, EachFileLoadsOnItsOwn) {
  for (const auto& map : shipped().profiles()) {
    EXPECT_NO_THROW((void)RegisterMap::loadFile(map->info().loc.file)) << map->id();
    EXPECT_FALSE(map->description().empty()) << map->id();
  }
}

TEST(ShippedProfiles, EveryServedCatalogueModelHasExactlyOneProfile) {
  std::map<const CatalogueModel*, int> claims;
  for (const auto& map : shipped().profiles()) {
    for (const auto& model : map->models()) ++claims[ews::installation::findModel(map->family(), model)];
  }
  for (const CatalogueModel& model : ews::installation::catalogue()) {
    if (!servedByFile(model.family)) {
      EXPECT_EQ(shipped().find(model.family, model.number), nullptr) << model.number;
      continue;
    }
    EXPECT_EQ(claims[&model], 1) << ews::installation::familyName(model.family) << " " << model.number;
    const RegisterMap* map = shipped().find(model.family, model.number);
    ASSERT_NE(map, nullptr) << model.number;
    EXPECT_EQ(map->family(), model.family);
  }
}

TEST(ShippedProfiles, LookupsIgnoreSpacesAndCaseLikeTheInstallationCatalogue) {
  EXPECT_EQ(shipped().find(DeviceFamily::MultifunctionMeter, "412053")->id(), "multifunction-meter-premium");
  EXPECT_EQ(shipped().find(DeviceFamily::Breaker, "dpx3 630 electronic WITH measurement")->id(), "breaker-measuring");
  EXPECT_EQ(shipped().find(DeviceFamily::PulseCounter, "water counter")->id(), "pulse-concentrator");
  EXPECT_EQ(shipped().find(DeviceFamily::EnergyCounter, "4 120 53"), nullptr);  // another family's model
  EXPECT_EQ(shipped().find(DeviceFamily::EnergyCounter, ""), nullptr);          // "Configuration"
  EXPECT_EQ(shipped().find(DeviceFamily::EnergyCounter, "9 999 99"), nullptr);
}

// What the catalogue says a model does, its profile offers.
TEST(ShippedProfiles, ProfilesOfferWhatTheCatalogueSaysAModelDoes) {
  for (const CatalogueModel& model : ews::installation::catalogue()) {
    if (!servedByFile(model.family)) continue;
    const RegisterMap& map = *shipped().find(model.family, model.number);
    const std::string what = std::string(model.number) + " (" + map.id() + ")";
    const bool station = model.family == DeviceFamily::ChargingStation;
    const std::string prefix = model.sidesShareAddress || map.id().starts_with("greenup-old") ? "side.1." : "";
    if (model.measuresEnergy && model.family != DeviceFamily::PulseCounter) {
      EXPECT_TRUE(hasField(map, prefix + "energy.active.import")) << what;
    }
    EXPECT_EQ(hasField(map, "thd.voltage.L1"), model.hasThd) << what;
    if (model.pulseInputCount > 0) {
      EXPECT_TRUE(hasField(map, "position." + std::to_string(model.pulseInputCount) + ".count")) << what;
      EXPECT_FALSE(hasField(map, "position." + std::to_string(model.pulseInputCount + 1) + ".count")) << what;
    }
    if (model.needsSupply) {
      EXPECT_TRUE(hasField(map, "supply.direction")) << what;
    }
    if (station) {
      for (const char* key : {"station.state", "station.error", "station.chargeError", "station.command.startWait",
                              "station.setpointA", "station.evPlugEnabled", "station.domesticPlugEnabled",
                              "station.ratedCurrentA", "current.L1", "station.energy.active.import"}) {
        EXPECT_TRUE(hasField(map, prefix + key)) << what << " " << key;
      }
      EXPECT_EQ(hasField(map, "side.2.station.state"), model.sidesShareAddress) << what;
    }
    if (model.family == DeviceFamily::Breaker) {
      EXPECT_TRUE(hasField(map, "breaker.state")) << what;
    }
    if (model.family == DeviceFamily::PowerSupervision) {
      EXPECT_TRUE(hasField(map, "output.1.state") && hasField(map, "output.1.mode") &&
                  hasField(map, "output.1.command") && hasField(map, "output.1.onTimeS"))
          << what;
    }
  }
  EXPECT_TRUE(hasField(*shipped().find(DeviceFamily::MultifunctionMeter, "4 120 53"), "harmonic.current.L3.h25"));
  EXPECT_TRUE(hasField(*shipped().find(DeviceFamily::MultifunctionMeter, "4 120 47"), "stat.current.L1.max"));
  EXPECT_TRUE(hasField(*shipped().find(DeviceFamily::PowerSupervision, "0 261 36"), "input.1"));
}

TEST(ShippedProfiles, WritableFieldsAreTheSettingsAndCommands) {
  for (const auto& map : shipped().profiles()) {
    for (const Field& field : map->fields()) {
      const auto kind = findQuantity(field.name)->kind;
      const bool order = kind == QuantityKind::Setting || kind == QuantityKind::Command;
      // Pulse weights are programmed in the concentrator, not by the EWS: a read-only setting.
      if (!field.name.ends_with(".weight")) {
        EXPECT_EQ(field.writable(), order) << map->id() << " " << field.name;
      }
    }
  }
}

TEST(ShippedProfiles, PulseCountersReadTheirHostsMap) {
  const unsigned twelve = 12;
  for (const auto& concentrator : ews::installation::pulseConcentrators()) {
    const RegisterMap* host = shipped().findPulseHost(concentrator.number);
    ASSERT_NE(host, nullptr) << concentrator.number;
    EXPECT_EQ(host->id(), "pulse-concentrator");
    EXPECT_TRUE(hasField(*host, "position." + std::to_string(concentrator.pulseInputCount) + ".count"));
    EXPECT_LE(static_cast<unsigned>(concentrator.pulseInputCount), twelve);
  }
  EXPECT_EQ(shipped().findPulseHost("412065")->id(), "pulse-concentrator");
  EXPECT_EQ(shipped().findPulseHost("4 120 81")->id(), "energy-counter-1ph-pulse");
  EXPECT_EQ(shipped().findPulseHost("4 120 41")->id(), "energy-counter-3ph-pulse");
  EXPECT_EQ(shipped().findPulseHost("4 120 68"), nullptr);  // a counter without pulse inputs
  EXPECT_EQ(shipped().findPulseHost("nothing"), nullptr);
}

TEST(ShippedProfiles, ForDeviceChoosesTheMapToPoll) {
  ews::installation::Device device;
  device.family = DeviceFamily::EnergyCounter;
  device.model = "4 120 91";
  EXPECT_EQ(shipped().forDevice(device)->id(), "energy-counter-3ph-pulse");
  device.family = DeviceFamily::PulseCounter;
  device.model = "Gas counter";
  EXPECT_EQ(shipped().forDevice(device)->id(), "pulse-concentrator");
  device.concentrator = "4 120 81";
  EXPECT_EQ(shipped().forDevice(device)->id(), "energy-counter-1ph-pulse");
  device.family = DeviceFamily::GenericModbus;
  device.model = "Generic Modbus meter";
  EXPECT_EQ(shipped().forDevice(device), nullptr);  // no four fields
  device.generic = ews::installation::GenericRegisterSpec{4, 0x0100, 2, 10.0};
  const auto generic = shipped().forDevice(device);
  ASSERT_NE(generic, nullptr);
  EXPECT_EQ(generic->field(0).address, 0x0100);
  device.family = DeviceFamily::WsMeasure;
  device.model = "WSMEASURE";
  EXPECT_EQ(shipped().forDevice(device)->id(), "wsmeasure");
  device.model = "";  // the family's only model: "Configuration" reads the same map
  EXPECT_EQ(shipped().forDevice(device)->id(), "wsmeasure");
  device.family = DeviceFamily::Breaker;
  device.model = "";
  EXPECT_EQ(shipped().forDevice(device), nullptr);
}

/// The fields a poll reads: the readable ones but the identification (read at first contact).
std::vector<std::size_t> polledFields(const RegisterMap& map) {
  std::vector<std::size_t> fields;
  for (const std::size_t index : readableFields(map)) {
    if (!isIdentification(map.field(index).name)) fields.push_back(index);
  }
  return fields;
}

TEST(ShippedProfiles, EveryAreaIsOneBlockRead) {
  // Maps are laid out so that a full poll of a device takes one request per area: no
  // profile needs more than six requests for all its polled fields.
  for (const auto& map : shipped().profiles()) {
    EXPECT_LE(planReads(*map, polledFields(*map)).size(), 6u) << map->id();
  }
  const RegisterMap& threePhase = *shipped().findProfile("energy-counter-3ph");
  EXPECT_EQ(planReads(threePhase, polledFields(threePhase)).size(), 2u);
}

}  // namespace
