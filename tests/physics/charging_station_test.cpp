#include "ews/physics/charging_station.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ews/kernel/engine.hpp"
#include "ews/physics/charging_station_model.hpp"
#include "physics_test_support.hpp"

namespace ews::physics {
namespace {

using testing::at;
using testing::kStart;

/// A car arriving at 08:00 and leaving at 18:00 (offsets from kStart).
EvSession car(double maxPowerKW, int phases, double arrivalSocPct = 20.0, double targetSocPct = 100.0) {
  EvSession session;
  session.arrival = at(hours(8));
  session.departure = at(hours(18));
  session.batteryCapacityKWh = 50.0;
  session.arrivalSocPct = arrivalSocPct;
  session.targetSocPct = targetSocPct;
  session.maxChargePowerKW = maxPowerKW;
  session.phases = phases;
  return session;
}

/// Charging settled: 10 min after the arrival.
const Time kCharging = at(hours(8) + minutes(10));

TEST(ChargingStation, CodesAreStable) {
  EXPECT_EQ(static_cast<int>(StationStatus::Available), 0);
  EXPECT_EQ(static_cast<int>(StationStatus::Charging), 1);
  EXPECT_EQ(static_cast<int>(StationStatus::Waiting), 2);
  EXPECT_EQ(static_cast<int>(StationStatus::Error), 3);
  EXPECT_EQ(static_cast<int>(StationStatus::Complete), 4);
  EXPECT_EQ(static_cast<int>(StationError::InternalFault), 7);
  EXPECT_EQ(static_cast<int>(ChargeError::EarthFault), 7);
  EXPECT_EQ(nameOf(StationStatus::Waiting), "waiting");
  EXPECT_EQ(nameOf(ChargeEnd::BatteryFull), "battery-full");
  EXPECT_EQ(StationSettings::singlePhase(Phase::L2).ratedCurrentA, 16.0);
  EXPECT_EQ(StationSettings::threePhase().ratedCurrentA, 32.0);
}

TEST(ChargingStation, EveryStateChangeMovesItsChangeCounter) {
  // A feeder meter keeps the sum of its parts' rates until the counter moves: a change the
  // station does not count would leave the meter showing a stale power.
  ChangeCounter changes;
  ChargingStation station(StationSettings::threePhase(), kStart, &changes);
  std::uint64_t seen = changes.count();
  const auto moved = [&] {
    const bool did = changes.count() != seen;
    seen = changes.count();
    return did;
  };
  station.addSession(car(22.0, 3));
  EXPECT_TRUE(moved()) << "addSession";
  station.advanceTo(kCharging);
  EXPECT_TRUE(moved()) << "advanceTo";
  const double chargingW = station.snapshotAt(kCharging).activePowerW;
  EXPECT_FALSE(moved()) << "a snapshot changes nothing";
  station.setDomesticLoad(kCharging, 2000.0);
  EXPECT_TRUE(moved()) << "setDomesticLoad";
  station.setDomesticPlugEnabled(kCharging, true);
  EXPECT_TRUE(moved()) << "setDomesticPlugEnabled";
  EXPECT_DOUBLE_EQ(station.snapshotAt(kCharging).activePowerW, chargingW + 2000.0) << "at once, no response delay";
  station.setCurrentSetpoint(kCharging, 10.0);
  EXPECT_TRUE(moved()) << "setCurrentSetpoint";
  station.commandWait(kCharging);
  EXPECT_TRUE(moved()) << "commandWait";
  station.commandStart(kCharging);
  EXPECT_TRUE(moved()) << "commandStart";
  station.setEvPlugEnabled(kCharging, true);
  EXPECT_TRUE(moved()) << "setEvPlugEnabled";
  station.raiseStationError(kCharging, StationError::InternalFault);
  EXPECT_TRUE(moved()) << "raiseStationError";
  station.clearStationError(kCharging);
  EXPECT_TRUE(moved()) << "clearStationError";
  station.raiseChargeError(kCharging, ChargeError::EarthFault);
  EXPECT_TRUE(moved()) << "raiseChargeError";
  station.clearChargeError(kCharging);
  EXPECT_TRUE(moved()) << "clearChargeError";
}

TEST(ChargingStation, DrawsTheMinimumOfSetpointRatingEvMaximumAndCurve) {
  struct Case {
    StationSettings station;
    double evMaxKW;
    int evPhases;
    double setpointA;
    double expectedA;
  };
  const Case cases[] = {
      {StationSettings::singlePhase(Phase::L1), 22.0, 3, 40.0, 16.0},       // station rating
      {StationSettings::singlePhase(Phase::L1), 11.0, 3, 40.0, 11000.0 / 690.0},  // EV per-phase limit
      {StationSettings::singlePhase(Phase::L1), 7.4, 1, 10.0, 10.0},        // setpoint
      {StationSettings::threePhase(), 22.0, 3, 40.0, 22000.0 / 690.0},      // EV below 32 A
      {StationSettings::threePhase(), 43.0, 3, 40.0, 32.0},                 // station rating
      {StationSettings::threePhase(), 7.4, 1, 20.0, 20.0},                  // 1-phase car on 3-phase station
  };
  for (const Case& c : cases) {
    ChargingStation station(c.station, kStart);
    station.setCurrentSetpoint(kStart, c.setpointA);
    station.addSession(car(c.evMaxKW, c.evPhases));
    const StationSnapshot snap = station.snapshotAt(kCharging);
    EXPECT_EQ(snap.status, StationStatus::Charging);
    EXPECT_NEAR(snap.currentPerPhaseA, c.expectedA, 1e-9) << c.evMaxKW << " kW car, setpoint " << c.setpointA;
  }
}

TEST(ChargingStation, BatteryCurveIsPartOfTheMinimum) {
  // At 95 % the curve accepts 22 kW x (1 - 0.95) / (1 - 0.8) = 5.5 kW: 7.97 A per phase,
  // below the 32 A the pilot allows.
  ChargingStation station(StationSettings::threePhase(), kStart);
  station.addSession(car(22.0, 3, 95.0));
  const StationSnapshot snap = station.snapshotAt(at(hours(8) + seconds(2)));
  EXPECT_DOUBLE_EQ(snap.pilotA, 32.0);
  EXPECT_NEAR(snap.currentPerPhaseA, 5500.0 / 690.0, 1e-9);
}

TEST(ChargingStation, LineCurrentsFollowPhasesAndAssignedLine) {
  ChargingStation single(StationSettings::singlePhase(Phase::L3), kStart);
  single.addSession(car(7.4, 1));
  const Eigen::Vector3d l3 = single.snapshotAt(kCharging).lineCurrentsA;
  EXPECT_EQ(l3(0), 0.0);
  EXPECT_NEAR(l3(2), 16.0, 1e-9);

  // A single-phase car on a three-phase station draws on L1.
  ChargingStation three(StationSettings::threePhase(), kStart);
  three.addSession(car(7.0, 1));
  const Eigen::Vector3d l1 = three.snapshotAt(kCharging).lineCurrentsA;
  EXPECT_NEAR(l1(0), 7000.0 / 230.0, 1e-9);
  EXPECT_EQ(l1(1), 0.0);
  EXPECT_NEAR(three.snapshotAt(kCharging).activePowerW, 7000.0, 1e-6);
}

TEST(ChargingStation, SetpointUnderSixAmpsPausesTheCharge) {
  ChargingStation station(StationSettings::singlePhase(Phase::L1), kStart);
  station.addSession(car(7.4, 1));
  station.advanceTo(kCharging);
  station.setCurrentSetpoint(kCharging, 5.9);
  const StationSnapshot paused = station.snapshotAt(kCharging + seconds(3));
  EXPECT_EQ(paused.currentPerPhaseA, 0.0);
  EXPECT_EQ(paused.pilotA, 0.0);
  EXPECT_EQ(paused.status, StationStatus::Waiting);
  station.setCurrentSetpoint(kCharging + seconds(10), 6.0);
  const StationSnapshot resumed = station.snapshotAt(kCharging + seconds(13));
  EXPECT_NEAR(resumed.currentPerPhaseA, 6.0, 1e-12);
  EXPECT_EQ(resumed.status, StationStatus::Charging);
}

TEST(ChargingStation, NewSetpointTakesEffectAfterTheResponseDelay) {
  StationSettings settings = StationSettings::threePhase();
  settings.responseDelay = seconds(2);
  ChargingStation station(settings, kStart);
  station.addSession(car(22.0, 3));
  EXPECT_EQ(station.snapshotAt(at(hours(8))).status, StationStatus::Waiting);  // plugged, not yet drawing
  EXPECT_EQ(station.snapshotAt(at(hours(8) + seconds(2))).status, StationStatus::Charging);
  station.advanceTo(kCharging);
  station.setCurrentSetpoint(kCharging, 10.0);
  EXPECT_EQ(station.snapshotAt(kCharging).setpointA, 10.0);  // the register shows it at once ...
  EXPECT_NEAR(station.snapshotAt(kCharging + seconds(2) - microseconds(1)).currentPerPhaseA, 22000.0 / 690.0, 1e-9);
  EXPECT_NEAR(station.snapshotAt(kCharging + seconds(2)).currentPerPhaseA, 10.0, 1e-12);  // ... the car 2 s later
  EXPECT_EQ(station.nextChangeAt(), kCharging + seconds(2));
}

TEST(ChargingStation, StopsAtTargetSoc) {
  ChargingStation station(StationSettings::threePhase(), kStart);
  station.addSession(car(11.0, 3, 20.0, 60.0));  // 20 kWh at 11 kW, all in the linear stage
  const Time expectedEnd = at(hours(8) + seconds(2)) + microseconds(static_cast<std::int64_t>(std::ceil(20.0 / 11.0 * 3.6e9)));
  EXPECT_EQ(station.snapshotAt(expectedEnd - microseconds(1)).status, StationStatus::Charging);
  const StationSnapshot done = station.snapshotAt(expectedEnd);
  EXPECT_EQ(done.status, StationStatus::Complete);
  EXPECT_EQ(done.lastChargeEnd, ChargeEnd::TargetReached);
  EXPECT_EQ(done.currentPerPhaseA, 0.0);
  EXPECT_NEAR(done.socPct, 60.0, 1e-9);
  EXPECT_NEAR(station.snapshotAt(at(hours(17))).energyCounterWh, 20000.0, 1e-6);
}

TEST(ChargingStation, EnergyWantedAndBatteryFullEndTheCharge) {
  ChargingStation wanted(StationSettings::threePhase(), kStart);
  EvSession session = car(22.0, 3);
  session.energyWantedKWh = 5.0;
  wanted.addSession(session);
  const StationSnapshot afterWanted = wanted.snapshotAt(at(hours(12)));
  EXPECT_NEAR(afterWanted.sessionEnergyWh, 5000.0, 1e-6);
  EXPECT_EQ(afterWanted.lastChargeEnd, ChargeEnd::TargetReached);

  // Target 100 %: the BMS ends the charge when acceptance falls under 1 A per phase.
  ChargingStation full(StationSettings::threePhase(), kStart);
  full.addSession(car(22.0, 3));
  const StationSnapshot afterFull = full.snapshotAt(at(hours(17)));
  EXPECT_EQ(afterFull.status, StationStatus::Complete);
  EXPECT_EQ(afterFull.lastChargeEnd, ChargeEnd::BatteryFull);
  // Ends where the curve gives 3 x 230 W: 1 - s = 0.69 / 22 x 0.2.
  EXPECT_NEAR(afterFull.socPct, 100.0 * (1.0 - 0.69 / 22.0 * 0.2), 1e-9);
}

TEST(ChargingStation, DepartureEndsTheSessionAndKeepsTheCounter) {
  ChargingStation station(StationSettings::singlePhase(Phase::L1), kStart);
  EvSession session = car(7.4, 1);
  session.departure = at(hours(9));  // one hour at 16 A: 3.68 kWh
  session.batteryCapacityKWh = 80.0;
  station.addSession(session);
  const StationSnapshot gone = station.snapshotAt(at(hours(10)));
  EXPECT_EQ(gone.status, StationStatus::Available);
  EXPECT_FALSE(gone.evConnected);
  EXPECT_EQ(gone.lastChargeEnd, ChargeEnd::Departure);
  const double expectedWh = 3680.0 * (hoursOf(hours(1) - seconds(2)));
  EXPECT_NEAR(gone.energyCounterWh, expectedWh, 1e-6);
  EXPECT_NEAR(gone.sessionEnergyWh, expectedWh, 1e-6);
  EXPECT_EQ(gone.currentPerPhaseA, 0.0);
}

TEST(ChargingStation, StatesThroughCommandsAndErrors) {
  ChargingStation station(StationSettings::singlePhase(Phase::L1), kStart);
  station.addSession(car(7.4, 1));
  EXPECT_EQ(station.snapshotAt(at(hours(7))).status, StationStatus::Available);
  station.advanceTo(kCharging);
  EXPECT_EQ(station.snapshotAt(kCharging).status, StationStatus::Charging);

  station.commandWait(kCharging);
  EXPECT_EQ(station.snapshotAt(kCharging + seconds(5)).status, StationStatus::Waiting);
  EXPECT_FALSE(station.snapshotAt(kCharging + seconds(5)).authorised);
  station.commandStart(kCharging + minutes(1));
  EXPECT_EQ(station.snapshotAt(kCharging + minutes(2)).status, StationStatus::Charging);

  station.setEvPlugEnabled(kCharging + minutes(3), false);
  EXPECT_EQ(station.snapshotAt(kCharging + minutes(4)).status, StationStatus::Waiting);
  station.setEvPlugEnabled(kCharging + minutes(5), true);

  station.raiseStationError(kCharging + minutes(6), StationError::OverTemperature);
  const StationSnapshot broken = station.snapshotAt(kCharging + minutes(6));
  EXPECT_EQ(broken.status, StationStatus::Error);
  EXPECT_EQ(broken.stationError, StationError::OverTemperature);
  EXPECT_EQ(broken.currentPerPhaseA, 0.0);  // cut at once, no delay
  station.clearStationError(kCharging + minutes(7));
  EXPECT_EQ(station.snapshotAt(kCharging + minutes(7)).status, StationStatus::Waiting);
  EXPECT_EQ(station.snapshotAt(kCharging + minutes(7) + seconds(2)).status, StationStatus::Charging);

  station.raiseChargeError(kCharging + minutes(8), ChargeError::PilotFault);
  EXPECT_EQ(station.snapshotAt(kCharging + minutes(8)).chargeError, ChargeError::PilotFault);
  // The charge error goes with the vehicle.
  const StationSnapshot after = station.snapshotAt(at(hours(19)));
  EXPECT_EQ(after.status, StationStatus::Available);
  EXPECT_EQ(after.chargeError, ChargeError::None);
}

TEST(ChargingStation, WaitConcernsOnlyTheCurrentProcess) {
  ChargingStation station(StationSettings::singlePhase(Phase::L1), kStart);
  EvSession first = car(7.4, 1);
  first.departure = at(hours(9));
  EvSession second = car(7.4, 1);
  second.arrival = at(hours(9));  // arrives as the first leaves
  second.departure = at(hours(12));
  station.addSession(first);
  station.addSession(second);
  station.advanceTo(kCharging);
  station.commandWait(kCharging);
  EXPECT_EQ(station.snapshotAt(at(hours(8) + minutes(30))).status, StationStatus::Waiting);
  EXPECT_EQ(station.snapshotAt(at(hours(9) + minutes(1))).status, StationStatus::Charging);
}

TEST(ChargingStation, AmpHoursAsTheDlmCountsThem) {
  // Manual 7.16.5.1: 32 Ah at 32 A three-phase is about 22 kWh, reached in one hour.
  ChargingStation station(StationSettings::threePhase(), kStart);
  EvSession session = car(43.0, 3);
  session.batteryCapacityKWh = 100.0;
  station.addSession(session);
  const StationSnapshot snap = station.snapshotAt(at(hours(9) + seconds(2)));
  EXPECT_NEAR(snap.sessionChargeAh, 32.0, 1e-9);
  EXPECT_NEAR(snap.sessionEnergyWh, 22080.0, 1e-6);
}

TEST(ChargingStation, DomesticPlugLoadCountsWhileEnabled) {
  ChargingStation station(StationSettings::singlePhase(Phase::L2), kStart);
  station.setDomesticLoad(kStart, 2300.0);
  EXPECT_NEAR(station.snapshotAt(at(hours(1))).energyCounterWh, 2300.0, 1e-9);
  EXPECT_NEAR(station.snapshotAt(at(hours(1))).lineCurrentsA(1), 10.0, 1e-12);
  station.setDomesticPlugEnabled(at(hours(1)), false);
  EXPECT_NEAR(station.snapshotAt(at(hours(3))).energyCounterWh, 2300.0, 1e-9);
  EXPECT_EQ(station.snapshotAt(at(hours(3))).activePowerW, 0.0);
  EXPECT_FALSE(station.snapshotAt(at(hours(3))).domesticPlugEnabled);
}

/// The same visits and commands, advanced with different steps: identical outputs.
StationSnapshot runWithStep(Duration step, Time until) {
  ChargingStation station(StationSettings::threePhase(), kStart);
  EvSession session = car(22.0, 3, 10.0, 95.0);
  station.addSession(session);
  const std::pair<Time, double> setpoints[] = {{at(hours(9)), 20.0}, {at(hours(9) + minutes(17)), 5.0},
                                                {at(hours(10)), 32.0}, {at(hours(11) + seconds(7)), 12.0}};
  std::size_t next = 0;
  for (Time t = kStart; t <= until; t += step) {
    while (next < std::size(setpoints) && setpoints[next].first <= t) {
      station.setCurrentSetpoint(setpoints[next].first, setpoints[next].second);
      ++next;
    }
    station.advanceTo(t);
  }
  return station.snapshotAt(until);
}

TEST(ChargingStation, ResultsDoNotDependOnThePollPeriod) {
  for (const Time until : {at(hours(9) + minutes(30)), at(hours(12)), at(hours(20))}) {
    const StationSnapshot fine = runWithStep(seconds(1), until);
    const StationSnapshot coarse = runWithStep(minutes(10), until);
    const StationSnapshot once = runWithStep(until - kStart, until);
    EXPECT_NEAR(fine.energyCounterWh, coarse.energyCounterWh, 1e-9 * fine.energyCounterWh);
    EXPECT_DOUBLE_EQ(fine.energyCounterWh, once.energyCounterWh);
    EXPECT_DOUBLE_EQ(fine.socPct, coarse.socPct);
    EXPECT_DOUBLE_EQ(fine.currentPerPhaseA, once.currentPerPhaseA);
    EXPECT_EQ(fine.status, coarse.status);
  }
}

TEST(ChargingStation, NextChangeWalksThroughTheSession) {
  ChargingStation station(StationSettings::threePhase(), kStart);
  station.addSession(car(22.0, 3));
  EXPECT_EQ(station.nextChangeAt(), at(hours(8)));
  station.advanceTo(at(hours(8)));
  EXPECT_EQ(station.nextChangeAt(), at(hours(8) + seconds(2)));
  station.advanceTo(kCharging);
  // Linear stage: the next change is where the taper begins (80 % at 22000/690 A x 690 V).
  const double offeredKW = 22.0;
  const Time taperStart = instantAfterHours(at(hours(8) + seconds(2)), 0.6 * 50.0 / offeredKW);
  EXPECT_EQ(station.nextChangeAt(), taperStart);
  // In the taper: steps where the current has fallen by 1 %, on a grid from the taper start
  // ((C / k) ln(1 / 0.99) apart, k = 22 kW / 0.2).
  const double atTaperA = station.snapshotAt(taperStart).currentPerPhaseA;
  const double stepHours = 50.0 / (22.0 / 0.2) * std::log(1.0 / 0.99);
  station.advanceTo(taperStart);
  EXPECT_EQ(station.nextChangeAt(), instantAfterHours(taperStart, stepHours));
  station.advanceTo(taperStart + minutes(1));
  const Time step = station.nextChangeAt();
  EXPECT_EQ(step, instantAfterHours(taperStart, std::floor(hoursOf(minutes(1)) / stepHours + 1.0) * stepHours));
  EXPECT_GT(step, taperStart + minutes(1));
  EXPECT_NEAR(station.snapshotAt(step).currentPerPhaseA,
              atTaperA * std::pow(0.99, std::round(hoursOf(step - taperStart) / stepHours)), 1e-6);
}

TEST(ChargingStation, RejectsOverlappingOrPastSessions) {
  ChargingStation station(StationSettings::singlePhase(Phase::L1), kStart);
  station.addSession(car(7.4, 1));
  EvSession overlapping = car(7.4, 1);
  overlapping.arrival = at(hours(17));
  overlapping.departure = at(hours(20));
  EXPECT_THROW(station.addSession(overlapping), std::invalid_argument);
  EvSession bad = car(7.4, 2);
  bad.arrival = at(hours(20));
  bad.departure = at(hours(21));
  EXPECT_THROW(station.addSession(bad), std::invalid_argument);  // phases must be 1 or 3
  station.advanceTo(at(days(1)));
  EvSession past = car(7.4, 1);
  EXPECT_THROW(station.addSession(past), std::invalid_argument);
}

TEST(ChargingStationModel, SteppedByTheEngineAndMetered) {
  Engine engine({kStart, 1});
  ChargingStationModel model("CP1", StationSettings::singlePhase(Phase::L1), kStart);
  EvSession session = car(7.4, 1, 20.0, 40.0);  // 10 kWh
  model.station().addSession(session);
  engine.addStepped(model, seconds(1));
  engine.runUntil(at(hours(8) + minutes(30)));
  EXPECT_NEAR(model.currentRate(), 3680.0, 1e-9);
  EXPECT_NEAR(model.counterAt(engine.now()), 3680.0 * hoursOf(minutes(30) - seconds(2)), 1e-6);
  engine.runUntil(at(hours(20)));
  EXPECT_NEAR(model.counterAt(engine.now()), 10000.0, 1e-6);
  EXPECT_EQ(model.currentRate(), 0.0);
}

TEST(EvSession, FromScenarioSpecWithDefaults) {
  scenario::EvSessionSpec spec;
  spec.arrival = at(hours(8));
  spec.departure = at(hours(9));
  spec.energyWantedKWh = 12.0;
  const EvSession onSingle = evSessionFromSpec(spec, 1);
  EXPECT_EQ(onSingle.phases, 1);
  EXPECT_DOUBLE_EQ(onSingle.maxChargePowerKW, 7.4);
  EXPECT_DOUBLE_EQ(onSingle.targetSocPct, 100.0);
  EXPECT_NEAR(onSingle.stopSocPct(), 20.0 + 12.0 / 50.0 * 100.0, 1e-12);
  const EvSession onThree = evSessionFromSpec(spec, 3);
  EXPECT_EQ(onThree.phases, 3);
  EXPECT_DOUBLE_EQ(onThree.maxChargePowerKW, 22.0);
  spec.phases = 1;
  spec.maxPowerKW = 3.7;
  EXPECT_DOUBLE_EQ(evSessionFromSpec(spec, 3).maxChargePowerKW, 3.7);
  EXPECT_EQ(evSessionFromSpec(spec, 3).phases, 1);
  EvSession inverted = onSingle;
  inverted.targetSocPct = 10.0;
  EXPECT_THROW(validate(inverted), std::invalid_argument);
}

}  // namespace
}  // namespace ews::physics
