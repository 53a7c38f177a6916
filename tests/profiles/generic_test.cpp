// The "Generic Modbus meter" of manual 7.16.1.3: a map from four user fields.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "profiles_test_support.hpp"

namespace {

using namespace ews::profiles;
using namespace ews::profiles::test;
using ews::link::ExceptionCode;
using ews::link::Function;
using ::testing::ElementsAre;

TEST(GenericMeter, OneFieldOfPositiveActiveEnergy) {
  const RegisterMap map = RegisterMap::generic(4, 0x1000, 2, 10.0);
  EXPECT_EQ(map.family(), ews::installation::DeviceFamily::GenericModbus);
  EXPECT_THAT(map.models(), ElementsAre("Generic Modbus meter"));
  ASSERT_EQ(map.fields().size(), 1u);
  const Field& energy = map.field(0);
  EXPECT_EQ(energy.name, "energy.active.import");
  EXPECT_EQ(energy.unit, "Wh");
  EXPECT_EQ(energy.address, 0x1000);
  EXPECT_EQ(energy.readFunction, Function::ReadInputRegisters);
  EXPECT_EQ(energy.type, Type::U32);
  EXPECT_EQ(energy.wordOrder, WordOrder::Big);
  EXPECT_EQ(energy.scale, 10.0);
  EXPECT_EQ(energy.access, Access::Read);
  EXPECT_EQ(map.find("energy.active.import"), std::optional<std::size_t>(0));
}

TEST(GenericMeter, WordsChooseTheUnsignedType) {
  EXPECT_EQ(RegisterMap::generic(3, 0, 1, 1.0).field(0).type, Type::U16);
  EXPECT_EQ(RegisterMap::generic(3, 0, 2, 1.0).field(0).type, Type::U32);
  EXPECT_EQ(RegisterMap::generic(3, 0, 3, 1.0).field(0).type, Type::U48);
  EXPECT_EQ(RegisterMap::generic(3, 0, 4, 1.0).field(0).type, Type::U64);
  EXPECT_EQ(RegisterMap::generic(3, 0xFFFC, 4, 1.0).field(0).end(), 0x10000u);
}

TEST(GenericMeter, ServesAndDecodesTheCounter) {
  const RegisterMap map = RegisterMap::generic(ews::installation::GenericRegisterSpec{3, 0x0010, 2, 0.1});
  const TableValues table({1234.5});
  std::vector<std::uint16_t> buffer;
  EXPECT_EQ(map.read(readRequest(Function::ReadHoldingRegisters, 0x0010, 2, buffer), table), ExceptionCode::None);
  EXPECT_THAT(buffer, ElementsAre(0x0000, 12345));
  EXPECT_EQ(decode(map.field(0), buffer), 1234.5);
  EXPECT_EQ(map.read(readRequest(Function::ReadInputRegisters, 0x0010, 2, buffer), table),
            ExceptionCode::IllegalFunction);
  EXPECT_EQ(map.read(readRequest(Function::ReadHoldingRegisters, 0x0010, 3, buffer), table),
            ExceptionCode::IllegalDataAddress);
}

TEST(GenericMeter, BadFieldsAreNamed) {
  EXPECT_THAT(
      diagnosticsOf([] { (void)RegisterMap::generic(2, 0x10000, 5, 0.0); }),
      ElementsAre("<generic Modbus meter>: generic.functionCode: must be 3 (holding registers) or 4 (input "
                  "registers), got 2",
                  "<generic Modbus meter>: generic.words: must be between 1 and 4, got 5",
                  "<generic Modbus meter>: generic.registerAddress: must be between 0x0000 and 0xFFFF, got 65536",
                  "<generic Modbus meter>: generic.multiplier: must be a finite number greater than 0, got 0"));
  EXPECT_THAT(diagnosticsOf([] { (void)RegisterMap::generic(3, 0xFFFE, 4, 1.0); }),
              ElementsAre("<generic Modbus meter>: generic.registerAddress: register 0xFFFE with 4 words runs past the "
                          "last address 0xFFFF"));
}

}  // namespace
