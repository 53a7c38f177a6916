#include "ews/devices/breaker_status.hpp"

#include <algorithm>
#include <charconv>

#include "ews/installation/elements.hpp"

namespace ews::devices {

namespace {
// Codes of the quantities served.
enum Code : std::uint32_t { kState = 1, kTripCause, kPositionContact, kFaultContact };

constexpr double kDx3AddOnRatingA = 63.0;
constexpr double kDmx3RatingA = 2500.0;
constexpr double kDefaultRatingA = 63.0;
}  // namespace

physics::BreakerSettings breakerSettingsFor(const installation::Device& device) {
  physics::BreakerSettings settings;
  settings.ratedCurrentA = kDefaultRatingA;
  const std::string_view model = device.model;
  constexpr std::string_view kDpx3 = "DPX3 ";
  if (model.starts_with(kDpx3)) {
    // "DPX3 630 electronic ...": the frame size is the rating.
    int ratingA = 0;
    const char* begin = model.data() + kDpx3.size();
    const auto [end, error] = std::from_chars(begin, model.data() + model.size(), ratingA);
    if (error == std::errc{} && end != begin && ratingA > 0) settings.ratedCurrentA = ratingA;
  } else if (model.starts_with("4 106 5")) {
    settings.ratedCurrentA = kDx3AddOnRatingA;
  } else if (model.starts_with("0 288 0")) {
    settings.ratedCurrentA = kDmx3RatingA;
  }
  settings.supply = device.supply == installation::Supply::Downstream ? physics::SupplyDirection::Downstream
                                                                       : physics::SupplyDirection::Upstream;
  return settings;
}

BreakerStatus::BreakerStatus(const installation::Device* device, physics::BreakerSettings settings, Time start,
                             const PowerSource* load, SupplyPoint point)
    : Behaviour(device),
      load_(load != nullptr ? load : &idle_),
      point_(point),
      breaker_(settings, start),
      ledger_{start, {}, 0.0, 0.0},
      prepared_(breaker_) {}

std::optional<std::uint32_t> BreakerStatus::bind(std::string_view name) {
  if (name == "breaker.state") return kState;
  if (name == "breaker.tripCause") return kTripCause;
  if (name == "state.input.1") return kPositionContact;
  if (name == "state.input.2") return kFaultContact;
  return std::nullopt;
}

void BreakerStatus::advance(physics::Breaker& breaker, Ledger& ledger, Time t) {
  if (t <= ledger.at) return;
  // The load's power is constant between two steps: what it drew over a span is its power
  // times the span, so only the spans the breaker was open or tripped need adding up.
  double loadW = 0.0;
  double loadVar = 0.0;
  for (std::size_t line = 0; line < 3; ++line) {
    loadW += ledger.load.activeW[line];
    loadVar += ledger.load.reactiveVar[line];
  }
  const auto keepOut = [&](Time from, Time to) {
    ledger.blockedWh += loadW * physics::hoursOf(to - from);
    ledger.blockedVarh += loadVar * physics::hoursOf(to - from);
  };
  Time cursor = ledger.at;
  for (Time next = breaker.nextChangeAt(); next <= t; next = breaker.nextChangeAt()) {
    next = std::max(next, cursor);
    if (!breaker.conducting()) keepOut(cursor, next);
    breaker.advanceTo(next);
    cursor = next;
  }
  if (!breaker.conducting()) keepOut(cursor, t);
  if (t > breaker.now()) breaker.advanceTo(t);
  ledger.at = t;
}

physics::Breaker BreakerStatus::breakerAt(Time t) const {
  physics::Breaker ahead = breaker_;
  Ledger ledger = ledger_;
  advance(ahead, ledger, t);
  return ahead;
}

void BreakerStatus::settle(Time t) {
  advance(breaker_, ledger_, t);
  const bool closed = breaker_.state() == physics::BreakerState::Closed;
  if (settled_ && closed != closedAtLastStep_) {
    for (const auto& observer : positionObservers_) observer(t, closed);
  }
  closedAtLastStep_ = closed;
  // The protections judge the load's currents from t on (its power is constant until the
  // next step); told only when the power changed.
  const models::LinePowers load = load_->linePowersAt(t);
  if (!(load == ledger_.load) || !settled_) {
    breaker_.setLoadCurrents(t, point_.currentsFor(load));
    ledger_.load = load;
    settled_ = true;
  }
}

void BreakerStatus::prepare(Time t) { prepared_ = breakerAt(t); }

double BreakerStatus::value(std::uint32_t code) const {
  switch (code) {
    case kState: return static_cast<double>(prepared_.state());
    case kTripCause: return static_cast<double>(prepared_.cause());
    case kPositionContact: return prepared_.state() == physics::BreakerState::Closed ? 1.0 : 0.0;
    case kFaultContact: return prepared_.state() == physics::BreakerState::Tripped ? 1.0 : 0.0;
    default: return 0.0;
  }
}

models::LinePowers BreakerStatus::Through::linePowersAt(Time t) const {
  return owner_->breakerAt(t).conducting() ? owner_->load_->linePowersAt(t) : models::LinePowers{};
}

double BreakerStatus::Through::energyAt(Time t) const {
  physics::Breaker ahead = owner_->breaker_;
  Ledger ledger = owner_->ledger_;
  advance(ahead, ledger, t);
  return owner_->load_->energyAt(t) - ledger.blockedWh;
}

double BreakerStatus::Through::reactiveEnergyAt(Time t) const {
  physics::Breaker ahead = owner_->breaker_;
  Ledger ledger = owner_->ledger_;
  advance(ahead, ledger, t);
  return owner_->load_->reactiveEnergyAt(t) - ledger.blockedVarh;
}

}  // namespace ews::devices
