#pragma once
// The bill of consumptions (manual 7.16.3): for each energy, up to 5 tariffs with up to 5
// dated prices each, and an ordered list of cost rules saying which tariff applies when.
// Plain structs: the scenario loader fills them, the recorder prices with them
// (pricing.hpp), the stores name their cost columns after them. How rules are evaluated:
// rules.hpp and docs/tariffs.md.
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ews/installation/spec.hpp"

namespace ews::tariff {

inline constexpr std::size_t kMaxTariffs = 5;  ///< per energy (manual 7.16.3.1)
inline constexpr std::size_t kMaxPrices = 5;   ///< per tariff (manual 7.16.3.1)
/// The tariff that the single price of an EWS older than 3.8.1 becomes (manual 7.16.3.1).
inline constexpr std::string_view kDefaultTariffName = "DEFAULT";
/// Consumption is recorded in Wh and dm3 (manual 8.4.3) and priced per kWh and per m3.
inline constexpr double kRecordedUnitsPerBillingUnit = 1000.0;
inline constexpr int kMinutesPerDay = 24 * 60;

/// A local calendar day of the site. In a rule repeated every year only month and day count
/// (the year is 0).
struct CivilDate {
  int year = 0;
  unsigned month = 1;  ///< 1..12
  unsigned day = 1;    ///< 1..31
  friend constexpr auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

struct Price {
  /// Currency units per billing unit: per kWh of electricity, per m3 of gas or water.
  double pricePerUnit = 0.0;
  /// The first local day the price applies; it holds until the next price's day. Empty:
  /// always valid, which the manual allows only for a tariff's single price.
  std::optional<CivilDate> from{};
};

struct Tariff {
  std::string name{};
  std::string colour{};  ///< "#RRGGBB", the tariff's colour in the Tariffs pages (8.2.2.5)
  std::vector<Price> prices{};
};

/// Days of the week, bit 0 = Sunday ... bit 6 = Saturday (the C encoding TimeZone::weekday
/// and date/tz use).
struct WeekdaySet {
  static constexpr std::uint8_t kEveryDay = 0x7F;
  static constexpr std::uint8_t kMondayToFriday = 0x3E;
  std::uint8_t bits = kEveryDay;

  constexpr bool contains(unsigned weekday) const { return ((bits >> weekday) & 1U) != 0; }
  constexpr bool empty() const { return (bits & kEveryDay) == 0; }
  friend constexpr bool operator==(const WeekdaySet&, const WeekdaySet&) = default;
};

/// The part of a local day a rule holds, as the manual writes it: first and last minute,
/// both included ("00:00 to 18:59" is {0, 1139}; "19:00 to 23:59" ends at midnight).
struct TimeFrame {
  int firstMinuteOfDay = 0;
  int lastMinuteOfDay = kMinutesPerDay - 1;
  friend constexpr bool operator==(const TimeFrame&, const TimeFrame&) = default;
};

/// A validity date (first == last) or period, both days included. In a rule repeated every
/// year the years are 0 and `last` may come before `first`: a period across New Year
/// (24 Dec - 2 Jan).
struct DateSpan {
  CivilDate first;
  CivilDate last;
};

struct CostRule {
  std::string tariff{};             ///< name of a tariff of the same energy
  std::optional<DateSpan> dates{};  ///< empty: valid on every day
  bool repeatEveryYear = false;     ///< `dates` hold every year (month and day only)
  TimeFrame time{};                 ///< default: all day
  WeekdaySet days{};                ///< default: every day
};

/// One energy's tariffs (the position in the list is the tariff's index in cost rows) and its
/// cost rules in the user's order: the order is the evaluation order (rules.hpp).
struct EnergyTariffs {
  std::vector<Tariff> tariffs;
  std::vector<CostRule> rules;
  /// Whether this energy is priced at all; with tariffs but no rules every instant is
  /// reported as not covered.
  bool billed() const { return !tariffs.empty(); }
};

struct TariffPlan {
  EnergyTariffs electricity;
  EnergyTariffs water;
  EnergyTariffs gas;

  EnergyTariffs& of(installation::Medium medium);
  const EnergyTariffs& of(installation::Medium medium) const;
};

/// "kWh" for electricity, "m3" for water and gas: what a price is per.
std::string_view billingUnitOf(installation::Medium medium);

/// The colour a tariff gets when none is chosen, by its position (0..4).
std::string_view defaultColour(std::size_t position);

/// The migration of a pre-3.8.1 flat price (manual 7.16.3.1, "Consumptions costs set and
/// assigned with previous versions"): a tariff named DEFAULT with that single undated price,
/// and one rule that is always valid (no dates, all day, every day).
EnergyTariffs defaultTariffs(double pricePerUnit);

/// The "Move up" / "Move down" buttons of the cost rule list: swap rule `index` with its
/// neighbour. False (nothing changes) for the first rule moved up or the last moved down.
/// Throws std::out_of_range for an index past the list.
bool moveRuleUp(EnergyTariffs& tariffs, std::size_t index);
bool moveRuleDown(EnergyTariffs& tariffs, std::size_t index);

}  // namespace ews::tariff
