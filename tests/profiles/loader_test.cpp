// Profile files: what is accepted, and the exact "file:line:column: field: reason" of what is not.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "ews/profiles/profile_catalogue.hpp"
#include "profiles_test_support.hpp"

namespace {

using namespace ews::profiles;
using ews::profiles::test::diagnosticsOf;
using ews::profiles::test::parseErrors;
using ::testing::ElementsAre;

const std::string kHeader = "family: energy-counter\nmodels: [\"0 046 77\"]\n";

/// Parses a header plus `registers`, expecting exactly one diagnostic.
std::string onlyError(const std::string& yaml) {
  const auto errors = parseErrors(yaml);
  EXPECT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  return errors.empty() ? std::string() : errors.front();
}

TEST(ProfileLoader, ReadsFieldsDefaultsAndBracePatterns) {
  const RegisterMap map = RegisterMap::parse(kHeader + R"(description: a test map
defaults: {function: 3, wordOrder: little, type: u32}
registers:
  - {name: "current.{L1,L2,L3}", address: 0x0010, scale: 0.001}
  - {name: "position.{1..2}.count", address: 32, stride: 4, wordOrder: big}
  - {name: voltage.L1N, address: 0x0100, type: u16, scale: 0.1, unit: V, access: rw}
  - {name: input.1, address: 7, function: 2, type: bit}
)",
                                             "test.yaml");
  EXPECT_EQ(map.id(), "test");
  EXPECT_EQ(map.family(), ews::installation::DeviceFamily::EnergyCounter);
  EXPECT_THAT(map.models(), ElementsAre("0 046 77"));
  EXPECT_EQ(map.description(), "a test map");
  ASSERT_EQ(map.fields().size(), 7u);
  const Field& l3 = map.field(*map.find("current.L3"));
  EXPECT_EQ(l3.address, 0x0014);
  EXPECT_EQ(l3.type, Type::U32);
  EXPECT_EQ(l3.wordOrder, WordOrder::Little);
  EXPECT_EQ(l3.scale, 0.001);
  EXPECT_EQ(l3.unit, "A");  // from the vocabulary
  EXPECT_EQ(l3.access, Access::Read);
  EXPECT_EQ(l3.readFunction, ews::link::Function::ReadHoldingRegisters);
  EXPECT_EQ(l3.loc.str(), "test.yaml:6:5");
  EXPECT_EQ(map.field(*map.find("position.2.count")).address, 36);
  EXPECT_EQ(map.field(*map.find("position.2.count")).wordOrder, WordOrder::Big);
  EXPECT_EQ(map.field(*map.find("voltage.L1N")).access, Access::ReadWrite);
  EXPECT_EQ(map.field(*map.find("input.1")).space(), AddressSpace::DiscreteInputs);
  EXPECT_FALSE(map.find("current.N"));
}

TEST(ProfileLoader, ADocumentOverTheSizeLimitsIsRefusedBeforeItIsRead) {
  // 2000 register lists each naming one anchored list of 1000 fields: two million nodes once
  // the aliases are expanded, from 3000 lines (docs/register-maps.md, "Limits").
  std::string yaml = kHeader + "fields: &fields\n";
  for (int i = 0; i < 1000; ++i) yaml += "  - {name: f" + std::to_string(i) + ", address: 1}\n";
  yaml += "more:\n";
  for (int i = 0; i < 2000; ++i) yaml += "  - *fields\n";
  const auto errors = parseErrors(yaml);
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_THAT(errors[0], ::testing::HasSubstr("more than 1000000 nodes with its aliases expanded"));
  EXPECT_THAT(errors[0], ::testing::StartsWith("bad.yaml:1005:3:"));  // the list of uses

  std::string keys = kHeader + "defaults:\n";
  for (int i = 0; i < 10'001; ++i) keys += "  k" + std::to_string(i) + ": 1\n";
  EXPECT_THAT(onlyError(keys), ::testing::EndsWith("bad.yaml:4:3: a map of 10001 keys, over the limit of 10000"));
}

TEST(ProfileLoader, UnknownKeyListsTheKnownOnes) {
  EXPECT_EQ(onlyError(kHeader + R"(registers:
  - name: voltage.L1N
    address: 0x0100
    function: 3
    type: u16
    adress: 3
)"),
            "bad.yaml:8:5: registers[0].adress: unknown key 'adress' (expected one of: name, address, function, type, "
            "wordOrder, scale, unit, access, stride)");
  EXPECT_EQ(onlyError(kHeader + "regsters: []\nregisters: [{name: frequency, address: 0, function: 3, type: u16}]\n"),
            "bad.yaml:3:1: regsters: unknown key 'regsters' (expected one of: family, description, models, hosts, "
            "provenance, extends, defaults, registers)");
  EXPECT_EQ(onlyError(kHeader +
                      "defaults: {function: 3, order: big}\nregisters: [{name: frequency, address: 0, type: u16}]\n"),
            "bad.yaml:3:25: defaults.order: unknown key 'order' (expected one of: function, type, wordOrder, access)");
}

TEST(ProfileLoader, ProvenanceIsVendorWithItsSourceOrModelledWithItsDesign) {
  const std::string registers = "registers: [{name: frequency, address: 0, function: 3, type: u16}]\n";
  const RegisterMap vendor = RegisterMap::parse(
      kHeader + "provenance: {kind: vendor, document: EMDX3 ModbusTable, version: V1.2, checked: all addresses}\n" +
          registers,
      "good.yaml");
  EXPECT_EQ(vendor.provenance().kind, ProvenanceKind::Vendor);
  EXPECT_EQ(vendor.provenance().summary(), "vendor (EMDX3 ModbusTable, V1.2)");
  const RegisterMap modelled =
      RegisterMap::parse(kHeader + "provenance: {kind: modelled, design: own plan}\n" + registers, "good.yaml");
  EXPECT_EQ(modelled.provenance().kind, ProvenanceKind::Modelled);
  EXPECT_EQ(modelled.provenance().design, "own plan");
  // Unstated: modelled, the reading under which nothing is written without an opt-in.
  EXPECT_EQ(RegisterMap::parse(kHeader + registers, "good.yaml").provenance().kind, ProvenanceKind::Modelled);
  EXPECT_EQ(onlyError(kHeader + "provenance: {kind: vendor, document: T, version: '1'}\n" + registers),
            "bad.yaml:3:13: provenance.checked: missing required key 'checked'");
  EXPECT_EQ(onlyError(kHeader + "provenance: {kind: guessed}\n" + registers),
            "bad.yaml:3:20: provenance.kind: unknown provenance 'guessed' (expected vendor: a manufacturer's "
            "published table, or modelled: no public table)");
  EXPECT_EQ(onlyError(kHeader + "provenance: {kind: modelled, design: ''}\n" + registers),
            "bad.yaml:3:38: provenance.design: must not be empty");
}

TEST(ProfileLoader, UnknownNamesOfTypesFunctionsAccessAndWordOrderListTheValidOnes) {
  EXPECT_EQ(onlyError(kHeader + R"(registers:
  - name: voltage.L1N
    address: 0x0100
    function: 3
    type: u17
)"),
            "bad.yaml:7:11: registers[0].type: unknown type 'u17' (expected one of: bit, u16, s16, u32, s32, u48, u64, "
            "float32)");
  EXPECT_EQ(
      onlyError(kHeader + "registers:\n  - {name: frequency, address: 0, function: 5, type: u16}\n"),
      "bad.yaml:4:45: registers[0].function: unknown function 5 (expected one of: 1 (coils), 2 (discrete inputs), "
      "3 (holding registers), 4 (input registers))");
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: frequency, address: 0, function: 3, type: u16, access: rx}\n"),
            "bad.yaml:4:67: registers[0].access: unknown access 'rx' (expected one of: r, rw, w)");
  EXPECT_EQ(
      onlyError(kHeader +
                "defaults: {function: 3, wordOrder: middle}\nregisters: [{name: frequency, address: 0, type: u16}]\n"),
      "bad.yaml:3:36: defaults.wordOrder: unknown word order 'middle' (expected one of: big, little)");
}

TEST(ProfileLoader, WrongValueTypesAreNamed) {
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: frequency, address: [1], function: 3, type: u16}\n"),
            "bad.yaml:4:32: registers[0].address: expected an integer (decimal, or hexadecimal as 0x...), got a list");
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: frequency, address: 0, function: 3, type: u16, scale: abc}\n"),
            "bad.yaml:4:66: registers[0].scale: expected a number, got 'abc'");
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: frequency, address: 0, function: 3, type: u16, scale: 0}\n"),
            "bad.yaml:4:66: registers[0].scale: must be greater than 0, got 0");
  EXPECT_EQ(onlyError("family: energy-counter\nmodels: \"0 046 77\"\nregisters: [{name: frequency, address: 0, "
                      "function: 3, type: u16}]\n"),
            "bad.yaml:2:9: models: expected a list, got '0 046 77'");
  EXPECT_EQ(onlyError(kHeader + "registers: {name: frequency}\n"),
            "bad.yaml:3:12: registers: expected a list, got a map");
}

TEST(ProfileLoader, OverlapNamesBothFields) {
  EXPECT_EQ(onlyError(kHeader + R"(defaults: {function: 3}
registers:
  - name: voltage.L1N
    address: 0x0100
    type: u32
  - name: current.L1
    address: 0x0101
    type: u16
)"),
            "bad.yaml:9:14: registers[1].address: 'current.L1' (holding registers 0x0101..0x0101) overlaps "
            "'voltage.L1N' (0x0100..0x0101, defined at bad.yaml:6:14)");
}

TEST(ProfileLoader, OverlapIsReportedAtTheFieldDefinedLater) {
  // The later entry lies below the earlier one; still reported at the later entry.
  EXPECT_EQ(onlyError(kHeader + R"(defaults: {function: 4, type: u64}
registers:
  - {name: energy.active.import, address: 8}
  - {name: energy.active.export, address: 5}
)"),
            "bad.yaml:6:43: registers[1].address: 'energy.active.export' (input registers 0x0005..0x0008) overlaps "
            "'energy.active.import' (0x0008..0x000B, defined at bad.yaml:5:43)");
}

TEST(ProfileLoader, AddressSpacesAreSeparate) {
  // One address in each of the four tables: no overlap.
  const RegisterMap map = RegisterMap::parse(kHeader + R"(registers:
  - {name: output.1.state, address: 0, function: 1, type: bit, access: rw}
  - {name: input.1, address: 0, function: 2, type: bit}
  - {name: output.1.mode, address: 0, function: 3, type: u16, access: rw}
  - {name: frequency, address: 0, function: 4, type: u16}
)",
                                             "spaces.yaml");
  for (const AddressSpace space : kAllAddressSpaces) EXPECT_TRUE(map.isMapped(space, 0, 1));
}

TEST(ProfileLoader, FieldsMustEndByTheLastAddress) {
  EXPECT_EQ(
      onlyError(kHeader + R"(defaults: {function: 3}
registers:
  - name: energy.active.import
    address: 0xFFFF
    type: u32
)"),
      "bad.yaml:6:14: registers[0].address: 'energy.active.import' (u32 at 0xFFFF) runs past the last address 0xFFFF");
  EXPECT_EQ(
      onlyError(
          kHeader +
          "defaults: {function: 3}\nregisters:\n  - {name: \"current.{L1,L2,L3}\", address: 0xFFFE, type: u16}\n"),
      "bad.yaml:5:43: registers[0].address: 'current.L3' (u16 at 0x10000) runs past the last address 0xFFFF");
  EXPECT_EQ(
      onlyError(kHeader + "defaults: {function: 3}\nregisters:\n  - {name: frequency, address: 0x10000, type: u16}\n"),
      "bad.yaml:5:32: registers[0].address: must be between 0 and 65535 (0xFFFF), got 0x10000");
  // Ending exactly at 0xFFFF is fine.
  EXPECT_NO_THROW(RegisterMap::parse(
      kHeader + "registers: [{name: frequency, address: 0xFFFE, function: 3, type: u32}]\n", "ok.yaml"));
}

TEST(ProfileLoader, DuplicateNamesPointAtTheFirst) {
  EXPECT_EQ(onlyError(kHeader + R"(defaults: {function: 3, type: u16}
registers:
  - name: voltage.L1N
    address: 0x0100
  - name: voltage.L1N
    address: 0x0200
)"),
            "bad.yaml:7:11: registers[1].name: duplicate name 'voltage.L1N' (already defined at bad.yaml:5:11)");
}

TEST(ProfileLoader, EmptyOrMissingRegisterListIsRefused) {
  EXPECT_EQ(onlyError(kHeader + "registers: []\n"), "bad.yaml:3:12: registers: the register list is empty");
  EXPECT_EQ(onlyError(kHeader), "bad.yaml:1:1: registers: missing required key 'registers'");
  EXPECT_EQ(onlyError(""), "bad.yaml:1:1: the file is empty (a profile needs family, models and registers)");
}

TEST(ProfileLoader, BitsAndRegistersLiveInTheirOwnSpaces) {
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: input.1, address: 0, function: 3, type: bit}\n"),
            "bad.yaml:4:52: registers[0].type: type bit needs function 1 (coils) or 2 (discrete inputs), not 3 "
            "(holding registers)");
  EXPECT_EQ(
      onlyError(kHeader + "registers:\n  - {name: output.1.state, address: 0, function: 1, type: u16, access: rw}\n"),
      "bad.yaml:4:59: registers[0].type: type u16 is a register type: function 1 (coils) holds bits (use type "
      "bit, or function 3 or 4)");
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: input.1, address: 0, function: 2, type: bit, scale: 2}\n"),
            "bad.yaml:4:64: registers[0].scale: a bit has no scale (0 or 1)");
}

TEST(ProfileLoader, ReadOnlySpacesRefuseWritableFields) {
  EXPECT_EQ(
      onlyError(kHeader + "registers:\n  - {name: supply.direction, address: 0, function: 4, type: u16, access: rw}\n"),
      "bad.yaml:4:74: registers[0].access: function 4 (input registers) is read-only over Modbus: access must be "
      "r, got rw");
  // Reported at the entry when the access comes from the defaults.
  EXPECT_EQ(
      onlyError(kHeader +
                "defaults: {access: w}\nregisters:\n  - {name: input.1, address: 0, function: 2, type: bit}\n"),
      "bad.yaml:5:5: registers[0].access: function 2 (discrete inputs) is read-only over Modbus: access must be r, "
      "got w");
}

TEST(ProfileLoader, FunctionAndTypeComeFromTheFieldOrTheDefaults) {
  EXPECT_THAT(
      parseErrors(kHeader + "registers:\n  - {name: frequency, address: 0}\n"),
      ElementsAre("bad.yaml:4:5: registers[0].function: missing required key 'function' (or set defaults.function)",
                  "bad.yaml:4:5: registers[0].type: missing required key 'type' (or set defaults.type)"));
}

TEST(ProfileLoader, NamesMustBeInTheVocabularyWithItsUnit) {
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: voltage.L4N, address: 0, function: 3, type: u16}\n"),
            "bad.yaml:4:12: registers[0].name: unknown quantity 'voltage.L4N' (voltage quantities: "
            "voltage.{L1N,L2N,L3N}, voltage.{L12,L23,L31})");
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: voltage.L1N, address: 0, function: 3, type: u16, unit: mV}\n"),
            "bad.yaml:4:67: registers[0].unit: 'voltage.L1N' is in V, got 'mV' (scale converts the raw value into the "
            "vocabulary's unit)");
  EXPECT_THAT(
      parseErrors(kHeader +
                  "registers:\n  - {name: \"harmonic.current.L1.h{1..26}\", address: 0, function: 3, type: u16}\n"),
      ElementsAre("bad.yaml:4:12: registers[0].name: unknown quantity 'harmonic.current.L1.h1' (harmonic "
                  "quantities: harmonic.voltage.{L1,L2,L3}.h{2..25}, harmonic.current.{L1,L2,L3}.h{2..25})",
                  "bad.yaml:4:12: registers[0].name: 1 more name of 'harmonic.current.L1.h{1..26}' is not in "
                  "the vocabulary"));
}

TEST(ProfileLoader, BracePatternsAreChecked) {
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: \"current.{L1,L2\", address: 0, function: 3, type: u16}\n"),
            "bad.yaml:4:12: registers[0].name: bad name pattern 'current.{L1,L2': '{' without a matching '}' (braces "
            "do not nest)");
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: \"input.{3..1}\", address: 0, function: 2, type: bit}\n"),
            "bad.yaml:4:12: registers[0].name: bad name pattern 'input.{3..1}': range '{3..1}' runs backwards");
  EXPECT_EQ(onlyError(kHeader + "registers:\n  - {name: frequency, address: 0, function: 3, type: u16, stride: 2}\n"),
            "bad.yaml:4:67: registers[0].stride: stride spaces the names of a brace pattern; this name has none");
  EXPECT_EQ(onlyError(kHeader +
                      "registers:\n  - {name: \"current.{L1,L2}\", address: 0, function: 3, type: u32, stride: 1}\n"),
            "bad.yaml:4:75: registers[0].stride: stride 1 is shorter than a u32 (2 words): the names would overlap");
}

TEST(ProfileLoader, FamilyAndModelsAreCheckedAgainstTheInstallationCatalogue) {
  const std::string registers = "registers: [{name: frequency, address: 0, function: 3, type: u16}]\n";
  EXPECT_EQ(onlyError("family: meter\nmodels: [\"0 046 77\"]\n" + registers),
            "bad.yaml:1:9: family: unknown family 'meter' (expected one of: energy-counter, multifunction-meter, "
            "ems-measure, ems-state-control, pulse-counter, breaker, power-supervision, charging-station, "
            "generic-modbus, wsmeasure)");
  EXPECT_EQ(onlyError("family: energy-counter\nmodels: [\"4 120 53\"]\n" + registers),
            "bad.yaml:2:10: models[0]: '4 120 53' is not a energy-counter model of the catalogue (models: 0 046 77, "
            "4 120 68, 0 046 79, 4 120 83, 4 120 81, 0 046 80, ...)");
  EXPECT_EQ(onlyError("family: energy-counter\nmodels: [\"0 046 77\", \"004677\"]\n" + registers),
            "bad.yaml:2:22: models[1]: model '0 046 77' is listed twice (first at bad.yaml:2:10)");
  EXPECT_EQ(onlyError("family: energy-counter\nmodels: []\n" + registers),
            "bad.yaml:2:9: models: must list at least one catalogue model");
  EXPECT_EQ(onlyError("models: [\"0 046 77\"]\n" + registers), "bad.yaml:1:1: family: missing required key 'family'");
  EXPECT_EQ(onlyError(kHeader + "hosts: [\"4 120 65\"]\n" + registers),
            "bad.yaml:3:8: hosts: only pulse-counter profiles list the concentrators that host them");
  EXPECT_EQ(
      onlyError("family: pulse-counter\nmodels: [Water counter]\nhosts: [\"4 120 81\"]\n" + registers),
      "bad.yaml:3:9: hosts[0]: '4 120 81' is not a pulse concentrator (expected one of: 4 149 26, 4 120 65, 0 046 87)");
}

TEST(ProfileLoader, ModelsAreStoredInTheCataloguesSpelling) {
  const RegisterMap map = RegisterMap::parse(
      "family: breaker\nmodels: [\"dpx3 630 ELECTRONIC\", \"028800\"]\nregisters: [{name: breaker.state, address: 0, "
      "function: 3, type: u16}]\n",
      "spelling.yaml");
  EXPECT_THAT(map.models(), ElementsAre("DPX3 630 electronic", "0 288 00"));
}

TEST(ProfileLoader, InvalidYamlIsADiagnosticWithAPosition) {
  const std::string error = onlyError(kHeader + "registers: [{name: frequency, address: 0\n");
  EXPECT_EQ(error.rfind("bad.yaml:", 0), 0u) << error;
  EXPECT_NE(error.find("not valid YAML"), std::string::npos) << error;
}

TEST(ProfileLoader, EveryProblemIsReportedInPositionOrder) {
  const auto errors = parseErrors(kHeader + R"(defaults: {function: 3}
registers:
  - {name: voltage.L1N, address: 0, type: u17}
  - {name: voltage.L4N, address: 1, type: u16}
  - {name: frequency, address: 2, type: u16, colour: red}
)");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].rfind("bad.yaml:5:", 0), 0u);
  EXPECT_EQ(errors[1].rfind("bad.yaml:6:", 0), 0u);
  EXPECT_EQ(errors[2].rfind("bad.yaml:7:", 0), 0u);
}

TEST(ProfileLoader, UnreadableFileIsAValidationError) {
  EXPECT_THAT(diagnosticsOf([] { (void)RegisterMap::loadFile("/nonexistent/none.yaml"); }),
              ElementsAre("/nonexistent/none.yaml: no such file"));
}

// ---- extends, and directories ----

class ProfileDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // The process id keeps concurrent runs (several build trees, ctest -j) apart.
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("ews-profiles-") + info->name() + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

const std::string kBase = R"(family: energy-counter
models: ["0 046 80"]
defaults: {function: 3, type: u16}
registers:
  - {name: "voltage.{L1N,L2N,L3N}", address: 0x0100, scale: 0.1}
)";

TEST_F(ProfileDirectory, ExtendsPutsTheBaseFieldsFirst) {
  write("base.yaml", kBase);
  const std::string derived = write("derived.yaml", R"(family: multifunction-meter
models: ["4 120 53"]
extends: base
registers:
  - {name: "thd.voltage.{L1,L2,L3}", address: 0x0300, function: 3, type: u16, scale: 0.1}
)");
  const RegisterMap map = RegisterMap::loadFile(derived);
  EXPECT_EQ(map.family(), ews::installation::DeviceFamily::MultifunctionMeter);
  EXPECT_EQ(map.info().extends, "base");
  ASSERT_EQ(map.fields().size(), 6u);
  EXPECT_EQ(map.field(0).name, "voltage.L1N");
  EXPECT_EQ(map.field(0).loc.str(), path("base.yaml") + ":5:5");
  EXPECT_EQ(map.field(5).name, "thd.voltage.L3");
}

TEST_F(ProfileDirectory, ExtendingNeedsNoRegistersOfItsOwn) {
  write("base.yaml", kBase);
  const RegisterMap map =
      RegisterMap::loadFile(write("same.yaml", "family: energy-counter\nmodels: [\"0 046 83\"]\nextends: base\n"));
  EXPECT_EQ(map.fields().size(), 3u);
}

TEST_F(ProfileDirectory, OverlapWithAnInheritedFieldNamesWhereItIs) {
  write("base.yaml", kBase);
  const std::string derived = write("derived.yaml",
                                    "family: energy-counter\nmodels: [\"0 046 83\"]\nextends: base\nregisters:\n  - "
                                    "{name: frequency, address: 0x0102, function: 3, type: u16}\n");
  EXPECT_THAT(diagnosticsOf([&] { (void)RegisterMap::loadFile(derived); }),
              ElementsAre(derived +
                          ":5:32: registers[0].address: 'frequency' (holding registers 0x0102..0x0102) "
                          "overlaps 'voltage.L3N' (0x0102..0x0102, defined at " +
                          path("base.yaml") + ":5:5)"));
}

TEST_F(ProfileDirectory, MissingBaseAndCyclesAreReported) {
  const std::string orphan = write("orphan.yaml", "family: energy-counter\nmodels: [\"0 046 80\"]\nextends: nothing\n");
  EXPECT_THAT(
      diagnosticsOf([&] { (void)RegisterMap::loadFile(orphan); }),
      ElementsAre(orphan + ":3:10: extends: no profile 'nothing' (" + path("nothing.yaml") + ": no such file)"));
  write("a.yaml", "family: energy-counter\nmodels: [\"0 046 80\"]\nextends: b\n");
  const std::string b = write("b.yaml", "family: energy-counter\nmodels: [\"0 046 83\"]\nextends: a\n");
  const auto errors = diagnosticsOf([&] { (void)RegisterMap::loadFile(b); });
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.front(), path("a.yaml") + ":3:10: extends: extends itself: b -> a -> b");
  EXPECT_EQ(errors.back(), b + ":3:10: extends: profile 'a' has errors (reported in " + path("a.yaml") + ")");
}

TEST_F(ProfileDirectory, BaseErrorsComeFirstInASingleFileLoad) {
  const std::string base = write("base.yaml", kBase + "  - {name: bogus, address: 0, function: 3, type: u16}\n");
  const std::string derived = write("derived.yaml", "family: energy-counter\nmodels: [\"0 046 83\"]\nextends: base\n");
  const auto errors = diagnosticsOf([&] { (void)RegisterMap::loadFile(derived); });
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].rfind(base + ":6:", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1], derived + ":3:10: extends: profile 'base' has errors (reported in " + base + ")");
}

TEST_F(ProfileDirectory, ADirectoryReportsEachFileProblemOnce) {
  const std::string base = write("base.yaml", kBase + "  - {name: bogus, address: 0, function: 3, type: u16}\n");
  const std::string derived = write("derived.yaml", "family: energy-counter\nmodels: [\"0 046 83\"]\nextends: base\n");
  write("notes.txt", "not a profile");
  const auto errors = diagnosticsOf([&] { (void)ProfileCatalogue::loadDirectory(dir_.string()); });
  ASSERT_EQ(errors.size(), 2u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0].rfind(base + ":6:", 0), 0u);
  EXPECT_EQ(errors[1].rfind(derived + ":3:10: extends:", 0), 0u);
}

TEST_F(ProfileDirectory, AModelHasOneProfileOnly) {
  write("a.yaml", kBase);
  const std::string b = write("b.yaml",
                              "family: energy-counter\nmodels: [\"0 046 83\", \"0 046 80\"]\nregisters: [{name: "
                              "frequency, address: 0, function: 3, type: u16}]\n");
  EXPECT_THAT(
      diagnosticsOf([&] { (void)ProfileCatalogue::loadDirectory(dir_.string()); }),
      ElementsAre(b + ":2:22: models[1]: model '0 046 80' already has a profile: 'a' (" + path("a.yaml") + ")"));
}

TEST_F(ProfileDirectory, AConcentratorHasOneProfileOnly) {
  const std::string pulses =
      "family: pulse-counter\nmodels: [Gas counter]\nhosts: [\"4 120 65\"]\nregisters: [{name: position.1.count, "
      "address: 0, function: 3, type: u32}]\n";
  write("a.yaml", pulses);
  const std::string b = write("b.yaml",
                              "family: pulse-counter\nmodels: [Water counter]\nhosts: [\"412065\"]\nregisters: [{name: "
                              "position.1.count, address: 0, function: 3, type: u32}]\n");
  EXPECT_THAT(diagnosticsOf([&] { (void)ProfileCatalogue::loadDirectory(dir_.string()); }),
              ElementsAre(b + ":3:9: hosts[0]: concentrator '4 120 65' already has a profile: 'a'"));
}

TEST_F(ProfileDirectory, EmptyOrMissingDirectoriesAreErrors) {
  EXPECT_THAT(diagnosticsOf([&] { (void)ProfileCatalogue::loadDirectory(dir_.string()); }),
              ElementsAre(dir_.string() + ": no profile file (*.yaml) in the directory"));
  const auto missing = diagnosticsOf([&] { (void)ProfileCatalogue::loadDirectory(path("none")); });
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].rfind(path("none") + ": cannot read the profile directory: ", 0), 0u);
}

}  // namespace

namespace {

TEST_F(ProfileDirectory, ASiteFolderReplacesShippedMapsByNameAndAddsOthers) {
  std::filesystem::create_directories(dir_ / "shipped");
  std::filesystem::create_directories(dir_ / "site");
  write("shipped/meter.yaml", kBase);
  write("shipped/other.yaml",
        "family: energy-counter\nmodels: [\"0 046 83\"]\nregisters: [{name: frequency, address: 0, function: 3, "
        "type: u16}]\n");
  // The site's own, verified table for the 0 046 80: the frequency at 0x1000, and its source.
  write("site/meter.yaml",
        "family: energy-counter\nmodels: [\"0 046 80\"]\nprovenance: {kind: vendor, document: Site table, version: "
        "'2', checked: frequency}\nregisters: [{name: frequency, address: 0x1000, function: 3, type: u16}]\n");
  write("site/added.yaml",
        "family: energy-counter\nmodels: [\"0 046 84\"]\nregisters: [{name: frequency, address: 0, function: 4, "
        "type: u16}]\n");
  const auto catalogue = ProfileCatalogue::loadDirectories(path("shipped"), path("site"));
  ASSERT_EQ(catalogue.profiles().size(), 3u);
  const RegisterMap* meter = catalogue.find(ews::installation::DeviceFamily::EnergyCounter, "0 046 80");
  ASSERT_NE(meter, nullptr);
  EXPECT_EQ(meter->provenance().kind, ProvenanceKind::Vendor);
  EXPECT_EQ(meter->fields().front().address, 0x1000);
  EXPECT_EQ(meter->info().loc.file, path("site/meter.yaml"));
  EXPECT_NE(catalogue.find(ews::installation::DeviceFamily::EnergyCounter, "0 046 83"), nullptr);
  EXPECT_NE(catalogue.find(ews::installation::DeviceFamily::EnergyCounter, "0 046 84"), nullptr);
  // A site file claiming a model a shipped map keeps is refused, naming both.
  write("site/twice.yaml",
        "family: energy-counter\nmodels: [\"0 046 83\"]\nregisters: [{name: frequency, address: 0, function: 3, "
        "type: u16}]\n");
  const auto errors = diagnosticsOf([&] { (void)ProfileCatalogue::loadDirectories(path("shipped"), path("site")); });
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find("model '0 046 83' already has a profile: 'other'"), std::string::npos) << errors[0];
}

}  // namespace
