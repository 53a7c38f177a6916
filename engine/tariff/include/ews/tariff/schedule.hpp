#pragma once
// One energy's cost rules compiled into UTC segments, one local day at a time: the rule
// stretches of the day (rules.hpp) with each rule's tariff and that day's price, mapped to
// UTC through the site's zone (days of 23 and 25 hours included). A day is compiled the
// first time it is asked for and kept, so pricing a sample is a lookup in its day.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "ews/kernel/calendar.hpp"
#include "ews/kernel/time.hpp"
#include "ews/tariff/plan.hpp"

namespace ews::tariff {

enum class Coverage : std::uint8_t {
  Priced,   ///< a rule is in force and its tariff has a price that day
  NoRule,   ///< no cost rule is true: the consumption is reported, not priced
  NoPrice,  ///< the rule's tariff has no price yet that day (before its first price's date)
};

/// A stretch of UTC time [start, end) with one rule, tariff and price in force.
struct Segment {
  Time start{};
  Time end{};
  Coverage coverage = Coverage::NoRule;
  std::uint32_t rule = 0;     ///< position of the rule in force (Priced, NoPrice)
  std::uint32_t tariff = 0;   ///< position of its tariff in the energy's list (Priced, NoPrice)
  double pricePerUnit = 0.0;  ///< Priced: currency units per kWh or m3
};

class TariffSchedule {
 public:
  /// Throws std::invalid_argument when `tariffs` breaks a rule of validation.hpp.
  TariffSchedule(EnergyTariffs tariffs, const TimeZone& zone, installation::Medium medium);
  ~TariffSchedule();
  TariffSchedule(TariffSchedule&&) noexcept;
  TariffSchedule& operator=(TariffSchedule&&) noexcept;

  const EnergyTariffs& tariffs() const;

  /// The segments of the local day holding `t`, in time order, from the day's first instant
  /// (local midnight) to the next day's. Valid as long as the schedule.
  std::span<const Segment> dayOf(Time t);
  /// The segment in force at `t`.
  const Segment& at(Time t);
  /// The stretch not priced (NoRule or NoPrice) that holds `t`, from its segment's start
  /// through the following days while they stay unpriced for the same reason (and, for
  /// NoPrice, the same tariff), looking at most `horizonDays` ahead; empty when `t` is priced.
  std::optional<Segment> unpricedStretchAt(Time t, int horizonDays = 366);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ews::tariff
