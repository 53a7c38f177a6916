// encode/decode: word layouts, round trips for every type and word order, rounding and
// saturation, float32 specials.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "ews/profiles/field.hpp"

namespace {

using namespace ews::profiles;
using Words = std::array<std::uint16_t, kMaxFieldWords>;

Field fieldOf(Type type, WordOrder order = WordOrder::Big, double scale = 1.0) {
  Field field;
  field.name = "test";
  field.type = type;
  field.wordOrder = order;
  field.scale = scale;
  field.readFunction = type == Type::Bit ? ews::link::Function::ReadCoils : ews::link::Function::ReadHoldingRegisters;
  return field;
}

Words encoded(const Field& field, double value) {
  Words words{};
  encode(field, value, words);
  return words;
}

double roundTrip(const Field& field, double value) { return decode(field, encoded(field, value)); }

constexpr double kTwo53 = 9007199254740992.0;

TEST(Codec, WordsPerType) {
  EXPECT_EQ(wordsOf(Type::Bit), 1);
  EXPECT_EQ(wordsOf(Type::U16), 1);
  EXPECT_EQ(wordsOf(Type::S16), 1);
  EXPECT_EQ(wordsOf(Type::U32), 2);
  EXPECT_EQ(wordsOf(Type::S32), 2);
  EXPECT_EQ(wordsOf(Type::Float32), 2);
  EXPECT_EQ(wordsOf(Type::U48), 3);
  EXPECT_EQ(wordsOf(Type::U64), 4);
}

TEST(Codec, BigWordOrderPutsTheHighWordFirst) {
  EXPECT_EQ(encoded(fieldOf(Type::U32), 0x12345678), (Words{0x1234, 0x5678, 0, 0}));
  EXPECT_EQ(encoded(fieldOf(Type::U48), 0x123456789ABC), (Words{0x1234, 0x5678, 0x9ABC, 0}));
  EXPECT_EQ(encoded(fieldOf(Type::U64), static_cast<double>(0x0001000200030004ull)), (Words{1, 2, 3, 4}));
  EXPECT_EQ(encoded(fieldOf(Type::S32), -2), (Words{0xFFFF, 0xFFFE, 0, 0}));
  EXPECT_EQ(encoded(fieldOf(Type::Float32), 1.0), (Words{0x3F80, 0x0000, 0, 0}));
}

TEST(Codec, LittleWordOrderPutsTheLowWordFirst) {
  EXPECT_EQ(encoded(fieldOf(Type::U32, WordOrder::Little), 0x12345678), (Words{0x5678, 0x1234, 0, 0}));
  EXPECT_EQ(encoded(fieldOf(Type::U48, WordOrder::Little), 0x123456789ABC), (Words{0x9ABC, 0x5678, 0x1234, 0}));
  EXPECT_EQ(encoded(fieldOf(Type::U64, WordOrder::Little), static_cast<double>(0x0001000200030004ull)),
            (Words{4, 3, 2, 1}));
  EXPECT_EQ(encoded(fieldOf(Type::S32, WordOrder::Little), -2), (Words{0xFFFE, 0xFFFF, 0, 0}));
  EXPECT_EQ(encoded(fieldOf(Type::Float32, WordOrder::Little), 1.0), (Words{0x0000, 0x3F80, 0, 0}));
}

TEST(Codec, OneWordTypesIgnoreTheWordOrder) {
  for (const Type type : {Type::U16, Type::S16, Type::Bit}) {
    EXPECT_EQ(encoded(fieldOf(type, WordOrder::Big), 1), encoded(fieldOf(type, WordOrder::Little), 1));
  }
  EXPECT_EQ(encoded(fieldOf(Type::S16), -1), (Words{0xFFFF, 0, 0, 0}));
  EXPECT_EQ(encoded(fieldOf(Type::S16), -32768), (Words{0x8000, 0, 0, 0}));
}

/// Values each type carries exactly, extremes included.
std::vector<double> exactValuesOf(Type type) {
  switch (type) {
    case Type::Bit:
      return {0, 1};
    case Type::U16:
      return {0, 1, 230, 32768, 65535};
    case Type::S16:
      return {0, 1, -1, -230, 32767, -32768};
    case Type::U32:
      return {0, 1, 65536, 123456789, 4294967295.0};
    case Type::S32:
      return {0, -1, -65536, 2147483647.0, -2147483648.0, -123456789};
    case Type::U48:
      return {0, 1, 4294967296.0, 281474976710655.0};
    case Type::U64:
      return {0, 1, 281474976710656.0, kTwo53, kTwo53 + 2, 9223372036854775808.0, 18446744073709549568.0};
    case Type::Float32:
      return {0.0,
              1.5,
              -2.25,
              3.1415927410125732,
              static_cast<double>(std::numeric_limits<float>::max()),
              static_cast<double>(std::numeric_limits<float>::lowest()),
              static_cast<double>(std::numeric_limits<float>::denorm_min()),
              16777216.0};
  }
  return {};
}

TEST(Codec, RoundTripIsExactForEveryTypeAndWordOrder) {
  for (const Type type : kAllTypes) {
    for (const WordOrder order : kAllWordOrders) {
      const Field field = fieldOf(type, order);
      for (const double value : exactValuesOf(type)) {
        EXPECT_EQ(roundTrip(field, value), value) << typeName(type) << " " << wordOrderName(order) << " " << value;
      }
    }
  }
}

TEST(Codec, DecimalScalesRoundTripToTheDecimalAUserWrites) {
  // 2301 x 0.1 is 230.10000000000002 in binary arithmetic; the codec divides by 10 instead.
  const Field volts = fieldOf(Type::U16, WordOrder::Big, 0.1);
  EXPECT_EQ(decode(volts, Words{2301, 0, 0, 0}), 230.1);
  for (const double scale : {0.1, 0.01, 0.001}) {
    for (const Type type : {Type::U16, Type::S16, Type::U32, Type::S32, Type::U48, Type::U64}) {
      for (const WordOrder order : kAllWordOrders) {
        const Field field = fieldOf(type, order, scale);
        const double unitsPerStep = std::round(1.0 / scale);
        for (int raw = 0; raw <= 20000; raw += 7) {
          const double sign = (type == Type::S16 || type == Type::S32) && raw % 2 == 1 ? -1.0 : 1.0;
          const double value = sign * raw / unitsPerStep;  // the double nearest the decimal
          ASSERT_EQ(roundTrip(field, value), value) << typeName(type) << " scale " << scale << " raw " << raw;
        }
      }
    }
  }
}

TEST(Codec, ScalesAboveOneMultiply) {
  const Field tenWh = fieldOf(Type::U32, WordOrder::Big, 10.0);
  EXPECT_EQ(encoded(tenWh, 123450.0), (Words{0x0000, 12345, 0, 0}));
  EXPECT_EQ(decode(tenWh, Words{0x0001, 0x0000, 0, 0}), 655360.0);
  EXPECT_EQ(encoded(tenWh, 123454.0), (Words{0x0000, 12345, 0, 0}));  // rounds to the nearest 10 Wh
  EXPECT_EQ(encoded(tenWh, 123455.0), (Words{0x0000, 12346, 0, 0}));
}

TEST(Codec, RoundsToTheNearestRawIntegerHalvesAwayFromZero) {
  EXPECT_EQ(encoded(fieldOf(Type::U16), 2.4)[0], 2);
  EXPECT_EQ(encoded(fieldOf(Type::U16), 2.5)[0], 3);
  EXPECT_EQ(encoded(fieldOf(Type::S16), -2.5)[0], static_cast<std::uint16_t>(-3));
  EXPECT_EQ(encoded(fieldOf(Type::U16, WordOrder::Big, 0.1), 230.04)[0], 2300);
  EXPECT_EQ(encoded(fieldOf(Type::U16, WordOrder::Big, 0.1), 230.06)[0], 2301);
}

TEST(Codec, RoundingEqualsStdRoundAtEveryMagnitudeAndAroundEveryHalf) {
  // The encoder rounds with one addition of the largest double below 0.5: check it against
  // std::round on halves, their neighbours and integers from 2^-3 to 2^47 (u64 and s32).
  const Field u64 = fieldOf(Type::U64);
  const Field s32 = fieldOf(Type::S32);
  for (int exponent = -3; exponent <= 47; ++exponent) {
    for (const double k : {0.5, 1.0, 1.5, 2.5, 3.0}) {
      const double x = std::ldexp(k, exponent);
      for (const double v : {x, std::nextafter(x, 0.0), std::nextafter(x, 1e300)}) {
        EXPECT_EQ(roundTrip(u64, v), std::round(v)) << v;
        if (v < 2147483647.0) EXPECT_EQ(roundTrip(s32, -v), std::round(-v)) << -v;
      }
    }
  }
}

TEST(Codec, IntegerTypesSaturateAtTheirRange) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(roundTrip(fieldOf(Type::U16), 70000), 65535);
  EXPECT_EQ(roundTrip(fieldOf(Type::U16), -5), 0);
  EXPECT_EQ(roundTrip(fieldOf(Type::S16), 40000), 32767);
  EXPECT_EQ(roundTrip(fieldOf(Type::S16), -40000), -32768);
  EXPECT_EQ(roundTrip(fieldOf(Type::U32), 1e12), 4294967295.0);
  EXPECT_EQ(roundTrip(fieldOf(Type::S32), -1e12), -2147483648.0);
  EXPECT_EQ(roundTrip(fieldOf(Type::S32, WordOrder::Little), inf), 2147483647.0);
  EXPECT_EQ(roundTrip(fieldOf(Type::U48), 1e20), 281474976710655.0);
  EXPECT_EQ(encoded(fieldOf(Type::U64), 1e30), (Words{0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF}));
  EXPECT_EQ(encoded(fieldOf(Type::U64), -inf), (Words{0, 0, 0, 0}));
  // The scale applies before saturating: 7000 V in 0.1 V steps does not fit a u16.
  EXPECT_EQ(roundTrip(fieldOf(Type::U16, WordOrder::Big, 0.1), 7000.0), 6553.5);
}

TEST(Codec, NanEncodesAsZeroInIntegerTypes) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const Type type : kAllTypes) {
    if (type == Type::Float32) continue;
    EXPECT_EQ(encoded(fieldOf(type), nan), (Words{0, 0, 0, 0})) << typeName(type);
  }
}

TEST(Codec, BitsAreOneBitUnsignedIntegers) {
  const Field bit = fieldOf(Type::Bit);
  EXPECT_EQ(encoded(bit, 0.0)[0], 0);
  EXPECT_EQ(encoded(bit, 0.4)[0], 0);
  EXPECT_EQ(encoded(bit, 0.6)[0], 1);
  EXPECT_EQ(encoded(bit, 7.0)[0], 1);
  EXPECT_EQ(encoded(bit, -3.0)[0], 0);
  EXPECT_EQ(decode(bit, Words{0xFF00, 0, 0, 0}), 1.0);  // any non-zero word reads as set
}

TEST(Codec, Float32KeepsSpecialsAndSaturatesFiniteOverflow) {
  for (const WordOrder order : kAllWordOrders) {
    const Field field = fieldOf(Type::Float32, order);
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_EQ(roundTrip(field, inf), inf);
    EXPECT_EQ(roundTrip(field, -inf), -inf);
    EXPECT_TRUE(std::isnan(roundTrip(field, std::numeric_limits<double>::quiet_NaN())));
    const double negativeZero = roundTrip(field, -0.0);
    EXPECT_EQ(negativeZero, 0.0);
    EXPECT_TRUE(std::signbit(negativeZero));
    EXPECT_EQ(roundTrip(field, 1e39), static_cast<double>(std::numeric_limits<float>::max()));
    EXPECT_EQ(roundTrip(field, -1e39), static_cast<double>(std::numeric_limits<float>::lowest()));
    // Not representable: rounds to the nearest float.
    EXPECT_EQ(roundTrip(field, 0.1), static_cast<double>(0.1f));
  }
}

TEST(Codec, DecodeReadsOnlyItsOwnWords) {
  // A u16 decodes words[0] alone, whatever follows it in a block.
  const std::array<std::uint16_t, 3> block{42, 0xFFFF, 0xFFFF};
  EXPECT_EQ(decode(fieldOf(Type::U16), block), 42.0);
}

}  // namespace

namespace {

// The codec rounds and scales without calling std::round or dividing by the scale on its hot
// path; this pins it to the reference rule: raw = value / scale (or x 1/scale for decimals),
// rounded half away from zero, for values around every rounding edge and at large magnitudes.
double referenceRaw(double value, double scale) {
  double raw = value / scale;
  if (scale < 1.0 && scale > 0.0) {
    const double inverse = 1.0 / scale;
    const double integral = std::round(inverse);
    if (std::abs(inverse - integral) <= 1e-9 * integral) raw = value * integral;
  }
  return std::round(raw);
}

}  // namespace

TEST(Codec, FastRoundingMatchesStdRoundForEveryScale) {
  const std::vector<double> scales = {1.0, 0.1, 0.01, 0.001, 0.0001, 0.00001, 0.5, 0.25, 2.0, 10.0, 0.3};
  std::vector<double> values;
  for (int i = -2000; i <= 2000; ++i) values.push_back(i * 0.25);
  for (const double big : {1e6, 123456.5, 2147483.5, 4503599627370495.5, 4503599627370496.0, 9e15}) {
    values.push_back(big);
    values.push_back(std::nextafter(big, 0.0));
    values.push_back(std::nextafter(big, 1e300));
  }
  for (const double scale : scales) {
    const Field u64 = fieldOf(Type::U64, WordOrder::Big, scale);
    const Field s32 = fieldOf(Type::S32, WordOrder::Big, scale);
    for (const double value : values) {
      const double expected = referenceRaw(value, scale);
      if (expected >= 0.0 && expected < 9.0e15) {
        const Words words = encoded(u64, value);
        const std::uint64_t raw = (std::uint64_t{words[0]} << 48) | (std::uint64_t{words[1]} << 32) |
                                  (std::uint64_t{words[2]} << 16) | words[3];
        EXPECT_EQ(static_cast<double>(raw), expected) << "u64 value " << value << " scale " << scale;
      }
      if (std::abs(expected) < 2147483647.0) {
        const Words words = encoded(s32, value);
        const auto raw = static_cast<std::int32_t>((std::uint32_t{words[0]} << 16) | words[1]);
        EXPECT_EQ(static_cast<double>(raw), expected) << "s32 value " << value << " scale " << scale;
      }
    }
  }
}
