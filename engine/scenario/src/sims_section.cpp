// Device sims: which load profile a simulated device draws, written either under the device
// (`sim:`) or, to keep a site description free of simulation, in the top-level `deviceSims`.
#include <fmt/format.h>

#include <array>
#include <cmath>

#include "ews/installation/catalogue.hpp"
#include "sections.hpp"
#include "vocabulary.hpp"

namespace ews::scenario::detail {

namespace {
/// A scale multiplies the profile's power; no real load is a thousand times its profile.
constexpr RealRange kScale{0.0, 1000.0};
/// cos(phi) of an inductive load: 0 would be a pure reactance, no meter load is that.
constexpr RealRange kPowerFactor{0.0, 1.0, /*exclusiveMin=*/true};
/// How far the shares of an unbalanced load may add up from 100 % (rounded percentages).
constexpr double kShareSumTolerance = 0.001;
/// A firmware version in a u16 register of hundredths: 0.00 - 655.35.
constexpr RealRange kFirmware{0.0, 655.35};
/// A threshold above the largest breaker's rating (DMX3 4000 A) is a unit mistake.
constexpr RealRange kAlarmCurrent{0.0, 10000.0, /*exclusiveMin=*/true};

/// `lines`: L1, L2, L3 (single-phase), three-phase (balanced), or the three lines' shares of an
/// unbalanced three-phase load ([50%, 30%, 20%]).
void readLines(MapReader& entry, DeviceSimSpec& spec) {
  const auto v = entry.get("lines");
  if (!v) return;
  DiagnosticSink& sink = entry.sink();
  if (v->node.IsSequence()) {
    const auto items = asList(sink, *v);
    if (!items) return;
    if (items->size() != 3) {
      sink.error(v->loc, v->path,
                 fmt::format("expected the shares of L1, L2 and L3 (three items), got {}", items->size()));
      return;
    }
    std::array<double, 3> shares{};
    for (std::size_t line = 0; line < 3; ++line) {
      const auto share = asQuantity(sink, (*items)[line], kFractionUnits, RealRange::between(0.0, 1.0));
      if (!share) return;
      shares[line] = *share;
    }
    const double sum = shares[0] + shares[1] + shares[2];
    if (std::abs(sum - 1.0) > kShareSumTolerance) {
      sink.error(v->loc, v->path, fmt::format("the shares of the three lines must add up to 100 %, got {:g} %", sum * 100.0));
      return;
    }
    spec.lineShares = shares;
    return;
  }
  static constexpr std::array<EnumName<int>, 4> kLines{{{"L1", 0}, {"L2", 1}, {"L3", 2}, {"three-phase", 3}}};
  const auto line = asEnum<int>(sink, *v, kLines);
  if (!line) return;
  if (*line == 3) {
    spec.lineShares = std::array<double, 3>{1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0};
  } else {
    std::array<double, 3> shares{};
    shares[static_cast<std::size_t>(*line)] = 1.0;
    spec.lineShares = shares;
  }
}

/// Entries of an EMS CX3 module's link table (the `link.{1..4}.*` registers of its map).
constexpr std::size_t kLinkTableEntries = 4;
constexpr std::array<EnumName<EmsLinkSpec::Function>, 2> kLinkFunctions{
    {{"follow", EmsLinkSpec::Function::Follow}, {"inverse", EmsLinkSpec::Function::Inverse}}};

/// `links`: what the EMS CX3 configuration software programmed into the module, each
/// `{action: <Modbus address>, function: follow|inverse}`.
void readLinks(MapReader& entry, DeviceSimSpec& spec) {
  const auto items = entry.list("links");
  if (items.size() > kLinkTableEntries) {
    entry.error("links", fmt::format("an EMS CX3 module holds at most {} links (its link table's entries), got {}",
                                     kLinkTableEntries, items.size()));
    return;
  }
  for (const auto& item : items) {
    EmsLinkSpec link;
    MapReader reader(entry.sink(), item, &link.fieldLocs);
    link.loc = reader.loc();
    if (reader.require("action")) reader.read("action", link.actionAddress, IntRange{1, 247});
    reader.readEnum("function", link.function, kLinkFunctions);
    reader.reportUnknownKeys();
    spec.links.push_back(std::move(link));
  }
}

/// `identifiesAs`: a model of the catalogue (any family, or a pulse concentrator); `firmware`
/// what a u16 register in hundredths holds.
void readIdentity(MapReader& entry, DeviceSimSpec& spec) {
  if (const auto v = entry.get("identifiesAs")) {
    entry.read("identifiesAs", spec.identifiesAs);
    bool known = installation::findPulseHost(spec.identifiesAs).has_value();
    for (const installation::CatalogueModel& model : installation::catalogue()) {
      known = known || installation::findModel(model.family, spec.identifiesAs) != nullptr;
    }
    if (!known) {
      entry.sink().error(v->loc, v->path, fmt::format("'{}' is not a model of the catalogue", spec.identifiesAs));
    }
  }
  double firmware = 0.0;
  if (entry.get("firmware") && entry.read("firmware", firmware, kFirmware)) spec.firmware = firmware;
}
}  // namespace

DeviceSimSpec readDeviceSim(DiagnosticSink& sink, const Located& node, bool withDeviceKey) {
  DeviceSimSpec spec;
  MapReader entry(sink, node, &spec.fieldLocs);
  spec.loc = entry.loc();
  if (withDeviceKey && entry.require("device")) entry.read("device", spec.device);
  entry.read("profile", spec.profile);
  entry.read("scale", spec.scale, kScale);
  entry.read("powerFactor", spec.powerFactor, kPowerFactor);
  readLines(entry, spec);
  entry.readStringList("downstream", spec.downstream);
  readLinks(entry, spec);
  readIdentity(entry, spec);
  if (double limitA = 0.0; entry.readQuantity("alarmCurrent", limitA, kCurrentUnits, kAlarmCurrent)) {
    spec.alarmCurrentA = limitA;
  }
  entry.reportUnknownKeys();
  return spec;
}

void readDeviceSims(MapReader& top, Scenario& scenario, std::vector<SimOrigin>& simOrigins) {
  for (const auto& item : top.list("deviceSims")) {
    scenario.deviceSims.push_back(readDeviceSim(top.sink(), item, /*withDeviceKey=*/true));
    simOrigins.push_back(SimOrigin{item.path, std::nullopt});
  }
}

}  // namespace ews::scenario::detail
