// Injected faults as the Link caller sees them: each kind, only inside its window, scoped to
// one unit or the whole line, with probabilities drawn deterministically from the seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "ews/simlink/fault_window.hpp"
#include "ews/simlink/sim_link.hpp"
#include "register_device.hpp"
#include "simlink_test_support.hpp"

namespace ews::simlink::test {
namespace {

using link::ExceptionCode;
using link::Status;

constexpr std::int64_t kPoll2 = pollMicros(2, 19200, 5'000);
constexpr std::int64_t kTimedOut = frameMicros(8, 19200) + 300'000;  // request frame + timeout
constexpr Time kFrom = kT0 + seconds(10);
constexpr Time kTo = kT0 + seconds(20);
constexpr Time kInside = kFrom + seconds(5);

FaultWindow window(FaultKind kind, std::optional<std::uint8_t> unitId, double probability = 1.0) {
  return {.kind = kind, .unitId = unitId, .from = kFrom, .to = kTo, .probability = probability};
}

class FaultTest : public ::testing::Test {
 protected:
  ManualClock clock;
  std::unique_ptr<SimLink> link = makeLink(clock);
  RegisterDevice meter{milliseconds(5)};
  RegisterDevice station{milliseconds(5)};
  void SetUp() override {
    link->attach(1, meter);
    link->attach(2, station);
  }
  /// Polls `unit` at `t` on an idle line.
  link::Result pollAt(Time t, std::uint8_t unit) {
    clock.now = std::max(t, link->lineFreeAt());
    ReadRegisters read(unit);
    return link->transact(read.request);
  }
  /// Statuses of `unit` polled just before the window and at its first instant...
  std::vector<Status> atWindowStart(std::uint8_t unit) {
    return {pollAt(kFrom - microseconds(1), unit).status, pollAt(kFrom, unit).status};
  }
  /// ...and near its end and at its first instant after (the window is [from, to)).
  std::vector<Status> atWindowEnd(std::uint8_t unit) {
    return {pollAt(kTo - milliseconds(400), unit).status, pollAt(kTo, unit).status};
  }
};

std::vector<Status> enters(Status inside) { return {Status::Ok, inside}; }
std::vector<Status> leaves(Status inside) { return {inside, Status::Ok}; }

TEST_F(FaultTest, TimeoutFaultLosesTheRequest) {
  link->addFault(window(FaultKind::Timeout, 1));
  EXPECT_EQ(atWindowStart(1), enters(Status::Timeout));
  const std::size_t served = meter.serveTimes.size();
  const link::Result result = pollAt(kInside, 1);
  EXPECT_EQ(result.status, Status::Timeout);
  EXPECT_EQ(result.duration.count(), kTimedOut);
  EXPECT_EQ(meter.serveTimes.size(), served);  // the device never saw the request
  EXPECT_EQ(link->lineFreeAt(), kInside + microseconds(kTimedOut));
  EXPECT_EQ(atWindowEnd(1), leaves(Status::Timeout));
}

TEST_F(FaultTest, CrcErrorArrivesAfterTheFullAnswer) {
  link->addFault(window(FaultKind::CrcError, 1));
  EXPECT_EQ(atWindowStart(1), enters(Status::CrcError));
  const std::size_t served = meter.serveTimes.size();
  const link::Result result = pollAt(kInside, 1);
  EXPECT_EQ(result.status, Status::CrcError);
  EXPECT_EQ(result.duration.count(), kPoll2);
  EXPECT_EQ(meter.serveTimes.size(), served + 1);  // the device answered; its answer was corrupted
  EXPECT_EQ(atWindowEnd(1), leaves(Status::CrcError));
}

TEST_F(FaultTest, ExceptionFaultAnswersTheConfiguredCode) {
  FaultWindow busy = window(FaultKind::Exception, 1);
  busy.exception = ExceptionCode::ServerDeviceBusy;
  link->addFault(busy);
  EXPECT_EQ(atWindowStart(1), enters(Status::Exception));
  const std::size_t served = meter.serveTimes.size();
  const link::Result result = pollAt(kInside, 1);
  EXPECT_EQ(result.status, Status::Exception);
  EXPECT_EQ(result.exception, ExceptionCode::ServerDeviceBusy);
  EXPECT_EQ(result.duration.count(), frameMicros(8, 19200) + 2 * silenceMicros(19200) + 5'000 + frameMicros(5, 19200));
  EXPECT_EQ(meter.serveTimes.size(), served);  // answered in the device's place
  EXPECT_EQ(atWindowEnd(1), leaves(Status::Exception));
}

TEST_F(FaultTest, DeviceOfflineWindowTimesOutOnlyThatDevice) {
  link->addFault(window(FaultKind::DeviceOffline, 1));
  EXPECT_EQ(atWindowStart(1), enters(Status::Timeout));
  EXPECT_EQ(pollAt(kInside, 1).duration.count(), kTimedOut);
  EXPECT_EQ(pollAt(kInside + seconds(1), 2).status, Status::Ok);  // unit-scoped
  EXPECT_EQ(atWindowEnd(1), leaves(Status::Timeout));
}

TEST_F(FaultTest, LineWideWindowHitsEveryUnit) {
  link->addFault(window(FaultKind::DeviceOffline, std::nullopt));
  EXPECT_EQ(atWindowStart(2), enters(Status::Timeout));
  EXPECT_EQ(pollAt(kInside, 1).status, Status::Timeout);
  EXPECT_EQ(pollAt(kInside + seconds(1), 2).status, Status::Timeout);
  EXPECT_EQ(atWindowEnd(2), leaves(Status::Timeout));
}

TEST_F(FaultTest, GatewayDownDisconnectsWithoutTakingTheLine) {
  link->addFault(window(FaultKind::GatewayDown, std::nullopt));
  EXPECT_EQ(atWindowStart(1), enters(Status::Disconnected));
  const Time lineFree = link->lineFreeAt();
  const link::Result result = pollAt(kInside, 2);
  EXPECT_EQ(result.status, Status::Disconnected);
  EXPECT_EQ(result.duration, milliseconds(300));  // the caller's timeout
  EXPECT_EQ(link->lineFreeAt(), lineFree);  // nothing reached the line
  EXPECT_TRUE(station.serveTimes.empty());
  EXPECT_EQ(atWindowEnd(1), leaves(Status::Disconnected));
  EXPECT_EQ(link->stats().count(Status::Disconnected), 3u);
}

TEST_F(FaultTest, EarliestFailureWins) {
  link->addFault(window(FaultKind::Exception, 1));
  link->addFault(window(FaultKind::CrcError, 1));
  EXPECT_EQ(pollAt(kFrom, 1).status, Status::CrcError);
  link->addFault(window(FaultKind::Timeout, 1));
  EXPECT_EQ(pollAt(kFrom + seconds(1), 1).status, Status::Timeout);
}

TEST_F(FaultTest, WindowsAreJudgedWhenTheTransactionTakesTheLine) {
  link->addFault(window(FaultKind::Timeout, 2));
  // Asked before the window, but queued behind a poll that ends inside it.
  clock.now = kFrom - microseconds(10);
  ReadRegisters first(1);
  ReadRegisters second(2);
  EXPECT_EQ(link->transact(first.request).status, Status::Ok);
  EXPECT_EQ(link->transact(second.request).status, Status::Timeout);
}

TEST_F(FaultTest, InvalidWindowsAreRefused) {
  FaultWindow empty = window(FaultKind::Timeout, 1);
  empty.to = empty.from;
  EXPECT_THROW(link->addFault(empty), std::invalid_argument);
  EXPECT_THROW(link->addFault(window(FaultKind::Timeout, 1, 1.5)), std::invalid_argument);
  EXPECT_THROW(link->addFault(window(FaultKind::DeviceOffline, 1, 0.5)), std::invalid_argument);
  EXPECT_THROW(link->addFault(window(FaultKind::GatewayDown, 1)), std::invalid_argument);
  FaultWindow noCode = window(FaultKind::Exception, 1);
  noCode.exception = ExceptionCode::None;
  EXPECT_EQ(validateFaultWindow(noCode), "exception fault: needs an exception code");
  EXPECT_THROW(link->addFault(noCode), std::invalid_argument);
  EXPECT_TRUE(link->faults().empty());
}

TEST(FaultWindowFrom, MapsAScenarioFault) {
  scenario::FaultSpec spec;
  spec.kind = FaultKind::Exception;
  spec.from = kFrom;
  spec.to = kTo;
  spec.probability = 0.25;
  spec.exceptionCode = 11;
  const FaultWindow mapped = faultWindowFrom(spec, std::uint8_t{5});
  EXPECT_EQ(mapped.unitId, std::uint8_t{5});
  EXPECT_EQ(mapped.exception, ExceptionCode::GatewayTargetFailedToRespond);
  EXPECT_EQ(mapped.probability, 0.25);
  EXPECT_EQ(validateFaultWindow(mapped), "");
  spec.kind = FaultKind::GatewayDown;
  spec.probability = 1.0;
  EXPECT_EQ(validateFaultWindow(faultWindowFrom(spec, std::nullopt)), "");
}

// ---- Probabilities and determinism ---------------------------------------------------------

/// Statuses of `count` back-to-back polls of `unit` from kFrom (all inside a long window).
std::vector<Status> pollMany(SimLink& link, ManualClock& clock, std::uint8_t unit, int count) {
  std::vector<Status> statuses;
  statuses.reserve(static_cast<std::size_t>(count));
  ReadRegisters read(unit);
  for (int i = 0; i < count; ++i) {
    clock.now = std::max(clock.now, link.lineFreeAt());
    statuses.push_back(link.transact(read.request).status);
  }
  return statuses;
}

FaultWindow longWindow(FaultKind kind, std::optional<std::uint8_t> unitId, double probability) {
  return {.kind = kind, .unitId = unitId, .from = kT0, .to = kT0 + days(365), .probability = probability};
}

struct TwoDevices {
  ManualClock clock;
  std::unique_ptr<SimLink> link;
  RegisterDevice meter{milliseconds(5)};
  RegisterDevice station{milliseconds(5)};
  explicit TwoDevices(std::uint64_t seed) : link(makeLink(clock, {}, seed)) {
    link->attach(1, meter);
    link->attach(2, station);
  }
};

TEST(FaultProbability, MatchesItsRateOver20000Transactions) {
  TwoDevices setup(42);
  setup.link->addFault(longWindow(FaultKind::Timeout, 1, 0.3));
  const auto statuses = pollMany(*setup.link, setup.clock, 1, 20'000);
  const auto timeouts = std::count(statuses.begin(), statuses.end(), Status::Timeout);
  EXPECT_NEAR(static_cast<double>(timeouts) / 20'000.0, 0.3, 0.02);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), Status::Ok), 20'000 - timeouts);
}

TEST(FaultProbability, ZeroNeverFiresAndOneAlwaysDoes) {
  TwoDevices setup(42);
  setup.link->addFault(longWindow(FaultKind::CrcError, 1, 0.0));
  setup.link->addFault(longWindow(FaultKind::Exception, 2, 1.0));
  const auto meter = pollMany(*setup.link, setup.clock, 1, 100);
  const auto station = pollMany(*setup.link, setup.clock, 2, 100);
  EXPECT_EQ(std::count(meter.begin(), meter.end(), Status::Ok), 100);
  EXPECT_EQ(std::count(station.begin(), station.end(), Status::Exception), 100);
}

TEST(FaultDeterminism, SameSeedSameOutcomesOtherSeedOthers) {
  const auto run = [](std::uint64_t seed) {
    TwoDevices setup(seed);
    setup.link->addFault(longWindow(FaultKind::CrcError, 1, 0.5));
    return pollMany(*setup.link, setup.clock, 1, 500);
  };
  EXPECT_EQ(run(7), run(7));
  EXPECT_NE(run(7), run(8));
}

TEST(FaultDeterminism, OtherUnitsWindowsAndTrafficDoNotShiftAUnitsDraws) {
  const auto meterStatuses = [](bool busyNeighbour) {
    TwoDevices setup(7);
    setup.link->addFault(longWindow(FaultKind::Timeout, 1, 0.4));
    if (busyNeighbour) {
      // An uncertain window on the station, a certain one line-wide, and interleaved traffic.
      setup.link->addFault(longWindow(FaultKind::CrcError, 2, 0.5));
      setup.link->addFault(longWindow(FaultKind::Exception, std::nullopt, 0.0));
    }
    std::vector<Status> statuses;
    ReadRegisters meter(1);
    ReadRegisters station(2);
    for (int i = 0; i < 300; ++i) {
      setup.clock.now = std::max(setup.clock.now, setup.link->lineFreeAt());
      statuses.push_back(setup.link->transact(meter.request).status);
      if (busyNeighbour) setup.link->transact(station.request);
    }
    return statuses;
  };
  EXPECT_EQ(meterStatuses(false), meterStatuses(true));
}

TEST(FaultDeterminism, ADrawIsMadeForEveryUncertainWindowWhateverTheOutcome) {
  // Two links with the same seed and the same uncertain CRC window; the second also has a
  // certain timeout over the first 30 s. Transaction k draws the k-th number on both links
  // (even while the timeout decides the outcome), so once the timeout window is over both
  // links corrupt the same transaction numbers — although their timing differs.
  TwoDevices plain(3);
  TwoDevices shadowed(3);
  plain.link->addFault(longWindow(FaultKind::CrcError, 1, 0.5));
  shadowed.link->addFault(longWindow(FaultKind::CrcError, 1, 0.5));
  shadowed.link->addFault({.kind = FaultKind::Timeout, .unitId = 1, .from = kT0, .to = kT0 + seconds(30)});
  const auto plainStatuses = pollMany(*plain.link, plain.clock, 1, 400);
  const auto shadowedStatuses = pollMany(*shadowed.link, shadowed.clock, 1, 400);

  const auto firstAfter = static_cast<std::size_t>(
      std::find_if(shadowedStatuses.begin(), shadowedStatuses.end(), [](Status s) { return s != Status::Timeout; }) -
      shadowedStatuses.begin());
  ASSERT_GT(firstAfter, 50u);  // about 30 s / 305 ms
  ASSERT_LT(firstAfter, 150u);
  const std::vector<Status> plainTail(plainStatuses.begin() + static_cast<std::ptrdiff_t>(firstAfter), plainStatuses.end());
  const std::vector<Status> shadowedTail(shadowedStatuses.begin() + static_cast<std::ptrdiff_t>(firstAfter),
                                         shadowedStatuses.end());
  EXPECT_EQ(plainTail, shadowedTail);
  EXPECT_GT(std::count(plainTail.begin(), plainTail.end(), Status::CrcError), 100);
}

}  // namespace
}  // namespace ews::simlink::test
