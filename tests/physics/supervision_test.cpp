#include <gtest/gtest.h>

#include "ews/physics/digital_inputs.hpp"
#include "ews/physics/supervision_output.hpp"
#include "physics_test_support.hpp"

namespace ews::physics {
namespace {

using testing::at;
using testing::kStart;

TEST(SupervisionOutput, ImpulsiveReturnsToRestAfterTheOnTime) {
  SupervisionOutput output({NormalState::NormallyOpen, CommandMode::Impulsive, seconds(5)});
  EXPECT_FALSE(output.contactClosedAt(kStart));
  output.commandOn(at(seconds(10)));
  EXPECT_TRUE(output.contactClosedAt(at(seconds(10))));
  EXPECT_TRUE(output.contactClosedAt(at(seconds(15)) - microseconds(1)));
  EXPECT_FALSE(output.contactClosedAt(at(seconds(15))));
  EXPECT_FALSE(output.contactClosedAt(at(hours(1))));
  EXPECT_EQ(output.nextChangeAfter(at(seconds(11))), at(seconds(15)));
  EXPECT_EQ(output.nextChangeAfter(at(seconds(15))), kNever);
}

TEST(SupervisionOutput, BlinkingTogglesEveryOnTimeUntilOff) {
  SupervisionOutput output({NormalState::NormallyOpen, CommandMode::Blinking, seconds(2)});
  output.commandOn(kStart);
  const bool expected[] = {true, true, false, false, true, true, false, false};
  for (int s = 0; s < 8; ++s) EXPECT_EQ(output.contactClosedAt(at(seconds(s))), expected[s]) << "at " << s << " s";
  EXPECT_EQ(output.nextChangeAfter(at(seconds(3))), at(seconds(4)));
  output.commandOff(at(seconds(9)));
  EXPECT_FALSE(output.contactClosedAt(at(seconds(10))));
  EXPECT_EQ(output.nextChangeAfter(at(seconds(10))), kNever);
}

TEST(SupervisionOutput, OnTimeZeroIsMaintained) {
  for (const CommandMode mode : {CommandMode::Impulsive, CommandMode::Blinking}) {
    SupervisionOutput output({NormalState::NormallyOpen, mode, Duration::zero()});
    output.commandOn(kStart);
    EXPECT_TRUE(output.contactClosedAt(at(days(3))));
    EXPECT_EQ(output.nextChangeAfter(at(days(3))), kNever);
    output.commandOff(at(days(3)));
    EXPECT_FALSE(output.contactClosedAt(at(days(3))));
  }
}

TEST(SupervisionOutput, NormallyClosedInvertsTheContact) {
  SupervisionOutput output({NormalState::NormallyClosed, CommandMode::Impulsive, seconds(1)});
  EXPECT_TRUE(output.contactClosedAt(kStart));  // at rest an NC contact is closed
  output.commandOn(kStart);
  EXPECT_TRUE(output.energisedAt(kStart));
  EXPECT_FALSE(output.contactClosedAt(kStart));
  EXPECT_TRUE(output.contactClosedAt(at(seconds(1))));
}

TEST(SupervisionOutput, ReconfiguringEndsTheCommandAndNegativeOnTimeIsRefused) {
  SupervisionOutput output({NormalState::NormallyOpen, CommandMode::Blinking, seconds(1)});
  output.commandOn(kStart);
  output.configure(at(seconds(1)), {NormalState::NormallyOpen, CommandMode::Impulsive, seconds(10)});
  EXPECT_FALSE(output.energisedAt(at(seconds(2))));
  EXPECT_THROW(SupervisionOutput({NormalState::NormallyOpen, CommandMode::Impulsive, seconds(-1)}),
               std::invalid_argument);
}

TEST(DigitalInput, StatesAtInstantsAndNextChange) {
  DigitalInput input(false);
  input.set(at(minutes(10)), true);
  input.set(at(minutes(5)), false);  // no change, any order
  input.set(at(minutes(20)), false);
  input.set(at(minutes(30)), true);
  EXPECT_FALSE(input.stateAt(kStart));
  EXPECT_TRUE(input.stateAt(at(minutes(10))));
  EXPECT_FALSE(input.stateAt(at(minutes(25))));
  EXPECT_EQ(input.nextChangeAfter(kStart), at(minutes(10)));
  EXPECT_EQ(input.nextChangeAfter(at(minutes(10))), at(minutes(20)));
  EXPECT_EQ(input.nextChangeAfter(at(minutes(30))), kNever);
  EXPECT_EQ(input.risingEdges(kStart, at(hours(1))), 2u);
  input.set(at(minutes(30)), false);  // replaces the change at that instant
  EXPECT_FALSE(input.stateAt(at(minutes(31))));
}

}  // namespace
}  // namespace ews::physics
