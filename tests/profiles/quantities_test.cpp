// The quantity vocabulary: names, units, the stat and side rules, hints for unknown names.
#include "ews/profiles/quantities.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace ews::profiles;

std::string unitOf(std::string_view name) {
  const auto quantity = findQuantity(name);
  return quantity ? std::string(quantity->unit) : std::string("<unknown>");
}

TEST(Quantities, NamesCarryTheirUnits) {
  EXPECT_EQ(unitOf("energy.active.import"), "Wh");
  EXPECT_EQ(unitOf("energy.reactive.export"), "varh");
  EXPECT_EQ(unitOf("voltage.L1N"), "V");
  EXPECT_EQ(unitOf("voltage.L31"), "V");
  EXPECT_EQ(unitOf("current.N"), "A");
  EXPECT_EQ(unitOf("power.active.total"), "W");
  EXPECT_EQ(unitOf("power.reactive.L2"), "var");
  EXPECT_EQ(unitOf("power.apparent.L3"), "VA");
  EXPECT_EQ(unitOf("powerFactor.total"), "");
  EXPECT_EQ(unitOf("frequency"), "Hz");
  EXPECT_EQ(unitOf("thd.current.N"), "%");
  EXPECT_EQ(unitOf("harmonic.current.L1.h3"), "%");
  EXPECT_EQ(unitOf("harmonic.voltage.L3.h25"), "%");
  EXPECT_EQ(unitOf("position.12.count"), "pulse");
  EXPECT_EQ(unitOf("output.4.onTimeS"), "s");
  EXPECT_EQ(unitOf("station.setpointA"), "A");
  EXPECT_EQ(unitOf("analogInput.1"), "mA");
}

TEST(Quantities, KindsTellCountersFromMeasurands) {
  EXPECT_EQ(findQuantity("energy.active.import")->kind, QuantityKind::Counter);
  EXPECT_EQ(findQuantity("current.L1")->kind, QuantityKind::Measurand);
  EXPECT_EQ(findQuantity("breaker.state")->kind, QuantityKind::State);
  EXPECT_EQ(findQuantity("output.1.mode")->kind, QuantityKind::Setting);
  EXPECT_EQ(findQuantity("station.command.startWait")->kind, QuantityKind::Command);
}

TEST(Quantities, StatisticsExistForMeasurandsInTheirUnit) {
  EXPECT_EQ(unitOf("stat.current.L1.max"), "A");
  EXPECT_EQ(unitOf("stat.power.active.total.avg"), "W");
  EXPECT_EQ(unitOf("stat.voltage.L12.min"), "V");
  EXPECT_FALSE(findQuantity("stat.energy.active.import.max"));  // a counter has no statistics
  EXPECT_FALSE(findQuantity("stat.current.L1.median"));
  EXPECT_FALSE(findQuantity("stat.current.L1"));
}

TEST(Quantities, SidesPrefixAnyQuantity) {
  EXPECT_EQ(unitOf("side.1.station.state"), "");
  EXPECT_EQ(unitOf("side.2.current.L1"), "A");
  EXPECT_EQ(unitOf("side.2.energy.active.import"), "Wh");
  EXPECT_FALSE(findQuantity("side.3.station.state"));
  EXPECT_FALSE(findQuantity("side.1.side.2.station.state"));
  EXPECT_FALSE(findQuantity("side.1."));
}

TEST(Quantities, OutOfRangeIndicesAreUnknown) {
  EXPECT_FALSE(findQuantity("harmonic.current.L1.h1"));
  EXPECT_FALSE(findQuantity("harmonic.current.L1.h26"));
  EXPECT_FALSE(findQuantity("position.0.count"));
  EXPECT_FALSE(findQuantity("position.65.count"));
  EXPECT_FALSE(findQuantity("voltage.L4N"));
  EXPECT_FALSE(findQuantity(""));
}

TEST(Quantities, UnknownNamesGetAHint) {
  EXPECT_EQ(unknownQuantityReason("voltage.L4N"),
            "unknown quantity 'voltage.L4N' (voltage quantities: voltage.{L1N,L2N,L3N}, voltage.{L12,L23,L31})");
  EXPECT_EQ(unknownQuantityReason("stat.energy.active.import.max"),
            "unknown quantity 'stat.energy.active.import.max' ('energy.active.import' is a counter, statistics exist "
            "only for measurands)");
  EXPECT_EQ(unknownQuantityReason("side.3.station.state"),
            "unknown quantity 'side.3.station.state' (sides are named side.1.<quantity> or side.2.<quantity>)");
  EXPECT_EQ(unknownQuantityReason("side.1.station.bogus")
                .rfind("unknown quantity 'side.1.station.bogus' (station quantities: ", 0),
            0u);
  EXPECT_NE(unknownQuantityReason("temperature").find("names start with one of: energy, voltage, current"),
            std::string::npos);
}

TEST(Quantities, EveryPatternHasAMeaning) {
  for (const auto& pattern : quantityPatterns()) {
    EXPECT_FALSE(pattern.meaning.empty()) << pattern.pattern;
  }
}

}  // namespace
