#include "ews/tariff/plan.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace ews::tariff {

namespace {
/// Five colours that stay apart for colour-blind readers (Okabe-Ito).
constexpr std::array<std::string_view, kMaxTariffs> kPalette = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9"};

void checkIndex(const EnergyTariffs& tariffs, std::size_t index) {
  if (index >= tariffs.rules.size()) throw std::out_of_range("no cost rule at that position");
}
}  // namespace

EnergyTariffs& TariffPlan::of(installation::Medium medium) {
  return const_cast<EnergyTariffs&>(std::as_const(*this).of(medium));
}

const EnergyTariffs& TariffPlan::of(installation::Medium medium) const {
  switch (medium) {
    case installation::Medium::Water:
      return water;
    case installation::Medium::Gas:
      return gas;
    case installation::Medium::Electricity:
      break;
  }
  return electricity;
}

std::string_view billingUnitOf(installation::Medium medium) {
  return medium == installation::Medium::Electricity ? "kWh" : "m3";
}

std::string_view defaultColour(std::size_t position) { return kPalette[position % kPalette.size()]; }

EnergyTariffs defaultTariffs(double pricePerUnit) {
  EnergyTariffs tariffs;
  tariffs.tariffs.push_back(
      Tariff{std::string(kDefaultTariffName), std::string(defaultColour(0)), {Price{pricePerUnit, {}}}});
  CostRule always;
  always.tariff = std::string(kDefaultTariffName);
  tariffs.rules.push_back(always);
  return tariffs;
}

bool moveRuleUp(EnergyTariffs& tariffs, std::size_t index) {
  checkIndex(tariffs, index);
  if (index == 0) return false;
  std::swap(tariffs.rules[index], tariffs.rules[index - 1]);
  return true;
}

bool moveRuleDown(EnergyTariffs& tariffs, std::size_t index) {
  checkIndex(tariffs, index);
  if (index + 1 == tariffs.rules.size()) return false;
  std::swap(tariffs.rules[index], tariffs.rules[index + 1]);
  return true;
}

}  // namespace ews::tariff
