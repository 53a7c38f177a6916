#include "ews/physics/breaker.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ews::physics {

Breaker::Breaker(BreakerSettings settings, Time start, BreakerState initial)
    : settings_(settings), now_(start), state_(initial) {
  if (!(settings_.ratedCurrentA > 0.0)) throw std::invalid_argument("breaker rated current must be > 0 A");
  if (!(settings_.pickupFactor > 0.0) || !(settings_.shortCircuitFactor > settings_.pickupFactor)) {
    throw std::invalid_argument("breaker factors must satisfy 0 < pickup < short-circuit");
  }
  if (settings_.overcurrentDelay < Duration::zero()) throw std::invalid_argument("overcurrent delay must be >= 0");
  if (initial != BreakerState::Closed) cause_ = TripCause::Command;
}

void Breaker::schedule(const BreakerEvent& event) {
  if (event.at < now_) throw std::invalid_argument("breaker event scheduled in the past");
  // upper_bound keeps events at the same instant in insertion order.
  const auto at = std::upper_bound(events_.begin(), events_.end(), event.at,
                                   [](Time t, const BreakerEvent& e) { return t < e.at; });
  events_.insert(at, event);
}

Time Breaker::overcurrentTripAt() const {
  if (overcurrentSince_ == kNever) return kNever;
  return overcurrentSince_ + settings_.overcurrentDelay;
}

Time Breaker::nextChangeAt() const {
  const Time nextEvent = events_.empty() ? kNever : events_.front().at;
  return std::min(nextEvent, overcurrentTripAt());
}

void Breaker::advanceTo(Time t) {
  if (t < now_) throw std::invalid_argument("Breaker: time runs backwards");
  // Whatever falls due first happens first, at its own instant; an overcurrent trip due at
  // the same instant as an event happens before it (protection acts on the past interval).
  for (Time next = nextChangeAt(); next <= t; next = nextChangeAt()) {
    now_ = next;
    if (overcurrentTripAt() == next) {
      leaveClosed(BreakerState::Tripped, TripCause::Overcurrent);
    } else {
      const BreakerEvent event = events_.front();
      events_.erase(events_.begin());
      applyEvent(event);
    }
  }
  now_ = t;
}

void Breaker::applyEvent(const BreakerEvent& event) {
  switch (event.action) {
    case BreakerEvent::Action::Trip:
      leaveClosed(BreakerState::Tripped, event.cause == TripCause::None ? TripCause::Command : event.cause);
      break;
    case BreakerEvent::Action::Open: leaveClosed(BreakerState::Open, TripCause::Command); break;
    case BreakerEvent::Action::Close: reclose(); break;
  }
}

void Breaker::leaveClosed(BreakerState state, TripCause cause) {
  // An open or tripped breaker cannot trip again: the first cause stays until reclosing.
  if (state_ != BreakerState::Closed) return;
  overcurrentSince_ = kNever;
  lastOpenedAt_ = now_;
  if (state == BreakerState::Tripped) ++tripCount_;
  state_ = state;
  cause_ = cause;
}

void Breaker::reclose() {
  if (state_ == BreakerState::Closed) return;
  state_ = BreakerState::Closed;
  cause_ = TripCause::None;
  overcurrentSince_ = kNever;
  checkProtections();
}

void Breaker::checkProtections() {
  if (state_ != BreakerState::Closed) return;
  const double peakA = loadCurrentA_.maxCoeff();
  if (settings_.earthLeakageA > 0.0 && residualCurrentA_ >= settings_.earthLeakageA) {
    leaveClosed(BreakerState::Tripped, TripCause::EarthLeakage);
  } else if (peakA >= settings_.ratedCurrentA * settings_.shortCircuitFactor) {
    leaveClosed(BreakerState::Tripped, TripCause::ShortCircuit);
  } else if (peakA > settings_.ratedCurrentA * settings_.pickupFactor) {
    if (overcurrentSince_ == kNever) overcurrentSince_ = now_;  // else the episode goes on
    if (overcurrentTripAt() <= now_) leaveClosed(BreakerState::Tripped, TripCause::Overcurrent);
  } else {
    overcurrentSince_ = kNever;  // back under the pickup: the delay starts over next time
  }
}

void Breaker::setLoadCurrents(Time t, const Eigen::Vector3d& currentA) {
  advanceTo(t);
  loadCurrentA_ = currentA.cwiseAbs();
  checkProtections();
}

void Breaker::setResidualCurrent(Time t, double currentA) {
  advanceTo(t);
  residualCurrentA_ = std::abs(currentA);
  checkProtections();
}

void Breaker::open(Time t) {
  advanceTo(t);
  applyEvent(BreakerEvent{t, BreakerEvent::Action::Open, TripCause::Command});
}

void Breaker::trip(Time t, TripCause cause) {
  advanceTo(t);
  applyEvent(BreakerEvent{t, BreakerEvent::Action::Trip, cause});
}

void Breaker::close(Time t) {
  advanceTo(t);
  reclose();
}

Eigen::Vector3d Breaker::throughCurrentsA() const {
  return conducting() ? loadCurrentA_ : Eigen::Vector3d::Zero();
}

}  // namespace ews::physics
