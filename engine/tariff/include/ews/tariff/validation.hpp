#pragma once
// What makes a bill of consumptions valid (manual 7.16.3 - 7.16.3.1): at most 5 tariffs per
// energy and 5 prices per tariff, a date on every price as soon as a tariff has more than
// one, rules that name an existing tariff and hold on at least one day of the week, and an
// ISO 4217 currency. One set of checks for the scenario loader (which adds file:line:column)
// and for plans built in code.
#include <string>
#include <string_view>
#include <vector>

#include "ews/tariff/plan.hpp"

namespace ews::tariff {

struct PlanProblem {
  /// The field, named as in the scenario format (docs/scenario-format.md, `tariffs`),
  /// relative to the energy for problemsOf(EnergyTariffs) ("tariffs[5]",
  /// "tariffs[0].prices[1].from", "rules[2].tariff") and prefixed with the energy for
  /// problemsOf(TariffPlan) ("electricity.rules[2].tariff").
  std::string field;
  std::string reason;
};

/// Every problem of one energy's tariffs and rules, in list order.
std::vector<PlanProblem> problemsOf(const EnergyTariffs& tariffs, installation::Medium medium);
/// Every problem of the three energies (electricity, water, gas).
std::vector<PlanProblem> problemsOf(const TariffPlan& plan);
/// Throw std::invalid_argument naming every problem ("field: reason; field: reason").
void requireValid(const TariffPlan& plan);
void requireValid(const EnergyTariffs& tariffs, installation::Medium medium);

/// An active ISO 4217 alphabetic code of a currency (EUR, USD, GBP, CHF, ...). Codes that
/// name no money one is billed in (gold XAU, test XTS, "no currency" XXX) are refused.
bool isIso4217Currency(std::string_view code);
/// "#RRGGBB" with hexadecimal digits.
bool isColour(std::string_view text);

}  // namespace ews::tariff
