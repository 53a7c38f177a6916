#include "ews/profiles/identification.hpp"

#include <cctype>

#include <fmt/format.h>

#include "ews/installation/catalogue.hpp"

namespace ews::profiles {

namespace {

constexpr std::size_t kCatalogueDigits = 6;

/// The digits of a catalogue number ("4 120 53" -> 412053); nullopt for a name that is not
/// six digits and spaces.
std::optional<std::uint32_t> catalogueDigits(std::string_view number) {
  std::uint32_t value = 0;
  std::size_t digits = 0;
  for (const char c : number) {
    if (c == ' ') continue;
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
    ++digits;
  }
  if (digits != kCatalogueDigits) return std::nullopt;
  return value;
}

/// "0 590 00" from 59000: the catalogue's spelling, one digit, three, two.
std::string spellCatalogueNumber(std::uint32_t digits) {
  const std::string all = fmt::format("{:06d}", digits);
  return fmt::format("{} {} {}", all.substr(0, 1), all.substr(1, 3), all.substr(4, 2));
}

}  // namespace

bool isIdentification(std::string_view fieldName) { return fieldName.starts_with(kIdentPrefix); }

std::optional<std::uint32_t> modelCodeOf(installation::DeviceFamily family, std::string_view model) {
  if (const installation::CatalogueModel* found = installation::findModel(family, model)) {
    if (auto digits = catalogueDigits(found->number)) return digits;
    return kNamedModelCodeBase + static_cast<std::uint32_t>(found - installation::catalogue().data());
  }
  if (family == installation::DeviceFamily::PulseCounter) {
    if (auto host = installation::findPulseHost(model)) return catalogueDigits(host->number);
  }
  return std::nullopt;
}

std::optional<std::uint32_t> modelCodeOf(std::string_view model) {
  for (const installation::CatalogueModel& entry : installation::catalogue()) {
    if (auto code = modelCodeOf(entry.family, model)) return code;
  }
  return modelCodeOf(installation::DeviceFamily::PulseCounter, model);
}

std::optional<IdentifiedModel> modelOfCode(std::uint32_t code) {
  const auto all = installation::catalogue();
  if (code >= kNamedModelCodeBase) {
    const std::size_t index = code - kNamedModelCodeBase;
    if (index >= all.size() || catalogueDigits(all[index].number)) return std::nullopt;
    return IdentifiedModel{all[index].family, std::string(all[index].number), std::string(all[index].description)};
  }
  for (const installation::CatalogueModel& model : all) {
    if (catalogueDigits(model.number) == code) {
      return IdentifiedModel{model.family, std::string(model.number), std::string(model.description)};
    }
  }
  for (const installation::PulseConcentrator& concentrator : installation::pulseConcentrators()) {
    if (catalogueDigits(concentrator.number) == code) {
      return IdentifiedModel{installation::DeviceFamily::PulseCounter, std::string(concentrator.number),
                             std::string(concentrator.description)};
    }
  }
  return std::nullopt;
}

std::optional<IdentificationRead> identificationReadOf(const RegisterMap& map) {
  const auto model = map.find(kIdentModel);
  if (!model) return std::nullopt;
  IdentificationRead plan;
  plan.modelField = *model;
  plan.firmwareField = map.find(kIdentFirmware);
  std::vector<std::size_t> fields{*model};
  if (plan.firmwareField) fields.push_back(*plan.firmwareField);
  std::vector<ReadBlock> reads = planReads(map, fields);
  if (reads.size() != 1) {
    // Model and firmware are adjacent in every shipped map; a map that puts them apart is read
    // for its model only (one request per identification).
    plan.firmwareField.reset();
    reads = planReads(map, std::span(fields).first(1));
  }
  plan.read = std::move(reads.front());
  return plan;
}

DeviceIdentity decodeIdentity(const RegisterMap& map, const IdentificationRead& plan, std::span<const std::uint16_t> buffer) {
  DeviceIdentity identity;
  const Field& model = map.field(plan.modelField);
  identity.modelCode = static_cast<std::uint32_t>(decode(model, plan.read.wordsOf(model, buffer)));
  if (plan.firmwareField) {
    const Field& firmware = map.field(*plan.firmwareField);
    identity.firmware = decode(firmware, plan.read.wordsOf(firmware, buffer));
  }
  return identity;
}

std::string describeModelCode(std::uint32_t code) {
  if (auto model = modelOfCode(code)) return model->number;
  if (code < kNamedModelCodeBase) return fmt::format("unknown catalogue number {}", spellCatalogueNumber(code));
  return fmt::format("unknown model code {}", code);
}

}  // namespace ews::profiles
