// planReads: blocks within the protocol limits, only across mapped gaps, and accepted by read.
#include "ews/profiles/read_plan.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "profiles_test_support.hpp"

namespace {

using namespace ews::profiles;
using namespace ews::profiles::test;
using ews::link::ExceptionCode;
using ews::link::Function;
using ::testing::ElementsAre;

/// Reads every block of `plan` from `map` serving `table`, checks the limits, and returns the
/// decoded value of every planned field (NaN for fields not planned).
std::vector<double> readPlan(const RegisterMap& map, const std::vector<ReadBlock>& plan, const FieldValues& table) {
  std::vector<double> decoded(map.fields().size(), std::numeric_limits<double>::quiet_NaN());
  for (const ReadBlock& block : plan) {
    const bool bits = block.function == Function::ReadCoils || block.function == Function::ReadDiscreteInputs;
    EXPECT_LE(block.count, bits ? ews::link::kMaxReadBits : ews::link::kMaxReadRegisters);
    std::vector<std::uint16_t> buffer;
    const auto request = readRequest(block.function, block.address, block.count, buffer);
    EXPECT_TRUE(ews::link::validateRequest(request).empty()) << ews::link::validateRequest(request);
    EXPECT_EQ(map.read(request, table), ExceptionCode::None)
        << map.id() << " function " << static_cast<int>(block.function) << " at " << block.address << "+"
        << block.count;
    for (const std::size_t index : block.fields) {
      const Field& field = map.field(index);
      EXPECT_EQ(field.readFunction, block.function);
      EXPECT_GE(field.address, block.address);
      EXPECT_LE(field.end(), std::uint32_t{block.address} + block.count);
      decoded[index] = decode(field, block.wordsOf(field, buffer));
    }
  }
  return decoded;
}

const RegisterMap& gappyMap() {
  // Holding registers 0-19 all mapped (frequency at 0, currents 1-4, voltages 5-10, ...),
  // a hole at 20-29, then 30.
  static const RegisterMap map = RegisterMap::parse(R"(family: energy-counter
models: ["0 046 77"]
defaults: {function: 3, type: u16}
registers:
  - {name: frequency, address: 0}
  - {name: "current.{L1,L2,L3,N}", address: 1}
  - {name: "voltage.{L1N,L2N,L3N,L12,L23,L31}", address: 5}
  - {name: "powerFactor.{L1,L2,L3,total}", address: 11}
  - {name: "thd.current.{L1,L2,L3,N}", address: 15}
  - {name: alarm.flags, address: 19}
  - {name: supply.direction, address: 30}
  - {name: "input.{1..32}", address: 0, function: 2, type: bit}
)",
                                                    "gappy.yaml");
  return map;
}

std::vector<std::pair<int, int>> spans(const std::vector<ReadBlock>& plan) {
  std::vector<std::pair<int, int>> out;
  for (const auto& block : plan) out.emplace_back(block.address, block.count);
  return out;
}

TEST(ReadPlan, BridgesMappedGapsUpToMaxGap) {
  const RegisterMap& map = gappyMap();
  const std::vector<std::size_t> ends = {*map.find("frequency"), *map.find("alarm.flags")};  // 0 and 19: gap 18
  EXPECT_THAT(spans(planReads(map, ends)), ElementsAre(std::pair(0, 1), std::pair(19, 1)));
  EXPECT_THAT(spans(planReads(map, ends, 125, 18)), ElementsAre(std::pair(0, 20)));
  const std::vector<std::size_t> near = {*map.find("frequency"), *map.find("voltage.L1N")};  // gap 4
  EXPECT_THAT(spans(planReads(map, near)), ElementsAre(std::pair(0, 6)));
}

TEST(ReadPlan, NeverBridgesAHole) {
  const RegisterMap& map = gappyMap();
  const std::vector<std::size_t> across = {*map.find("alarm.flags"), *map.find("supply.direction")};  // hole 20-29
  EXPECT_THAT(spans(planReads(map, across, 125, 1000)), ElementsAre(std::pair(19, 1), std::pair(30, 1)));
}

TEST(ReadPlan, RespectsMaxRegisters) {
  const RegisterMap& map = gappyMap();
  std::vector<std::size_t> everything = readableFields(map);
  const auto plan = planReads(map, everything, 8);
  for (const auto& block : plan) {
    if (block.function == Function::ReadHoldingRegisters) {
      EXPECT_LE(block.count, 8);
    }
  }
  EXPECT_THAT(spans(plan),
              ElementsAre(std::pair(0, 32), std::pair(0, 8), std::pair(8, 8), std::pair(16, 4), std::pair(30, 1)));
}

TEST(ReadPlan, GroupsByFunctionAndReadsDuplicatesOnce) {
  const RegisterMap& map = gappyMap();
  const std::vector<std::size_t> mixed = {*map.find("input.3"), *map.find("current.L2"), *map.find("input.1"),
                                          *map.find("current.L2"), *map.find("frequency")};
  const auto plan = planReads(map, mixed);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].function, Function::ReadDiscreteInputs);
  EXPECT_EQ(plan[0].address, 0);
  EXPECT_EQ(plan[0].count, 3);
  EXPECT_THAT(plan[0].fields, ElementsAre(*map.find("input.1"), *map.find("input.3")));
  EXPECT_EQ(plan[1].function, Function::ReadHoldingRegisters);
  EXPECT_THAT(plan[1].fields, ElementsAre(*map.find("frequency"), *map.find("current.L2")));
}

TEST(ReadPlan, RefusesUnknownAndWriteOnlyFields) {
  const RegisterMap& map = gappyMap();
  const std::vector<std::size_t> unknown = {map.fields().size()};
  EXPECT_THROW(planReads(map, unknown), std::out_of_range);
  const RegisterMap commands = RegisterMap::parse(
      "family: charging-station\nmodels: [\"0 590 00\"]\nregisters: [{name: station.command.startWait, address: 0, "
      "function: 3, type: u16, access: w}]\n",
      "w.yaml");
  const std::vector<std::size_t> writeOnly = {0};
  EXPECT_THROW(planReads(commands, writeOnly), std::invalid_argument);
  EXPECT_TRUE(readableFields(commands).empty());
  EXPECT_TRUE(planReads(commands, {}).empty());
}

TEST(ReadPlan, SplitsLongContiguousAreasAt125Registers) {
  const RegisterMap* premium = shipped().findProfile("multifunction-meter-premium");
  ASSERT_NE(premium, nullptr);
  std::vector<std::size_t> harmonics;
  for (std::size_t i = 0; i < premium->fields().size(); ++i) {
    if (premium->field(i).name.starts_with("harmonic.")) harmonics.push_back(i);
  }
  ASSERT_EQ(harmonics.size(), 144u);
  EXPECT_THAT(spans(planReads(*premium, harmonics)), ElementsAre(std::pair(0x0400, 125), std::pair(0x047D, 19)));
}

// Every shipped profile, every readable field: planned, read from a device serving known
// values, decoded back to those values.
TEST(ReadPlan, EveryShippedProfileReadsBackWhatItServes) {
  for (const auto& map : shipped().profiles()) {
    std::vector<double> known;
    for (std::size_t i = 0; i < map->fields().size(); ++i) known.push_back(exactSampleValue(map->field(i), i));
    const TableValues table(known);
    const auto decoded = readPlan(*map, planReads(*map, readableFields(*map)), table);
    for (const std::size_t i : readableFields(*map)) {
      EXPECT_EQ(decoded[i], known[i]) << map->id() << " " << map->field(i).name;
    }
  }
}

// Random maps and random field subsets: every planned block is legal and accepted.
TEST(ReadPlan, RandomMapsAndSubsetsAlwaysPlanAcceptedBlocks) {
  std::mt19937 random(20240611);
  const std::array<std::string_view, 6> types = {"u16", "s16", "u32", "s32", "u48", "u64"};
  for (int round = 0; round < 200; ++round) {
    // Up to 64 numbered fields laid out with random sizes and random holes.
    std::string yaml = "family: power-supervision\nmodels: [\"0 288 12\"]\nregisters:\n";
    std::uint32_t address = std::uniform_int_distribution<std::uint32_t>(0, 100)(random);
    std::uint32_t bit = 0;
    const int count = std::uniform_int_distribution<int>(1, 32)(random);
    for (int n = 1; n <= count; ++n) {
      const std::string_view type = types[std::uniform_int_distribution<std::size_t>(0, types.size() - 1)(random)];
      yaml += fmt::format("  - {{name: output.{}.onTimeS, address: {}, function: 3, type: {}}}\n", n, address, type);
      address += type == "u16" || type == "s16" ? 1 : type == "u64" ? 4 : type == "u48" ? 3 : 2;
      if (std::uniform_int_distribution<int>(0, 3)(random) == 0)
        address += std::uniform_int_distribution<std::uint32_t>(1, 30)(random);
      yaml += fmt::format("  - {{name: input.{}, address: {}, function: 2, type: bit}}\n", n, bit);
      bit += std::uniform_int_distribution<std::uint32_t>(1, 3)(random) == 1 ? 2 : 1;
    }
    const RegisterMap map = RegisterMap::parse(yaml, "random.yaml");
    std::vector<std::size_t> subset;
    for (std::size_t i = 0; i < map.fields().size(); ++i) {
      if (std::uniform_int_distribution<int>(0, 2)(random) != 0) subset.push_back(i);
    }
    const auto maxRegisters = static_cast<std::uint16_t>(std::uniform_int_distribution<int>(1, 140)(random));
    const auto maxGap = static_cast<std::uint16_t>(std::uniform_int_distribution<int>(0, 40)(random));
    const auto plan = planReads(map, subset, maxRegisters, maxGap);
    std::vector<double> known;
    for (std::size_t i = 0; i < map.fields().size(); ++i) known.push_back(exactSampleValue(map.field(i), i));
    const TableValues table(known);
    const auto decoded = readPlan(map, plan, table);
    std::multiset<std::size_t> planned;
    for (const auto& block : plan) {
      planned.insert(block.fields.begin(), block.fields.end());
      if (block.function == Function::ReadHoldingRegisters) {
        EXPECT_LE(block.count, std::max<int>(maxRegisters, 4));
      }
    }
    for (const std::size_t i : subset) {
      EXPECT_EQ(planned.count(i), 1u);
      EXPECT_EQ(decoded[i], known[i]);
    }
    EXPECT_EQ(planned.size(), subset.size());
  }
}

}  // namespace
