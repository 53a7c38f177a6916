// RegisterMap::read and write: what a simulated device answers for a request.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "profiles_test_support.hpp"

namespace {

using namespace ews::profiles;
using namespace ews::profiles::test;
using ews::link::ExceptionCode;
using ews::link::Function;
using ::testing::ElementsAre;
using ::testing::Pair;

// Every space but input registers, a hole (0x0008-0x000F), a write-only field, multi-word
// fields in both word orders.
const RegisterMap& testMap() {
  static const RegisterMap map = RegisterMap::parse(R"(family: charging-station
models: ["0 590 00"]
defaults: {function: 3, type: u16}
registers:
  - {name: station.state, address: 0}
  - {name: station.ratedCurrentA, address: 1, scale: 0.1}
  - {name: power.active.total, address: 2, type: s32}
  - {name: energy.active.import, address: 4, type: u64, wordOrder: little}
  - {name: station.command.startWait, address: 0x10, access: w}
  - {name: station.setpointA, address: 0x11, scale: 0.1, access: rw}
  - {name: station.domesticPlugEnabled, address: 0x12, access: rw}
  - {name: station.energy.active.import, address: 0x13, type: u32, access: rw}
  - {name: station.evPlugEnabled, address: 0, function: 1, type: bit, access: rw}
  - {name: output.1.state, address: 1, function: 1, type: bit, access: rw}
  - {name: input.1, address: 0, function: 2, type: bit}
)",
                                                    "serving.yaml");
  return map;
}

enum Index : std::size_t {
  State,
  Rated,
  Power,
  Energy,
  StartWait,
  Setpoint,
  Domestic,
  Session,
  EvPlug,
  Output1,
  Input1
};

TableValues values() { return TableValues({2, 32.0, -1500, 4295032833.0, 1, 16.0, 1, 70000, 1, 0, 1}); }

TEST(Serving, ReadEncodesEveryFieldOfTheRange) {
  std::vector<std::uint16_t> buffer;
  const TableValues table = values();
  EXPECT_EQ(testMap().read(readRequest(Function::ReadHoldingRegisters, 0, 8, buffer), table), ExceptionCode::None);
  // state, 32.0 A in 0.1 A, -1500 W as s32, 4295032833 = 0x0000_0001_0001_0001 low word first.
  EXPECT_THAT(buffer, ElementsAre(2, 320, 0xFFFF, 0xFA24, 0x0001, 0x0001, 0x0001, 0x0000));
  EXPECT_EQ(table.calls, 4);
}

TEST(Serving, ARangeMayStartOrEndInsideAField) {
  std::vector<std::uint16_t> buffer;
  EXPECT_EQ(testMap().read(readRequest(Function::ReadHoldingRegisters, 3, 2, buffer), values()), ExceptionCode::None);
  EXPECT_THAT(buffer, ElementsAre(0xFA24, 0x0001));  // low word of the power, first word of the energy
}

TEST(Serving, WriteOnlyFieldsReadAsZeroWithoutAskingTheDevice) {
  std::vector<std::uint16_t> buffer;
  const TableValues table = values();
  EXPECT_EQ(testMap().read(readRequest(Function::ReadHoldingRegisters, 0x10, 2, buffer), table), ExceptionCode::None);
  EXPECT_THAT(buffer, ElementsAre(0, 160));
  EXPECT_EQ(table.calls, 1);
}

TEST(Serving, AnyUnmappedRegisterIsAnIllegalDataAddress) {
  std::vector<std::uint16_t> buffer;
  const TableValues table = values();
  const auto read = [&](std::uint16_t address, std::uint16_t count) {
    return testMap().read(readRequest(Function::ReadHoldingRegisters, address, count, buffer), table);
  };
  EXPECT_EQ(read(0x08, 1), ExceptionCode::IllegalDataAddress);     // in the hole
  EXPECT_EQ(read(0x07, 2), ExceptionCode::IllegalDataAddress);     // runs into the hole
  EXPECT_EQ(read(0x00, 0x15), ExceptionCode::IllegalDataAddress);  // spans the hole
  EXPECT_EQ(read(0x14, 2), ExceptionCode::IllegalDataAddress);     // past the last field
  EXPECT_EQ(read(0xFFFF, 1), ExceptionCode::IllegalDataAddress);
  EXPECT_EQ(table.calls, 0);  // a refused request computes nothing
  EXPECT_EQ(read(0x10, 5), ExceptionCode::None);
}

TEST(Serving, FunctionsWithoutFieldsAreIllegal) {
  std::vector<std::uint16_t> buffer;
  EXPECT_EQ(testMap().read(readRequest(Function::ReadInputRegisters, 0, 1, buffer), values()),
            ExceptionCode::IllegalFunction);
  EXPECT_EQ(testMap().read(readRequest(Function::WriteSingleRegister, 0, 1, buffer), values()),
            ExceptionCode::IllegalFunction);
  RecordingWriter writer;
  EXPECT_EQ(testMap().write(readRequest(Function::ReadHoldingRegisters, 0x11, 1, buffer), writer),
            ExceptionCode::IllegalFunction);
  const RegisterMap registersOnly = RegisterMap::parse(
      "family: energy-counter\nmodels: [\"0 046 77\"]\nregisters: [{name: frequency, address: 0, function: 4, type: "
      "u16}]\n",
      "r.yaml");
  EXPECT_EQ(registersOnly.write(writeRequest(Function::WriteSingleRegister, 0, {1}), writer),
            ExceptionCode::IllegalFunction);
  EXPECT_EQ(registersOnly.write(writeRequest(Function::WriteSingleCoil, 0, {1}), writer),
            ExceptionCode::IllegalFunction);
  EXPECT_TRUE(writer.written.empty());
}

TEST(Serving, BitsReadOnePerValue) {
  std::vector<std::uint16_t> buffer;
  EXPECT_EQ(testMap().read(readRequest(Function::ReadCoils, 0, 2, buffer), values()), ExceptionCode::None);
  EXPECT_THAT(buffer, ElementsAre(1, 0));
  EXPECT_EQ(testMap().read(readRequest(Function::ReadDiscreteInputs, 0, 1, buffer), values()), ExceptionCode::None);
  EXPECT_THAT(buffer, ElementsAre(1));
  EXPECT_EQ(testMap().read(readRequest(Function::ReadDiscreteInputs, 0, 2, buffer), values()),
            ExceptionCode::IllegalDataAddress);
}

TEST(Serving, SetpointWrittenWithASingleRegisterReachesTheWriterDecoded) {
  RecordingWriter writer;
  EXPECT_EQ(testMap().write(writeRequest(Function::WriteSingleRegister, 0x11, {125}), writer), ExceptionCode::None);
  EXPECT_THAT(writer.written, ElementsAre(Pair(Setpoint, 12.5)));
}

TEST(Serving, MultipleRegistersWriteEveryFieldInAddressOrder) {
  RecordingWriter writer;
  EXPECT_EQ(testMap().write(writeRequest(Function::WriteMultipleRegisters, 0x10, {1, 160, 0, 0x0001, 0x1170}), writer),
            ExceptionCode::None);
  EXPECT_THAT(writer.written,
              ElementsAre(Pair(StartWait, 1.0), Pair(Setpoint, 16.0), Pair(Domestic, 0.0), Pair(Session, 70000.0)));
}

TEST(Serving, ReadOnlyPartialAndUnmappedWritesAreIllegalDataAddresses) {
  RecordingWriter writer;
  const auto write = [&](Function function, std::uint16_t address, std::vector<std::uint16_t> data) {
    return testMap().write(writeRequest(function, address, data), writer);
  };
  EXPECT_EQ(write(Function::WriteSingleRegister, 0x00, {1}), ExceptionCode::IllegalDataAddress);        // read-only
  EXPECT_EQ(write(Function::WriteMultipleRegisters, 0x0F, {0, 1}), ExceptionCode::IllegalDataAddress);  // hole
  EXPECT_EQ(write(Function::WriteSingleRegister, 0x13, {1}), ExceptionCode::IllegalDataAddress);        // half a u32
  EXPECT_EQ(write(Function::WriteMultipleRegisters, 0x12, {1, 0}),
            ExceptionCode::IllegalDataAddress);  // ends inside it
  // A read-only field anywhere in a multiple write refuses the whole request, before any field.
  EXPECT_EQ(write(Function::WriteMultipleRegisters, 0x00, {1, 2}), ExceptionCode::IllegalDataAddress);
  EXPECT_TRUE(writer.written.empty());
}

TEST(Serving, TheWritersRefusalIsAnsweredAndStopsTheWrite) {
  RecordingWriter writer;
  writer.refuseIndex = Setpoint;
  EXPECT_EQ(testMap().write(writeRequest(Function::WriteMultipleRegisters, 0x10, {1, 999, 1}), writer),
            ExceptionCode::IllegalDataValue);
  EXPECT_THAT(writer.written, ElementsAre(Pair(StartWait, 1.0)));  // the fields before it stay written
}

TEST(Serving, CoilsAreWrittenOneOrManyWithValuesZeroOrOne) {
  RecordingWriter writer;
  EXPECT_EQ(testMap().write(writeRequest(Function::WriteSingleCoil, 1, {1}), writer), ExceptionCode::None);
  EXPECT_EQ(testMap().write(writeRequest(Function::WriteMultipleCoils, 0, {0, 1}), writer), ExceptionCode::None);
  EXPECT_THAT(writer.written, ElementsAre(Pair(Output1, 1.0), Pair(EvPlug, 0.0), Pair(Output1, 1.0)));
  EXPECT_EQ(testMap().write(writeRequest(Function::WriteSingleCoil, 0, {0xFF00}), writer),
            ExceptionCode::IllegalDataValue);
  EXPECT_EQ(testMap().write(writeRequest(Function::WriteMultipleCoils, 0, {1, 1, 1}), writer),
            ExceptionCode::IllegalDataAddress);
  EXPECT_EQ(writer.written.size(), 3u);
}

TEST(Serving, ShortBuffersAreRefusedNotOverrun) {
  std::vector<std::uint16_t> buffer(1);
  ews::link::Request request;
  request.function = Function::ReadHoldingRegisters;
  request.address = 0;
  request.count = 2;
  request.readBuffer = buffer;
  EXPECT_EQ(testMap().read(request, values()), ExceptionCode::IllegalDataValue);
}

TEST(Serving, FindLooksNamesUp) {
  EXPECT_EQ(testMap().find("station.setpointA"), std::optional<std::size_t>(Setpoint));
  EXPECT_EQ(testMap().find("input.1"), std::optional<std::size_t>(Input1));
  EXPECT_FALSE(testMap().find("input.2"));
  EXPECT_FALSE(testMap().find(""));
}

TEST(Serving, IsMappedAnswersPerSpace) {
  EXPECT_TRUE(testMap().isMapped(AddressSpace::HoldingRegisters, 0, 8));
  EXPECT_FALSE(testMap().isMapped(AddressSpace::HoldingRegisters, 0, 9));
  EXPECT_TRUE(testMap().isMapped(AddressSpace::HoldingRegisters, 0x10, 5));
  EXPECT_FALSE(testMap().isMapped(AddressSpace::InputRegisters, 0, 1));
  EXPECT_FALSE(testMap().isMapped(AddressSpace::Coils, 0, 0));
  EXPECT_TRUE(testMap().hasSpace(AddressSpace::DiscreteInputs));
  EXPECT_FALSE(testMap().hasSpace(AddressSpace::InputRegisters));
}

TEST(Serving, MapsBuiltFromCodeRefuseOverlaps) {
  Field a;
  a.name = "frequency";
  a.type = Type::U32;
  Field b = a;
  b.name = "voltage.L1N";
  b.address = 1;
  EXPECT_THROW(RegisterMap(ProfileInfo{}, {a, b}), std::invalid_argument);
  b.address = 2;
  EXPECT_NO_THROW(RegisterMap(ProfileInfo{}, {a, b}));
  Field bit = a;
  bit.type = Type::Bit;  // a bit in the holding registers
  EXPECT_THROW(RegisterMap(ProfileInfo{}, {bit}), std::invalid_argument);
  Field last = a;
  last.address = 0xFFFF;  // a u32 running past 0xFFFF
  EXPECT_THROW(RegisterMap(ProfileInfo{}, {last}), std::invalid_argument);
}

}  // namespace
